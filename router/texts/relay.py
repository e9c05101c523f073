"""Relaying a patient's texts, masked, to the clinician on call (S4): the next one not yet
tried in this round, more texts to whoever holds the contact, the batch a flood held back,
and the page call when a text reads as high risk."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.escalation import ack_timeout, next_in_round, next_thread_code
from policies.route import is_on_duty
from policies.triage import Risk, triage
from policies.vocabulary import EventType, Outcome, Purpose
from router.contacts.routes import RouteAt, plan_for, practice_policy, route_now
from router.core.jobs import Job, defer, escalation_job_id, reply_job_id
from router.outbox import queue_call, queue_sms
from router.store.models import (
    Clinician,
    Contact,
    InboundText,
    Patient,
    Practice,
    TextThread,
)
from router.store.repositories import contacts, deadlines, directory
from router.store.repositories import inbound as inbound_log
from router.store.repositories import threads as conversations
from router.store.repositories.windows import schedules_at
from router.texts import wording
from router.texts.alerts import label, nobody_left

# Who a relay reached, and whether they are the clinician on duty (what the patient is told).
Reached = tuple[Clinician, bool]


def await_escalation(
    session: Session, contact: Contact, step: int, wait: timedelta, now: datetime, sent: str | None
) -> None:
    """The ack timeout for `step`: a job wakes it, the database keeps it (S4). The wait
    starts when the relay `sent` leaves, so nothing is escalated before it was relayed."""
    job_id = escalation_job_id(contact.id, step)
    defer(session, Job.ESCALATE_TEXT, contact.id, step, job_id=job_id, at=now + wait)
    deadlines.arm(
        session,
        job_id,
        contact_id=contact.id,
        kind="escalate",
        step=step,
        wait=wait,
        now=now,
        message_id=sent,
    )


def await_reply(
    session: Session,
    contact: Contact,
    inbound_sid: str,
    wait: timedelta,
    now: datetime,
    sent: str | None,
) -> None:
    """A text in a conversation must be answered within `wait` of its relay `sent` leaving
    (S4); `None` when nothing was relayed for it (the wait starts now)."""
    job_id = reply_job_id(contact.id, inbound_sid)
    defer(session, Job.CHECK_REPLY, contact.id, inbound_sid, job_id=job_id, at=now + wait)
    deadlines.arm(
        session,
        job_id,
        contact_id=contact.id,
        kind="reply",
        inbound_sid=inbound_sid,
        wait=wait,
        now=now,
        message_id=sent,
    )


def _on_duty_now(
    session: Session,
    practice: Practice,
    clinician_id: str,
    now: datetime,
    route: RouteAt | None = None,
) -> bool:
    known = route.on_duty(clinician_id) if route is not None and route.plan.at == now else None
    if known is not None:
        return known  # the route's own schedules say (no second read)
    schedule = schedules_at(session, practice, [clinician_id], now).get(clinician_id)
    return schedule is not None and is_on_duty(schedule, now)


def page(
    session: Session,
    practice: Practice,
    contact: Contact,
    clinician: Clinician,
    number: str | None,
    step: int,
    key: str,
    now: datetime,
) -> None:
    """A high-risk text also calls the clinician: check your texts, press 1 to connect."""
    queue_call(
        session,
        practice_id=practice.id,
        to=clinician.phone,
        from_=number,
        purpose=Purpose.PAGE,
        now=now,
        contact_id=contact.id,
        clinician_id=clinician.id,
        step=step,
    )
    contacts.add_event(
        session, contact, EventType.PAGED, key=f"paged:{key}", clinician_id=clinician.id, at=now
    )


def relay_next(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    now: datetime,
    *,
    bodies: list[str],
    escalated: bool = False,
    skip: frozenset[str] = frozenset(),
    route: RouteAt | None = None,
) -> Reached | None:
    """Relays to the next on-call clinician not yet tried in this round (nor in `skip`);
    schedules the ack timeout. None: nobody is left (the caller decides what then).
    `route` is the patient's route at `now`, when the caller has planned it already."""
    if route is None or route.plan.at != now:
        route = route_now(session, practice, patient, now)
    plan = route.plan
    added = contacts.new_event_keys(session, contact.id)
    threads = (
        {}  # a contact this unit of work opened, not yet relayed: it has no threads yet
        if added is not None and not any(key.startswith("relayed:") for key in added)
        else {t.clinician_id: t for t in conversations.threads_of_contact(session, contact.id)}
    )
    tried = {cid for cid, t in threads.items() if t.step >= contact.round_start} | set(skip)
    while (clinician_id := next_in_round(plan.clinicians, tried)) is not None:
        clinician = session.get(Clinician, clinician_id)
        if clinician is None:
            tried.add(clinician_id)
            continue
        step = contact.escalation_step + 1
        contact.escalation_step = step
        thread = threads.get(clinician_id)
        open_threads = conversations.open_thread_codes(session, clinician_id, now)
        used = {code for _, code in open_threads}
        code = thread.code if thread is not None and thread.code in used else next_thread_code(used)
        others = len([1 for contact_id, _ in open_threads if contact_id != contact.id])
        if thread is None:
            session.add(
                TextThread(
                    contact_id=contact.id,
                    clinician_id=clinician_id,
                    step=step,
                    code=code,
                    opened_at=now,
                    last_activity_at=now,
                )
            )
        else:  # tried in an earlier round: the same thread, a new step
            thread.step, thread.code, thread.status = step, code, "open"
            thread.last_activity_at = now
        number = directory.reply_number(session, practice, contact.to_number)
        sent = queue_sms(
            session,
            practice_id=practice.id,
            to=clinician.phone,
            from_=number,
            body=wording.relay(
                label(patient), "\n".join(bodies), code if others else None, escalated=escalated
            ),
            purpose=Purpose.RELAY,
            now=now,
            contact_id=contact.id,
            clinician_id=clinician_id,
            step=step,
        )
        contacts.add_event(
            session,
            contact,
            EventType.ESCALATED if escalated else EventType.RELAYED,
            key=f"relayed:{step}",
            clinician_id=clinician_id,
            at=now,
        )
        if contact.risk == Risk.HIGH:
            page(session, practice, contact, clinician, number, step, str(step), now)
        wait = ack_timeout(practice_policy(practice), contact.risk)
        await_escalation(session, contact, step, wait, now, sent.id)
        return clinician, _on_duty_now(session, practice, clinician_id, now, route)
    return None


