"""`/cover`: cover requests in and out. A clinician accepts or declines what colleagues asked
of them (as texting YES/NO with the code does) and sees what they asked; asking is on the
week page, per occurrence. Through the cover service the API uses: S8, audit, texts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from router.api.deps import SessionDep
from router.core import clock
from router.oncall import cover
from router.store.repositories import directory
from router.store.repositories import staff as staff_repo
from router.web.deps import CurrentStaff, Staff
from router.web.refusals import REFUSALS, refused_form
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

NOTICES = {"accepted": "Accepted: you are on call for that stretch.", "declined": "Declined."}


def _page(
    request: Request, session: Session, staff: Staff, status_code: int = 200, **context: object
) -> Response:
    mine = staff_repo.cover_requests(session, staff.practice.id, staff.member.id, None)
    names = {c.id: c.name for c in directory.clinicians_of(session, staff.practice.id)}
    return render(
        request,
        "cover.html",
        {
            "staff": staff,
            "zone": staff.practice.timezone,
            "names": names,
            "asked_of_me": [r for r in mine if r.colleague_id == staff.member.id],
            "asked_by_me": [r for r in mine if r.asker_id == staff.member.id],
        }
        | context,
        status_code,
    )


@router.get("/cover")
def cover_requests(
    request: Request, session: SessionDep, staff: CurrentStaff, m: str = ""
) -> Response:
    return _page(request, session, staff, notice=NOTICES.get(m))


@router.post("/cover/{request_id}")
def answer_cover(
    request: Request,
    session: SessionDep,
    staff: CurrentStaff,
    request_id: int,
    answer: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not staff.csrf_ok(csrf):
        return _page(request, session, staff, 403, error=FORM_REFUSED)
    if answer not in ("accept", "decline"):
        return _page(
            request, session, staff, 422, error=f"answer {answer!r} is not accept or decline"
        )
    try:
        with session.begin_nested():
            cover.answer(
                session, staff.member, request_id, answer == "accept", clock.now(), by="page"
            )
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(request, session, staff, refused.status, error=refused.message),
        )
    return RedirectResponse(f"/cover?m={answer}ed", 303)
