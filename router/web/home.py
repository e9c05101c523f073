"""`/`: the signed-in person's home, with the pages of their role."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from policies.vocabulary import Role
from router.web import nav
from router.web.deps import CurrentStaff
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

ROLE_TITLES: dict[str, str] = {
    Role.CLINICIAN: "Clinician",
    Role.SUPERVISOR: "Supervisor",
    Role.ADMIN: "Admin",
}


@router.get("/")
def home(request: Request, staff: CurrentStaff) -> Response:
    return render(
        request,
        "home.html",
        {
            "staff": staff,
            "role_title": ROLE_TITLES.get(staff.member.role, staff.member.role),
            "nav": nav.for_role(staff.member.role),
            "idle_minutes": int(staff.signed_in.idle_timeout.total_seconds() // 60),
        },
    )
