"""`/`: the signed-in person's home, with the pages of their role, and their private on-call
calendar feed (the iCal URL of `/api/v1/me`) with a form that replaces it (revokes the old)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from policies.vocabulary import Role
from router.api.deps import SessionDep
from router.oncall import ical
from router.web import nav
from router.web.deps import CurrentStaff, Staff
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

ROLE_TITLES: dict[str, str] = {
    Role.CLINICIAN: "Clinician",
    Role.SUPERVISOR: "Supervisor",
    Role.ADMIN: "Admin",
}


NOTICES = {"ical": "New calendar link made: the old one no longer works. Subscribe again."}


def _home(
    request: Request, session: SessionDep, staff: Staff, status_code: int = 200, **context: Any
) -> Response:
    return render(
        request,
        "home.html",
        {
            "staff": staff,
            "role_title": ROLE_TITLES.get(staff.member.role, staff.member.role),
            "nav": nav.for_role(staff.member.role),
            "idle_minutes": int(staff.signed_in.idle_timeout.total_seconds() // 60),
            "ical_url": ical.feed_url(session, staff.member),
        }
        | context,
        status_code,
    )


@router.get("/")
def home(request: Request, session: SessionDep, staff: CurrentStaff, m: str = "") -> Response:
    return _home(request, session, staff, notice=NOTICES.get(m))


@router.post("/ical/revoke")
def revoke_ical(
    request: Request, session: SessionDep, staff: CurrentStaff, csrf: Annotated[str, Form()] = ""
) -> Response:
    """A new feed URL; calendars subscribed to the old one stop updating (audited)."""
    if not staff.csrf_ok(csrf):
        return _home(request, session, staff, 403, error=FORM_REFUSED)
    ical.revoke(session, staff.member)
    return RedirectResponse("/?m=ical", 303)
