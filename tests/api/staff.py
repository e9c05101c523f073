"""Two practices with every role, for the S8 access matrix of the staff-tools API."""

from __future__ import annotations

import yaml

from router.core.db import session_scope
from router.roster.parse import parse_roster
from router.store.repositories import tokens
from router.store.repositories.roster import apply_roster, known_clinicians
from tests.clinic import DATA


def _load(document: dict[str, object]) -> None:
    text = yaml.safe_dump(document, sort_keys=False)
    practice = document["practice"]
    assert isinstance(practice, dict)
    with session_scope() as session:
        known = known_clinicians(session, practice["id"])
        apply_roster(session, parse_roster(text, known_clinicians=known))


def load_two_practices() -> None:
    """Riverside (the test roster plus admin adm-ray) and Harbor (dr-wu, sup-hale, adm-hale)."""
    riverside = yaml.safe_load((DATA / "riverside.yaml").read_text())
    riverside["clinicians"].append(
        {"id": "adm-ray", "name": "Ray Admin", "phone": "617-555-0108", "role": "admin"}
    )
    _load(riverside)
    harbor = yaml.safe_load((DATA / "roster_harbor.yaml").read_text())
    harbor["clinicians"] += [
        {"id": "sup-hale", "name": "Hal Hale", "phone": "617-555-0122", "role": "supervisor"},
        {"id": "adm-hale", "name": "Ada Hale", "phone": "617-555-0123", "role": "admin"},
    ]
    _load(harbor)


def bearer(user_id: str) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, user_id)}"}


def window_id(clinician_id: str) -> int:
    from sqlalchemy import select

    from router.store.models import OnCallWindow

    with session_scope() as session:
        found = session.scalars(
            select(OnCallWindow.id)
            .where(OnCallWindow.clinician_id == clinician_id)
            .order_by(OnCallWindow.id)
        ).first()
    assert found is not None
    return found
