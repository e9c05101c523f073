"""The safety check for the uncertain middle (issue 8): a text that reads as possibly unsafe
gets "Are you safe right now? Reply YES or NO" in the immediate reply. NO, or no answer within
the practice's `safety_check_timeout_s`, makes the contact high risk (a page, the short ack
timeout, an urgent follow-up); YES keeps it routine. The clinician is told either way.

A check is a pair of contact events: `safety_check_asked` (keyed by the text that asked) and
then `safety_check_answered` or `safety_check_unanswered`. The timeout is a deferred job that
re-reads those events, so it is safe to run twice and harmless after an answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.escalation import ack_timeout, is_overdue
from policies.followup import urgent_due
from policies.safety import SafetyAnswer, is_safety_answer
from policies.triage import Risk
from policies.vocabulary import EventType, FollowUpStatus, Outcome, Purpose
from router.contacts.routes import practice_policy
from router.core.jobs import (
    Job,
    defer,
    defer_cancel,
    safety_check_job_id,
)
from router.outbox import queue_sms
from router.store.models import Clinician, Contact, ContactEvent, InboundText, Patient, Practice
from router.store.repositories import contacts, directory
from router.store.repositories import threads as conversations
from router.texts import wording
from router.texts.alerts import label
from router.texts.relay import await_escalation, await_reply, page

ASKED = EventType.SAFETY_CHECK_ASKED
ANSWERED = EventType.SAFETY_CHECK_ANSWERED
UNANSWERED = EventType.SAFETY_CHECK_UNANSWERED


def _pending(events: list[ContactEvent]) -> ContactEvent | None:
    """The check still waiting for an answer, if any: the last one asked and not closed."""
    waiting: ContactEvent | None = None
    for event in events:
        if event.type == ASKED:
            waiting = event
        elif event.type in (ANSWERED, UNANSWERED):
            waiting = None
    return waiting


def _asked_sid(event: ContactEvent) -> str:
    return event.key.removeprefix("safety:") if event.key else ""


def ask(session: Session, practice: Practice, contact: Contact, record: InboundText) -> None:
    """The reply to `record` asks "Are you safe right now?": wait for the answer."""
    if _pending(contacts.events(session, contact.id)) is not None:
        return  # one question at a time; the first one's clock keeps running
    now = record.received_at
    contacts.add_event(session, contact, ASKED, key=f"safety:{record.sid}", at=now)
    wait = timedelta(seconds=practice_policy(practice).safety_check_timeout_s)
    defer(
        session,
        Job.SAFETY_CHECK_TIMEOUT,
        contact.id,
        record.sid,
        job_id=safety_check_job_id(contact.id, record.sid),
        at=now + wait,
    )


def answer(
    session: Session, contact: Contact, record: InboundText, now: datetime
) -> SafetyAnswer | None:
    """Reads `record` as the answer to a pending check: YES or NO closes it (and is logged);
    anything else leaves it waiting (silence and doubt both end at the timeout)."""
    asked = _pending(contacts.events(session, contact.id))
    if asked is None:
        return None
    said = is_safety_answer(record.body, contact.language)
    if said is None:
        return None
    contacts.add_event(
        session,
        contact,
        ANSWERED,
        key=f"safety_answer:{_asked_sid(asked)}",
        at=now,
        detail={"answer": said.value},
    )
    defer_cancel(session, safety_check_job_id(contact.id, _asked_sid(asked)))
    return said


def mark_urgent(
    session: Session, contact: Contact, clinician_id: str | None, now: datetime
) -> None:
    """A high-risk contact: its follow-up is urgent and belongs to the clinician handling it."""
    follow = contacts.follow_up(session, contact.id)
    if follow is None or follow.status != FollowUpStatus.OPEN:
        return
    follow.urgent = True
    follow.due = urgent_due(follow.due, now)
    if clinician_id is not None:
        follow.assignee = clinician_id


def timed_out(session: Session, contact_id: str, asked_sid: str, now: datetime) -> None:
    """No answer in time: the contact is high risk now. The holder is told and paged, and the
    wait before the next clinician is the short one. Safe to run twice."""
    contact = contacts.get_locked(session, contact_id)
    if contact is None or contact.outcome not in (Outcome.OPEN, Outcome.ACKNOWLEDGED):
        return
    asked = _pending(contacts.events(session, contact.id))
    if asked is None or _asked_sid(asked) != asked_sid:
        return
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if practice is None:
        return
    policy = practice_policy(practice)
    contacts.add_event(session, contact, UNANSWERED, key=f"safety_timeout:{asked_sid}", at=now)
    contact.risk = Risk.HIGH.value
    threads = conversations.threads_of_contact(session, contact.id)
    holder_id = contact.connected_to or (threads[-1].clinician_id if threads else None)
    holder = session.get(Clinician, holder_id) if holder_id else None
    mark_urgent(session, contact, holder_id, now)
    thread = conversations.thread(session, contact.id, holder_id) if holder_id else None
    if holder is None or thread is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    number = directory.reply_number(session, practice, contact.to_number)
    queue_sms(
        session,
        practice_id=practice.id,
        to=holder.phone,
        from_=number,
        body=wording.SAFETY_UNANSWERED.format(
            label=label(patient), minutes=max(1, policy.safety_check_timeout_s // 60)
        ),
        purpose=Purpose.RELAY,
        now=now,
        contact_id=contact.id,
        clinician_id=holder.id,
        step=thread.step,
    )
    page(session, practice, contact, holder, number, thread.step, f"safety:{asked_sid}", now)
    wait = ack_timeout(policy, Risk.HIGH)
    # The short wait replaces the routine one, in the job and in its durable deadline (S4).
    if contact.outcome == Outcome.OPEN:
        await_escalation(session, contact, contact.escalation_step, wait, now, None)
    else:  # a conversation under way: the unanswered question needs an answer soon
        await_reply(session, contact, asked_sid, wait, now, None)


def overdue(session: Session, now: datetime) -> list[tuple[str, str]]:
    """Safety checks whose timeout job never ran (a queue outage), for the sweeper:
    (contact id, sid of the text that asked)."""
    found: list[tuple[str, str]] = []
    for contact in conversations.open_text_contacts(session, now):
        practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
        if practice is None:
            continue
        asked = _pending(contacts.events(session, contact.id))
        wait = timedelta(seconds=practice_policy(practice).safety_check_timeout_s)
        if asked is not None and is_overdue(asked.at, wait, now):
            found.append((contact.id, _asked_sid(asked)))
    return found
