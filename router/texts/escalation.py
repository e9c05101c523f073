"""Escalation of texts (S4): an ack timeout moves a text on to the next clinician, an
unanswered text in a conversation goes up the list again, and an answer (a reply, a page
accepted, a call bridged) acknowledges the contact."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.escalation import ack_timeout, answered_since, is_overdue
from policies.triage import Risk
from policies.vocabulary import EventType, MessageStatus, Outcome
from router.contacts.routes import practice_policy
from router.core.jobs import defer_cancel, escalation_job_id, reply_job_id
from router.store.models import Contact, ContactEvent, Patient, Practice
from router.store.repositories import contacts, deadlines
from router.store.repositories import inbound as inbound_log
from router.store.repositories import messages as message_log
from router.store.repositories import threads as conversations
from router.texts.alerts import nobody_left
from router.texts.relay import relay_next


def _answered(events: list[ContactEvent], inbound_sid: str) -> bool:
    return answered_since(((e.key, e.type) for e in events), inbound_sid)


def _not_yet(session: Session, job_id: str, now: datetime) -> bool:
    """Whether the deadline `job_id` is not due yet: its relay has not left (a queue or
    Twilio outage held it back; the wait then starts again) or left late, so its wait ends
    later. The sweeper runs it when it is due."""
    deadline = deadlines.get(session, job_id)
    if deadline is None or deadline.done_at is not None:
        return False
    if deadline.message_id is not None:
        relay = message_log.message(session, deadline.message_id)
        if relay is not None and relay.status in (MessageStatus.QUEUED, MessageStatus.SENDING):
            deadline.due_at = now + timedelta(seconds=deadline.wait_s)
            return True
    return deadline.due_at > now


def escalate(session: Session, contact_id: str, step: int, now: datetime) -> None:
    """The ack timeout (or a failed delivery) for `step`: on to the next clinician (S4).

    Safe to run twice: it acts only if the contact is still open at that very step, and only
    once the wait that began when that step's relay was sent is over.
    """
    job_id = escalation_job_id(contact_id, step)
    contact = contacts.get_locked(session, contact_id)
    if contact is None or contact.outcome != Outcome.OPEN or contact.escalation_step != step:
        deadlines.settle(session, job_id, now)
        return
    if _not_yet(session, job_id, now):
        return
    deadlines.settle(session, job_id, now)
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    contacts.add_event(session, contact, EventType.NOT_ACKNOWLEDGED, key=f"timeout:{step}", at=now)
    # The patient's own words only (never a clinician's reply), the latest three.
    bodies = [t.body for t in inbound_log.patient_texts(session, contact.id)][-3:] or [""]
    if relay_next(session, practice, contact, patient, now, bodies=bodies, escalated=True) is None:
        nobody_left(session, practice, contact, patient, now, tell_patient=True)


def reply_overdue(session: Session, contact_id: str, inbound_sid: str, now: datetime) -> None:
    """A text in an acknowledged conversation got no answer in time: up the list again (S4).

    Safe to run twice: it acts only if nobody has answered since that text arrived.
    """
    job_id = reply_job_id(contact_id, inbound_sid)
    contact = contacts.get_locked(session, contact_id)
    inbound = inbound_log.inbound_by_sid(session, inbound_sid)
    if contact is None or inbound is None or contact.outcome != Outcome.ACKNOWLEDGED:
        deadlines.settle(session, job_id, now)
        return
    if _not_yet(session, job_id, now):
        return
    deadlines.settle(session, job_id, now)
    if _answered(contacts.events(session, contact.id), inbound.sid):
        return
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    holder = contact.connected_to
    contact.outcome = Outcome.OPEN
    contact.round_start = contact.escalation_step + 1
    contacts.add_event(
        session, contact, EventType.NOT_ACKNOWLEDGED, key=f"unanswered:{inbound_sid}", at=now
    )
    reached = relay_next(
        session,
        practice,
        contact,
        patient,
        now,
        bodies=inbound_log.unanswered_patient_texts(session, contact.id, inbound.sid),
        escalated=True,
        skip=frozenset({holder} if holder else set()),
    )
    if reached is None:
        nobody_left(session, practice, contact, patient, now, tell_patient=True)


def overdue(session: Session, now: datetime) -> list[tuple[str, str, int | str]]:
    """Escalations whose job never ran (a queue outage, a lost worker), for the sweeper:
    ("escalate", contact id, step) or ("reply", contact id, inbound sid). Only contacts from
    before durable deadlines: the others are found by `due`."""
    found: list[tuple[str, str, int | str]] = []
    for contact in conversations.open_text_contacts(session, now):
        if deadlines.has_deadlines(session, contact.id):
            continue
        practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
        if practice is None:
            continue
        wait = ack_timeout(practice_policy(practice), contact.risk)
        events = contacts.events(session, contact.id)
        if contact.outcome == Outcome.OPEN and contact.escalation_step >= 0:
            step = contact.escalation_step
            relayed = [e for e in events if e.key == f"relayed:{step}"]
            if relayed and is_overdue(relayed[0].at, wait, now):
                found.append(("escalate", contact.id, step))
        elif contact.outcome == Outcome.ACKNOWLEDGED:
            last = inbound_log.last_patient_text(session, contact.id)
            if last is None or not is_overdue(last.received_at, wait, now):
                continue
            if not _answered(events, last.sid):
                found.append(("reply", contact.id, last.sid))
    return found


def due(session: Session, by: datetime) -> list[tuple[str, str, int | str]]:
    """The durable deadlines due by `by` and not yet run, in `overdue`'s terms."""
    return [
        ("escalate", d.contact_id, d.step if d.step is not None else -1)
        if d.kind == "escalate"
        else ("reply", d.contact_id, d.inbound_sid or "")
        for d in deadlines.due(session, by)
    ]


def acknowledge_open_texts(
    session: Session, practice_id: str, patient_id: str, clinician_id: str, now: datetime
) -> None:
    """The patient who texted got through by phone: their open text contact is answered."""
    contact = conversations.open_text_contact(session, practice_id, patient_id, None, now)
    if contact is not None:
        acknowledge(session, contact, clinician_id, now, how="call")


def acknowledge(
    session: Session, contact: Contact, clinician_id: str, now: datetime, how: str
) -> None:
    """A clinician answered: the contact is theirs, and its pending escalation is cancelled."""
    if contact.outcome == Outcome.OPEN:
        contact.outcome = Outcome.ACKNOWLEDGED
        contact.connected_to = clinician_id
        contacts.add_event(
            session,
            contact,
            EventType.ACKNOWLEDGED,
            clinician_id=clinician_id,
            at=now,
            detail={"by": how},
        )
        job_id = escalation_job_id(contact.id, contact.escalation_step)
        defer_cancel(session, job_id)
        deadlines.settle(session, job_id, now)
        follow = contacts.follow_up(session, contact.id)
        # A high-risk contact's follow-up belongs to whoever handled it, not the care team's first.
        if follow is not None and (follow.assignee is None or contact.risk == Risk.HIGH):
            follow.assignee = clinician_id
