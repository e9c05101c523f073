"""Opening a contact (a call, a text, or a call the fail-safe answered) and the follow-up
every contact opens. Services never commit: the request or job that calls them does."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.followup import follow_up_due, urgent_due
from router.contacts.caller import Caller
from router.contacts.routes import practice_policy
from router.store.models import Contact, FollowUp, Patient, Practice
from router.store.repositories import contacts, directory, windows


def open_contact(
    session: Session,
    who: Caller,
    *,
    sid: str,
    channel: str,
    at: datetime,
    route: list[str],
    crisis_line: str,
    outcome: str = "open",
    escalation_step: int = 0,
) -> tuple[Contact, bool]:
    """The contact for `sid` with its follow-up; `created` is False when it already existed
    (Twilio retried, or another request got there first)."""
    practice, patient = who.practice, who.patient
    contact, created = contacts.create(
        session,
        Contact(
            id=contacts.new_contact_id(),
            sid=sid,
            channel=channel,
            practice_id=practice.id if practice else None,
            patient_id=patient.id if patient else None,
            from_number=who.number,
            to_number=who.to,
            started_at=at,
            outcome=outcome,
            route=route,
            crisis_line=crisis_line,
            language=patient.language if patient else "en",
            escalation_step=escalation_step,
        ),
    )
    open_follow_up(session, contact, practice, patient, at)
    return contact, created


def open_follow_up(
    session: Session,
    contact: Contact,
    practice: Practice | None,
    patient: Patient | None,
    at: datetime,
) -> FollowUp:
    """Every contact opens a follow-up for the patient's first care-team clinician, due at
    the practice's follow-up hour on the next weekday that is not a holiday. An unknown
    caller's goes to the duty clinician on call, else a supervisor (never unassigned)."""
    team = directory.care_team(session, patient.id) if patient else []
    zone = ZoneInfo(practice.timezone) if practice else ZoneInfo("UTC")
    hour = practice_policy(practice).follow_up_hour
    assignee = team[0] if team else None
    if assignee is None and practice is not None:
        assignee = windows.follow_up_owner_for_unknown(session, practice, at)
    return contacts.open_follow_up(
        session, contact, assignee, follow_up_due(at, zone, hour, holiday_dates(practice))
    )


def holiday_dates(practice: Practice | None) -> frozenset[date]:
    return (
        frozenset(date.fromisoformat(day) for day in (practice.holidays or []))
        if practice
        else frozenset()
    )


def mark_urgent(session: Session, contact: Contact, due_by: datetime | None = None) -> None:
    """The contact's open follow-up becomes urgent, and due by `due_by` when one is given."""
    follow = contacts.follow_up(session, contact.id)
    if follow is None or follow.status != "open":
        return
    follow.urgent = True
    if due_by is not None:
        follow.due = urgent_due(follow.due, due_by)


def assign_if_unassigned(session: Session, contact: Contact, clinician_id: str) -> None:
    """The clinician who answered takes the follow-up, unless someone already has it."""
    follow = contacts.follow_up(session, contact.id)
    if follow is not None and follow.assignee is None:
        follow.assignee = clinician_id
