"""Follow-ups (SPEC §11), the service behind `/api/v1/follow-ups` and the `/follow-ups` page:
the morning-after list, a note, a new assignee, closing and reopening.

S8: clinicians see and change the follow-ups of their own patients (and those assigned to
them); supervisors and admins those of their practice; another practice's are not there.
Every read and change is audited; refusals are the error root's (InputError naming the field
and the value, Forbidden, NotFound), raised before anything changes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES, FollowUpStatus
from router.core.errors import Forbidden, InputError, NotFound, one_of
from router.store.models import Clinician, Contact, FollowUp, Patient
from router.store.repositories import audit, staff

STATUSES = tuple(FollowUpStatus)
CHANGES = ("status", "assignee", "note")
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
        "overdue": is_overdue(follow, now),
        "urgent": follow.urgent,
        "note": follow.note,
        "closed_at": follow.closed_at.isoformat() if follow.closed_at else None,
        "closed_by": follow.closed_by,
    }


def is_overdue(follow: FollowUp, now: datetime) -> bool:
    return follow.status == FollowUpStatus.OPEN and follow.due < now


def visible(session: Session, user: Clinician, follow: FollowUp, contact: Contact) -> bool:
    if contact.practice_id != user.practice_id:
        return False
    if user.role in STAFF_ROLES or follow.assignee == user.id:
        return True
    return contact.patient_id in staff.patients_of(session, user.id)


def list_follow_ups(
    session: Session,
    user: Clinician,
    now: datetime,
    *,
    status: str | None = None,
    assignee: str | None = None,
    patient: str | None = None,
    overdue: bool | None = None,
) -> list[tuple[FollowUp, Contact]]:
    """The follow-ups this person may see, soonest due first; `overdue=True`: open ones past
    their due time (False: all but those). The read is audited with the filters and the
    contacts it showed."""
    one_of("status", status, STATUSES)
    if (
        assignee is not None
        and staff.clinician_of_practice(session, user.practice_id, assignee) is None
    ):
        raise NotFound(f"no clinician {assignee!r} in your practice")
    if patient is not None:
        found = session.get(Patient, patient)
        if found is None or found.practice_id != user.practice_id:
            raise NotFound(f"no patient {patient!r} in your practice")
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
        rows = [(f, c) for f, c in rows if not is_overdue(f, now)]
    filters = {"status": status, "assignee": assignee, "patient": patient, "overdue": overdue}
    audit.append(
        session,
        actor=user.id,
        action="follow_ups.read",
        subject=f"practice:{user.practice_id}",
        detail={
            "filters": {k: v for k, v in filters.items() if v is not None},
            "contacts": [contact.id for _, contact in rows],
        },
    )
    return rows


def _checked(session: Session, user: Clinician, changes: dict[str, Any]) -> None:
    for key in changes:
        if key not in CHANGES:
            raise InputError(
                key, changes[key], "is not a field (expected status, assignee or note)"
            )
    if not changes:
        raise InputError("body", changes, "has none of status, assignee, note")
    if "status" in changes and changes["status"] not in STATUSES:
        raise InputError("status", changes["status"], "is not one of open, done")
    assignee = changes.get("assignee")
    if "assignee" in changes and (
        not isinstance(assignee, str)
        or staff.clinician_of_practice(session, user.practice_id, assignee) is None
    ):
        raise InputError("assignee", assignee, "is not a clinician of your practice")
    note = changes.get("note")
    if "note" in changes and (
        not isinstance(note, str) or not note.strip() or len(note) > NOTE_MAX
    ):
        raise InputError("note", note, f"must be text of 1 to {NOTE_MAX} characters")


def change_follow_up(
    session: Session, user: Clinician, follow_up_id: int, changes: dict[str, Any], now: datetime
) -> tuple[FollowUp, Contact]:
    """Any of `status` (open | done), `assignee` (a clinician of the practice), `note`
    (added to the follow-up's notes with the time and author). Audited, the note kept out."""
    found = staff.follow_up_with_contact(session, follow_up_id)
    if found is None or found[1].practice_id != user.practice_id:
        raise NotFound(f"no follow-up {follow_up_id} in your practice")
    follow, contact = found
    if not visible(session, user, follow, contact):
        raise Forbidden("clinicians change follow-ups of their own patients only")
    _checked(session, user, changes)
    before = {"status": follow.status, "assignee": follow.assignee}
    status = changes.get("status")
    if status is not None and status != follow.status:
        follow.status = str(status)
        done = status == FollowUpStatus.DONE
        follow.closed_at, follow.closed_by = (now, user.id) if done else (None, None)
    if "assignee" in changes:
        follow.assignee = str(changes["assignee"])
    if "note" in changes:
        line = f"{now:%Y-%m-%d %H:%M}Z {user.id}: {str(changes['note']).strip()}"
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
    return follow, contact
