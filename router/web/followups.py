"""`/follow-ups`: a clinician's open follow-ups, the supervisor's queue (overdue first); add a
note, reassign, close. The same checks, changes and audit entries as `/api/v1/follow-ups`:
both call the follow-up service, router/contacts/follow_ups.py (S8: clinicians their own
patients', supervisors and admins their practice's)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.api.deps import SessionDep
from router.contacts import follow_ups
from router.core import clock
from router.store.repositories import contacts, directory
from router.web.deps import CurrentStaff, Staff
from router.web.refusals import REFUSALS, refuse_unknown_filters, refused_form
from router.web.sign_in import FORM_REFUSED
from router.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

NOTICES = {
    "note": "Note added.",
    "reassign": "Reassigned.",
    "close": "Closed.",
    "reopen": "Reopened.",
}
SHOW = ("open", "done", "all")


def _queue(session: Session, staff_member: Staff, show: str) -> list[dict[str, Any]]:
    """The follow-ups this person may see, overdue first then soonest due; the read audited
    as the API audits it."""
    member = staff_member.member
    now = clock.now()
    rows = follow_ups.list_follow_ups(session, member, now, status=None if show == "all" else show)
    patients = {p.id: p.name for p in contacts.patients_of_practice(session, member.practice_id)}

    rows = sorted(
        rows, key=lambda row: (not follow_ups.is_overdue(row[0], now), row[0].due, row[0].id)
    )
    return [
        {
            "follow": follow,
            "contact": contact,
            "patient": patients.get(contact.patient_id or "", "an unknown caller"),
            "overdue": follow_ups.is_overdue(follow, now),
            "notes": (follow.note or "").splitlines(),
        }
        for follow, contact in rows
    ]


def _page(
    request: Request,
    session: Session,
    staff_member: Staff,
    show: str,
    status_code: int = 200,
    **context: Any,
) -> Response:
    show = show if show in SHOW else "open"
    items = _queue(session, staff_member, show)
    return render(
        request,
        "follow_ups.html",
        {
            "staff": staff_member,
            "field": "",
            "show": show,
            "items": items,
            "overdue": sum(1 for item in items if item["overdue"]),
            "clinicians": directory.clinicians_of(session, staff_member.practice.id),
            "names": {
                c.id: c.name for c in directory.clinicians_of(session, staff_member.practice.id)
            },
            "is_staff": staff_member.member.role in STAFF_ROLES,
        }
        | context,
        status_code,
    )


@router.get("/follow-ups")
def follow_up_queue(
    request: Request,
    session: SessionDep,
    staff_member: CurrentStaff,
    show: str = "open",
    m: str = "",
) -> Response:
    refuse_unknown_filters(request, ("show", "m"))
    return _page(request, session, staff_member, show, notice=NOTICES.get(m))


@router.post("/follow-ups/{follow_up_id}")
def change_follow_up(
    request: Request,
    session: SessionDep,
    staff_member: CurrentStaff,
    follow_up_id: int,
    action: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    assignee: Annotated[str, Form()] = "",
    show: Annotated[str, Form()] = "open",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    if not staff_member.csrf_ok(csrf):
        return _page(request, session, staff_member, show, 403, error=FORM_REFUSED)
    changes: dict[str, Any] = {}
    if note.strip():
        changes["note"] = note
    if action == "reassign":
        changes["assignee"] = assignee
    elif action == "close":
        changes["status"] = "done"
    elif action == "reopen":
        changes["status"] = "open"
    elif action != "note":
        return _page(
            request, session, staff_member, show, 422, error=f"action {action!r} is not known"
        )
    if action == "note" and not changes:
        return _page(
            request,
            session,
            staff_member,
            show,
            422,
            error="note: write the note first",
            field=f"note-{follow_up_id}",
        )
    try:
        with session.begin_nested():
            follow_ups.change_follow_up(
                session, staff_member.member, follow_up_id, changes, clock.now()
            )
    except REFUSALS as exc:
        return refused_form(
            exc,
            lambda refused: _page(
                request,
                session,
                staff_member,
                show,
                refused.status,
                error=refused.message,
                field=f"{refused.field or next(iter(changes), 'note')}-{follow_up_id}",
            ),
        )
    return RedirectResponse(f"/follow-ups?show={show}&m={action}#fu-{follow_up_id}", 303)