def relay_more(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    *,
    raised: bool,
    body: str | None = None,
) -> Reached | None:
    """A further text in an open contact goes to whoever holds it now (as `body` when given:
    the text with a note for the clinician)."""
    body = record.body if body is None else body
    holder_id = contact.connected_to
    threads = conversations.threads_of_contact(session, contact.id)
    if holder_id is None and threads:
        holder_id = threads[-1].clinician_id
    route = route_now(session, practice, patient, now)
    on_call = route.plan.clinicians
    if holder_id is None or holder_id not in on_call:
        # Whoever held it is off call now: the text starts up the list again.
        if contact.outcome == Outcome.ACKNOWLEDGED:
            contact.outcome = Outcome.OPEN
            contact.round_start = contact.escalation_step + 1
            contacts.add_event(
                session, contact, EventType.REOPENED, key=f"reopened:{record.sid}", at=now
            )
        return relay_next(session, practice, contact, patient, now, bodies=[body], route=route)
    clinician = session.get(Clinician, holder_id)
    thread = conversations.thread(session, contact.id, holder_id)
    if clinician is None or thread is None:
        return None
    thread.last_activity_at = now
    others = len(conversations.open_thread_codes(session, holder_id, now)) > 1
    number = directory.reply_number(session, practice, contact.to_number)
    sent = queue_sms(
        session,
        practice_id=practice.id,
        to=clinician.phone,
        from_=number,
        body=wording.relay(label(patient), body, thread.code if others else None),
        purpose=Purpose.RELAY,
        now=now,
        contact_id=contact.id,
        clinician_id=holder_id,
        step=thread.step,
    )
    contacts.add_event(
        session,
        contact,
        EventType.RELAYED,
        key=f"relayed:{record.sid}",
        clinician_id=holder_id,
        at=now,
    )
    policy = practice_policy(practice)
    if contact.outcome == Outcome.ACKNOWLEDGED:
        # A conversation under way: each new text still needs an answer within the timeout.
        high = contact.risk == Risk.HIGH and (raised or triage(record.body).risk is Risk.HIGH)
        if high:
            page(session, practice, contact, clinician, number, thread.step, record.sid, now)
        wait = ack_timeout(policy, Risk.HIGH if high else Risk.ROUTINE)
        await_reply(session, contact, record.sid, wait, now, sent.id)
    elif raised and contact.outcome == Outcome.OPEN:
        # Now high risk: page the holder and shorten the wait before the next clinician.
        page(session, practice, contact, clinician, number, thread.step, record.sid, now)
        wait = ack_timeout(policy, Risk.HIGH)
        await_escalation(session, contact, contact.escalation_step, wait, now, sent.id)
    return clinician, _on_duty_now(session, practice, holder_id, now, route)


def relay_backlog(session: Session, contact_id: str, now: datetime) -> None:
    """The texts a flood held back, sent to the clinician in one batch (never dropped).
    Safe to run twice: only texts not yet relayed are sent."""
    contact = contacts.get_locked(session, contact_id)
    if contact is None or contact.practice_id is None:
        return
    pending = [t for t in inbound_log.patient_texts(session, contact.id) if not t.relayed]
    practice = session.get(Practice, contact.practice_id)
    if not pending or practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    for text in pending:
        text.relayed = True
    bodies = [t.body for t in pending]
    threads = conversations.threads_of_contact(session, contact.id)
    holder_id = contact.connected_to or (threads[-1].clinician_id if threads else None)
    holder = session.get(Clinician, holder_id) if holder_id else None
    thread = conversations.thread(session, contact.id, holder_id) if holder_id else None
    on_call = plan_for(session, practice, patient, now).clinicians
    if holder is not None and thread is not None and holder.id in on_call:
        thread.last_activity_at = now
        sent = queue_sms(
            session,
            practice_id=practice.id,
            to=holder.phone,
            from_=directory.reply_number(session, practice, contact.to_number),
            body=wording.relay(label(patient), "\n".join(bodies), thread.code),
            purpose=Purpose.RELAY,
            now=now,
            contact_id=contact.id,
            clinician_id=holder.id,
            step=thread.step,
        )
        contacts.add_event(
            session,
            contact,
            EventType.RELAYED,
            key=f"backlog:{pending[-1].sid}",
            clinician_id=holder.id,
            at=now,
            detail={"texts": len(bodies)},
        )
        if contact.outcome == Outcome.ACKNOWLEDGED:
            wait = ack_timeout(practice_policy(practice), Risk.ROUTINE)
            await_reply(session, contact, pending[-1].sid, wait, now, sent.id)
        return
    was = contact.outcome
    if was != Outcome.OPEN:
        contact.outcome = Outcome.OPEN
        contact.round_start = contact.escalation_step + 1
    if relay_next(session, practice, contact, patient, now, bodies=bodies) is None:
        if was == Outcome.OPEN:
            nobody_left(session, practice, contact, patient, now, tell_patient=True)
        else:
            contact.outcome = was  # answered or ended before: nobody new to tell
