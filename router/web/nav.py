"""What each role's home links to. A page not built yet is listed, not linked."""

from __future__ import annotations

from dataclasses import dataclass

from policies.vocabulary import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    path: str
    ready: bool = False  # set True when the page exists


CLINICIAN = [
    NavItem("My on-call week", "/week", ready=True),
    NavItem("Cover requests", "/cover", ready=True),
    NavItem("My follow-ups", "/follow-ups", ready=True),
    NavItem("My coaching pauses", "/pauses", ready=True),
]
SUPERVISOR = [
    NavItem("Contact log", "/contacts", ready=True),
    NavItem("Follow-up queue", "/follow-ups", ready=True),
    NavItem("Coverage, next 14 days", "/coverage", ready=True),
    NavItem("Coaching pauses", "/pauses", ready=True),
    NavItem("Audit trail", "/audit", ready=True),
]
ADMIN = [*SUPERVISOR, NavItem("Roster upload", "/roster", ready=True)]

BY_ROLE: dict[str, list[NavItem]] = {
    Role.CLINICIAN: CLINICIAN,
    Role.SUPERVISOR: SUPERVISOR,
    Role.ADMIN: ADMIN,
}


def for_role(role: str) -> list[NavItem]:
    return BY_ROLE.get(role, CLINICIAN)
