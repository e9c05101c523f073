"""Texts to staff about follow-ups, run by the hourly staff checks (router.oncall.checks):

- an open follow-up past its due time is flagged to the practice's supervisors once, ever
  (admins where the practice has no supervisor): one text per supervisor per check that
  finds newly overdue ones, with the count and where to look, no patient (S7);
- each active member of staff with open follow-ups assigned to them gets one morning text
  listing them (patients by display name, "Sam R.", as the relay names them; due times),
  once per working day in their time zone (follow-ups skip weekends and the practice's
  holidays, and so does this text), at 08:00 or the first check after, until noon.

Both are exactly-once in the database, in the transaction that queues the texts (the
outbox): a follow-up's `flagged_overdue_at`, a `follow_up_digests` row per clinician and
day. Several replicas or workers running the check at once send each text once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy.orm import Session

from policies.privacy import display_name
from policies.vocabulary import FollowUpStatus, Purpose, Role
from router.outbox import queue_sms
from router.store.models import Clinician, Contact, FollowUp, Practice
from router.store.repositories import audit, contacts, directory, notices, staff
from router.store.repositories.windows import clinician_zone

MORNING_FROM = time(8, 0)
MORNING_UNTIL = time(12, 0)  # a check first run later than this waits for the next morning
LISTED = 10  # follow-ups named in a morning text; the rest are counted


@dataclass(frozen=True)
class NoticesSent:
    overdue_flagged: int  # follow-ups newly flagged
    overdue_texts: int
    morning_texts: int


def overdue_body(practice: Practice, count: int) -> str:
    """Minimum necessary (S7): how many, where, where to look; no patient."""
    what = "1 follow-up is" if count == 1 else f"{count} follow-ups are"
    return f"afterhours: {what} overdue at {practice.name}; see the follow-up queue."


def _when(at: datetime, zone_now: datetime) -> str:
    local = at.astimezone(zone_now.tzinfo)
    return f"{local:%H:%M}" if local.date() == zone_now.date() else f"{local:%a %d %b %H:%M}"


def morning_body(
    practice: Practice,
    rows: list[tuple[FollowUp, Contact]],
    names: dict[str, str],
    local_now: datetime,
    now: datetime,
) -> str:
    count = len(rows)
    items = []
    for follow, contact in rows[:LISTED]:
        who = display_name(names.get(contact.patient_id or "")) if contact.patient_id else None
        late = " (overdue)" if follow.due < now else ""
        items.append(f"[{who or 'Unknown caller'}] due {_when(follow.due, local_now)}{late}")
    more = f"; and {count - LISTED} more" if count > LISTED else ""
    what = "1 open follow-up" if count == 1 else f"{count} open follow-ups"
    return (
        f"afterhours: {what} for you at {practice.name}: {'; '.join(items)}{more}. "
        "See My follow-ups."
    )


def working_day(practice: Practice, day: date) -> bool:
    return day.weekday() < 5 and day.isoformat() not in (practice.holidays or [])


def _supervisors(session: Session, practice_id: str) -> list[Clinician]:
    return directory.supervisors(session, practice_id) or directory.staff_with_role(
        session, practice_id, Role.ADMIN
    )


def _text(
    session: Session,
    practice: Practice,
    member: Clinician,
    body: str,
    purpose: Purpose,
    now: datetime,
) -> None:
    """A text to a member of staff's own phone, from the practice's first number."""
    numbers = directory.practice_numbers(session, practice.id)
    queue_sms(
        session,
        practice_id=practice.id,
        to=member.phone,
        from_=numbers[0] if numbers else None,
        body=body,
        purpose=purpose,
        now=now,
        clinician_id=member.id,
    )


def flag_overdue(session: Session, practice: Practice, now: datetime) -> tuple[int, int]:
    """Claims the newly overdue follow-ups and texts the supervisors; (flagged, texts)."""
    claimed = notices.claim_overdue(session, practice.id, now)
    if not claimed:
        return 0, 0
    told = _supervisors(session, practice.id)
    for supervisor in told:
        body = overdue_body(practice, len(claimed))
        _text(session, practice, supervisor, body, Purpose.FOLLOW_UP_OVERDUE, now)
    audit.append(
        session,
        actor="system",
        action="follow_ups.overdue_told",
        subject=f"practice:{practice.id}",
        detail={"follow_ups": claimed, "told": [s.id for s in told]},
    )
    return len(claimed), len(told)


def morning_texts(session: Session, practice: Practice, now: datetime) -> int:
    """Each active member of staff whose morning it is and who has open follow-ups assigned
    gets the list once that day; returns how many were texted."""
    mine: dict[str, list[tuple[FollowUp, Contact]]] = {}
    for follow, contact in staff.follow_ups(
        session, practice.id, visible_to=None, status=FollowUpStatus.OPEN
    ):
        if follow.assignee:
            mine.setdefault(follow.assignee, []).append((follow, contact))
    if not mine:
        return 0
    names: dict[str, str] | None = None
    sent = 0
    for member in staff.active_clinicians(session, practice.id):
        rows = mine.get(member.id)
        local_now = now.astimezone(clinician_zone(member, practice))
        if not rows or not MORNING_FROM <= local_now.time() < MORNING_UNTIL:
            continue
        if not working_day(practice, local_now.date()):
            continue
        day = local_now.date().isoformat()
        if not notices.claim_digest(session, member.id, day, len(rows), now):
            continue
        if names is None:
            names = {p.id: p.name for p in contacts.patients_of_practice(session, practice.id)}
        body = morning_body(practice, rows, names, local_now, now)
        _text(session, practice, member, body, Purpose.FOLLOW_UPS_MORNING, now)
        audit.append(
            session,
            actor="system",
            action="follow_ups.morning_text",
            subject=f"clinician:{member.id}",
            detail={"day": day, "follow_ups": [f.id for f, _ in rows]},
        )
        sent += 1
    return sent


def run_notices(session: Session, now: datetime) -> NoticesSent:
    """Both checks for every practice; safe to run as often as wanted, anywhere."""
    flagged = overdue_texts = morning = 0
    for practice in staff.practices(session):
        newly, texts = flag_overdue(session, practice, now)
        flagged, overdue_texts = flagged + newly, overdue_texts + texts
        morning += morning_texts(session, practice, now)
    session.flush()
    return NoticesSent(flagged, overdue_texts, morning)
