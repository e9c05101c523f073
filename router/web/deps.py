"""Dependencies for pages: the signed-in staff member, or a redirect to the sign-in page."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from policies.vocabulary import Role
from router.accounts import sessions
from router.api.deps import SessionDep
from router.core import clock
from router.core.errors import InputError
from router.store.models import Clinician, Practice
from router.store.repositories import accounts
from router.web.forms import SESSION_COOKIE

SIGN_IN = "/login"


async def usable_values(request: Request) -> None:
    """Refuses, before any page reads the database, a NUL character in the path, the query or
    a form field: no person types one, and PostgreSQL text cannot hold it (a 422 naming the
    field, never a 500). Every page router depends on it (router/web/__init__.py)."""
    values: list[tuple[str, object]] = [
        *request.path_params.items(),
        *request.query_params.multi_items(),
    ]
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        values += (await request.form()).multi_items()  # FastAPI's own parse, cached
    for name, value in values:
        if isinstance(value, str) and "\x00" in value:
            raise InputError(name, value, "contains a NUL character")


@dataclass(frozen=True)
class Staff:
    member: Clinician
    practice: Practice
    signed_in: sessions.SignedIn

    @property
    def csrf(self) -> str:
        return self.signed_in.csrf

    def csrf_ok(self, submitted: str) -> bool:
        return hmac.compare_digest(self.csrf, submitted or "")


def _to_sign_in() -> HTTPException:
    return HTTPException(303, "sign in first", headers={"Location": SIGN_IN})


def signed_in_staff(request: Request, session: SessionDep) -> Staff | None:
    token = request.cookies.get(SESSION_COOKIE)
    live = sessions.signed_in(session, token, clock.now()) if token else None
    if live is None:
        return None
    practice = accounts.practice(session, live.member.practice_id)
    return Staff(live.member, practice, live) if practice else None


def current_staff(staff: Annotated[Staff | None, Depends(signed_in_staff)]) -> Staff:
    """No, forged, expired or revoked session: the sign-in page, never anyone's data."""
    if staff is None:
        raise _to_sign_in()
    return staff


CurrentStaff = Annotated[Staff, Depends(current_staff)]


def staff_with_role(*roles: Role) -> Callable[[Staff], Staff]:
    """For pages only some roles may open: others get 403 (S8)."""

    def check(staff: CurrentStaff) -> Staff:
        if staff.member.role not in roles:
            raise HTTPException(403, "this page is not for your role")
        return staff

    return check


SupervisorStaff = Annotated[Staff, Depends(staff_with_role(Role.SUPERVISOR, Role.ADMIN))]
AdminStaff = Annotated[Staff, Depends(staff_with_role(Role.ADMIN))]
