"""`/api/v1/follow-ups` (SPEC §11): the morning-after list; a note, a new assignee, closing.

S8: clinicians see and change the follow-ups of their own patients (and those assigned to
them); supervisors and admins those of their practice. Every read and change is audited.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request
from sqlalchemy.orm import Session

from router.api.deps import CurrentUser, SessionDep
from router.api.windows import refuse_unknown_filters, unprocessable
from router.core import clock
from router.store.models import Clinician, Contact, FollowUp, Patient
from router.store.repositories import audit, staff

router = APIRouter(prefix="/api/v1", tags=["follow-ups"])

STAFF_ROLES = ("supervisor", "admin")
STATUSES = ("open", "done")
NOTE_MAX = 4000


def follow_up_document(follow: FollowUp, contact: Contact, now: datetime) -> dict[str, Any]:
    return {
        "id": follow.id,
        "contact": contact.id,
        "patient": contact.patient_id,
        "channel": contact.channel,
        "started_at": contact.started_at.isoformat(),
        "status": follow.status,
        "assignee": follow.assignee,
        "due": follow.due.isoformat(),
        "overdue": follow.status == "open" and follow.due < now,
        "urgent": follow.urgent,
        "note": follow.note,
        "closed_at": follow.closed_at.isoformat() if follow.closed_at else None,
        "closed_by": follow.closed_by,
    }


def _visible(session: Session, user: Clinician, follow: FollowUp, contact: Contact) -> bool:
    if contact.practice_id != user.practice_id:
        return False
    if user.role in STAFF_ROLES or follow.assignee == user.id:
        return True
    return contact.patient_id in staff.patients_of(session, user.id)


@router.get("/follow-ups")
def list_follow_ups(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    status: str | None = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    patient: Annotated[str | None, Query(max_length=64)] = None,
    overdue: bool | None = None,
) -> list[dict[str, Any]]:
    """Follow-ups, soonest due first. `overdue=true`: open ones past their due time."""
    refuse_unknown_filters(request, {"status", "assignee", "patient", "overdue"})
    if status is not None and status not in STATUSES:
        raise unprocessable(
            "status", status, f"status {status!r} is not one of open, done", "query"
        )
    if (
        assignee is not None
        and staff.clinician_of_practice(session, user.practice_id, assignee) is None
    ):
        raise HTTPException(404, f"no clinician {assignee!r} in your practice")
    if patient is not None:
        found = session.get(Patient, patient)
        if found is None or found.practice_id != user.practice_id:
            raise HTTPException(404, f"no patient {patient!r} in your practice")
    now = clock.now()
    rows = staff.follow_ups(
        session,
        user.practice_id,
        visible_to=None if user.role in STAFF_ROLES else user.id,
        status=status,
        assignee=assignee,
        patient=patient,
        overdue_at=now if overdue else None,
    )
    if overdue is False:
        rows = [(f, c) for f, c in rows if not (f.status == "open" and f.due < now)]
    audit.append(
        session,
        actor=user.id,
        action="follow_ups.read",
        subject=f"practice:{user.practice_id}",
        detail={
            "filters": {
                k: v
                for k, v in {
                    "status": status,
                    "assignee": assignee,
                    "patient": patient,
                    "overdue": overdue,
                }.items()
                if v is not None
            },
            "contacts": [contact.id for _, contact in rows],
        },
    )
    return [follow_up_document(f, c, now) for f, c in rows]


FollowUpChanges = Annotated[
    dict[str, Any],
    Body(examples=[{"status": "done", "note": "Called Sam back at 9:10; safe, plan reviewed."}]),
]


@router.patch("/follow-ups/{follow_up_id}")
def change_follow_up(
    session: SessionDep, user: CurrentUser, follow_up_id: int, changes: FollowUpChanges
) -> dict[str, Any]:
    """Any of `status` (open | done), `assignee` (a clinician of the practice), `note`
    (added to the follow-up's notes with the time and author)."""
    found = staff.follow_up_with_contact(session, follow_up_id)
    if found is None or found[1].practice_id != user.practice_id:
        raise HTTPException(404, f"no follow-up {follow_up_id} in your practice")
    follow, contact = found
    if not _visible(session, user, follow, contact):
        raise HTTPException(403, "clinicians change follow-ups of their own patients only")
    for key in changes:
        if key not in ("status", "assignee", "note"):
            raise unprocessable(
                key, changes[key], f"unknown field {key!r} (expected status, assignee or note)"
            )
    if not changes:
        raise unprocessable("body", changes, "give at least one of status, assignee, note")
    status, assignee, note = changes.get("status"), changes.get("assignee"), changes.get("note")
    if "status" in changes and status not in STATUSES:
        raise unprocessable("status", status, f"status {status!r} is not one of open, done")
    if "assignee" in changes and (
        not isinstance(assignee, str)
        or staff.clinician_of_practice(session, user.practice_id, assignee) is None
    ):
        raise unprocessable(
            "assignee", assignee, f"assignee {assignee!r} is not a clinician of your practice"
        )
    if "note" in changes and (
        not isinstance(note, str) or not note.strip() or len(note) > NOTE_MAX
    ):
        raise unprocessable(
            "note", note, f"note {note!r} must be text of 1 to {NOTE_MAX} characters"
        )
    now = clock.now()
    before = {"status": follow.status, "assignee": follow.assignee}
    if "status" in changes and status != follow.status:
        follow.status = str(status)
        follow.closed_at, follow.closed_by = (now, user.id) if status == "done" else (None, None)
    if "assignee" in changes:
        follow.assignee = str(assignee)
    if "note" in changes:
        line = f"{now:%Y-%m-%d %H:%M}Z {user.id}: {str(note).strip()}"
        follow.note = f"{follow.note}\n{line}" if follow.note else line
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="follow_up.update",
        subject=f"contact:{contact.id}",
        detail={
            "follow_up": follow.id,
            "before": before,
            "after": {"status": follow.status, "assignee": follow.assignee},
            "note_added": "note" in changes,
        },
    )
    return follow_up_document(follow, contact, now)
