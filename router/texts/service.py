"""Texts (SPEC §8): answered at once (S3), relayed masked, acknowledged or escalated (S4).

Each function reads what it needs, records what happened, queues what must be sent, and
returns the TwiML to answer. Nothing here commits; jobs are queued for after the commit.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from twilio.twiml.messaging_response import MessagingResponse

from policies.privacy import display_name, first_name
from policies.route import is_on_duty
from policies.triage import Risk, triage
from router.core.jobs import defer, defer_cancel
from router.routing import identify, open_follow_up, plan_for, practice_policy
from router.store.models import (
    Clinician,
    Contact,
    ContactEvent,
    InboundText,
    Patient,
    Practice,
    TextThread,
)
from router.store.repositories import contacts, directory, texts
from router.texts import wording
from router.texts.outbox import queue_call, queue_sms

log = logging.getLogger("afterhours.texts")

OPT_OUT = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
OPT_IN = {"START", "YES", "UNSTOP"}
INFO = {"HELP", "INFO"}
EMPTY = "<Response/>"


class MalformedText(ValueError):
    """A signed text webhook without what routing needs: answered with the fail-safe."""


@dataclass(frozen=True)
class Inbound:
    sid: str
    from_raw: str
    to_raw: str
    body: str

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Inbound:
        sid = (params.get("MessageSid") or params.get("SmsSid") or "").strip()
        if not sid:
            raise MalformedText("MessageSid is missing")
        return cls(
            sid[:64], params.get("From") or "", params.get("To") or "", params.get("Body") or ""
        )


def escalation_job_id(contact_id: str, step: int) -> str:
    """One pending escalation per contact and step (RQ ids: letters, digits, - and _)."""
    return f"escalate-{contact_id}-{step}"


def twiml_messages(*bodies: str) -> str:
    if not bodies:
        return EMPTY
    response = MessagingResponse()
    for body in bodies:
        response.message(body)
    return str(response)


def _practice_number(session: Session, practice: Practice, to: str | None) -> str | None:
    numbers = directory.practice_numbers(session, practice.id)
    return to if to in numbers else (numbers[0] if numbers else None)


def handle_text(
    session: Session,
    params: Mapping[str, str],
    now: datetime,
    *,
    reply_already_sent: bool = False,
) -> str:
    """An inbound text. A retried webhook (same MessageSid) gets the same answer, once."""
    inbound = Inbound.from_params(params)
    seen = texts.inbound_by_sid(session, inbound.sid)
    if seen is not None:
        return seen.reply or EMPTY
    who = identify(session, inbound.to_raw, inbound.from_raw)
    to, practice, sender = who.to, who.practice, who.number
    if practice is None:
        record = InboundText(
            sid=inbound.sid,
            sender="unknown",
            from_number=None,
            to_number=to,
            body=inbound.body,
            received_at=now,
        )
        record.reply = twiml_messages(wording.reply("failsafe", "en"))
        session.add(record)
        return record.reply
    record = InboundText(
        sid=inbound.sid,
        practice_id=practice.id,
        from_number=sender,
        to_number=to,
        body=inbound.body,
        received_at=now,
        sender="unknown",
    )
    session.add(record)
    clinician = texts.clinician_by_phone(session, practice.id, sender)
    if clinician is not None:
        from router.texts.clinicians import handle_clinician_text

        record.sender, record.sender_id = "clinician", clinician.id
        answer = handle_clinician_text(session, practice, clinician, record, now)
    else:
        patient = who.patient
        if patient is not None:
            record.sender, record.sender_id = "patient", patient.id
        answer = _patient_text(session, practice, patient, record, now, reply_already_sent)
    record.reply = answer
    session.flush()
    return EMPTY if reply_already_sent else answer


def _patient_text(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    reply_already_sent: bool,
) -> str:
    policy = practice_policy(practice)
    language = patient.language if patient else "en"
    word = record.body.strip().upper()
    if patient is not None and word in OPT_OUT:
        return _opt_out(session, practice, patient, record, now)
    if patient is not None and word in OPT_IN and not patient.textable:
        patient.textable = True
        contact = _contact_for(session, practice, patient, record, now)
        contacts.add_event(session, contact, "opted_in", key=f"in:{record.sid}", at=now)
        return EMPTY  # Twilio confirms opt-ins itself
    # Anything else, "yes" and "help" included, may be a patient answering or asking for
    # help: it is relayed like any text.
    asked_for_help = word in INFO

    texts.serialize_sender(session, f"text:{practice.id}:{record.from_number}")
    risk = triage(record.body)
    minute_ago = now - timedelta(minutes=1)
    earlier = texts.recent_inbound_count(session, record.from_number or "", minute_ago) - 1
    flooding = record.from_number is not None and earlier >= policy.texts_per_minute
    contact = texts.open_text_contact(
        session, practice.id, patient.id if patient else None, record.from_number, now
    )
    new_contact = contact is None
    if contact is None:
        contact = _contact_for(session, practice, patient, record, now, create=True)
    record.contact_id = contact.id
    high = risk.risk is Risk.HIGH
    detail: dict[str, object] = {"risk": risk.risk.value}
    if risk.categories:
        detail["categories"] = list(risk.categories)
    contacts.add_event(
        session, contact, "text_received", key=f"text:{record.sid}", at=now, detail=detail
    )
    raised = high and contact.risk != Risk.HIGH.value
    if flooding and not raised:
        # Every text is logged; replies and relays are bounded per minute. What is held back
        # goes to the clinician in one batch when the minute is over (relay_backlog).
        contacts.add_event(session, contact, "flood_damped", key=f"flood:{record.sid}", at=now)
        minute_end = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        defer(
            session,
            "workers.jobs.relay_backlog",
            contact.id,
            job_id=f"backlog-{contact.id}-{int(minute_end.timestamp())}",
            at=minute_end,
        )
        return EMPTY
    if high:
        contact.risk = Risk.HIGH.value

    if new_contact:
        reached = _relay_next(session, practice, contact, patient, now, bodies=[record.body])
    else:
        reached = _relay_more(session, practice, contact, patient, record, now, raised=raised)
    if reached is None:
        if contact.outcome == "open":
            _nobody_left(session, practice, contact, patient, now, tell_patient=False)
        return twiml_messages(wording.reply("nobody", language, practice=practice.name))
    clinician, on_duty = reached
    record.relayed = True
    who = wording.role_or_first_name(first_name(clinician.name), on_duty)
    text = wording.reply(
        "notified", language, practice=practice.name, who=who, minutes=policy.callback_minutes
    )
    if high or asked_for_help:
        text += wording.reply("danger", language)
    return twiml_messages(text)


def _contact_for(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    *,
    create: bool = False,
) -> Contact:
    if not create:
        existing = texts.open_text_contact(
            session, practice.id, patient.id if patient else None, record.from_number, now
        )
        if existing is not None:
            return existing
    plan = plan_for(session, practice, patient, now)
    contact, _ = contacts.create(
        session,
        Contact(
            id=contacts.new_contact_id(),
            sid=record.sid,
            channel="sms",
            practice_id=practice.id,
            patient_id=patient.id if patient else None,
            from_number=record.from_number,
            to_number=record.to_number,
            started_at=now,
            outcome="open",
            route=list(plan.clinicians),
            crisis_line=practice.crisis_line,
            language=patient.language if patient else "en",
            escalation_step=-1,
        ),
    )
    open_follow_up(session, contact, practice, patient, now)
    return contact


def _label(patient: Patient | None) -> str:
    return display_name(patient.name) if patient else "Unknown texter"


def _live_codes(session: Session, clinician_id: str, now: datetime) -> set[int]:
    return {t.code for t in texts.open_threads_of(session, clinician_id, now)}


def _next_code(session: Session, clinician_id: str, now: datetime) -> int:
    used = {t.code for t in texts.open_threads_of(session, clinician_id, now)}
    code = 1
    while code in used:
        code += 1
    return code


def _on_duty_now(session: Session, practice: Practice, clinician_id: str, now: datetime) -> bool:
    schedule = directory.schedules_at(session, practice, [clinician_id], now).get(clinician_id)
    return schedule is not None and is_on_duty(schedule, now)


def _page(
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
        purpose="page",
        now=now,
        contact_id=contact.id,
        clinician_id=clinician.id,
        step=step,
    )
    contacts.add_event(
        session, contact, "paged", key=f"paged:{key}", clinician_id=clinician.id, at=now
    )


def _relay_next(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    now: datetime,
    *,
    bodies: list[str],
    escalated: bool = False,
    skip: frozenset[str] = frozenset(),
) -> tuple[Clinician, bool] | None:
    """Relays to the next on-call clinician not yet tried in this round (nor in `skip`);
    schedules the ack timeout."""
    plan = plan_for(session, practice, patient, now)
    threads = {t.clinician_id: t for t in texts.threads_of_contact(session, contact.id)}
    tried = {cid for cid, t in threads.items() if t.step >= contact.round_start} | set(skip)
    for clinician_id in plan.clinicians:
        clinician = session.get(Clinician, clinician_id)
        if clinician_id in tried or clinician is None:
            continue
        step = contact.escalation_step + 1
        contact.escalation_step = step
        thread = threads.get(clinician_id)
        if thread is None or thread.code not in _live_codes(session, clinician_id, now):
            code = _next_code(session, clinician_id, now)
        else:
            code = thread.code
        others = len(
            [
                t
                for t in texts.open_threads_of(session, clinician_id, now)
                if t.contact_id != contact.id
            ]
        )
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
        number = _practice_number(session, practice, contact.to_number)
        body = "\n".join(bodies)
        queue_sms(
            session,
            practice_id=practice.id,
            to=clinician.phone,
            from_=number,
            body=wording.relay(
                _label(patient), body, code if others else None, escalated=escalated
            ),
            purpose="relay",
            now=now,
            contact_id=contact.id,
            clinician_id=clinician_id,
            step=step,
        )
        contacts.add_event(
            session,
            contact,
            "escalated" if escalated else "relayed",
            key=f"relayed:{step}",
            clinician_id=clinician_id,
            at=now,
        )
        policy = practice_policy(practice)
        high = contact.risk == Risk.HIGH.value
        if high:
            _page(session, practice, contact, clinician, number, step, str(step), now)
        timeout = policy.high_risk_ack_timeout_s if high else policy.sms_ack_timeout_s
        defer(
            session,
            "workers.jobs.escalate_text",
            contact.id,
            step,
            job_id=escalation_job_id(contact.id, step),
            at=now + timedelta(seconds=timeout),
        )
        return clinician, _on_duty_now(session, practice, clinician_id, now)
    return None


def _relay_more(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    *,
    raised: bool,
) -> tuple[Clinician, bool] | None:
    """A further text in an open contact goes to whoever holds it now."""
    holder_id = contact.connected_to
    threads = texts.threads_of_contact(session, contact.id)
    if holder_id is None and threads:
        holder_id = threads[-1].clinician_id
    on_call = plan_for(session, practice, patient, now).clinicians
    if holder_id is None or holder_id not in on_call:
        # Whoever held it is off call now: the text starts up the list again.
        if contact.outcome == "acknowledged":
            contact.outcome = "open"
            contact.round_start = contact.escalation_step + 1
            contacts.add_event(session, contact, "reopened", key=f"reopened:{record.sid}", at=now)
        return _relay_next(session, practice, contact, patient, now, bodies=[record.body])
    clinician = session.get(Clinician, holder_id)
    thread = texts.thread(session, contact.id, holder_id)
    if clinician is None or thread is None:
        return None
    thread.last_activity_at = now
    others = len(texts.open_threads_of(session, holder_id, now)) > 1
    number = _practice_number(session, practice, contact.to_number)
    queue_sms(
        session,
        practice_id=practice.id,
        to=clinician.phone,
        from_=number,
        body=wording.relay(_label(patient), record.body, thread.code if others else None),
        purpose="relay",
        now=now,
        contact_id=contact.id,
        clinician_id=holder_id,
        step=thread.step,
    )
    contacts.add_event(
        session, contact, "relayed", key=f"relayed:{record.sid}", clinician_id=holder_id, at=now
    )
    if contact.outcome == "acknowledged":
        # A conversation under way: each new text still needs an answer within the timeout.
        high = contact.risk == Risk.HIGH.value and (raised or triage(record.body).risk is Risk.HIGH)
        if high:
            _page(session, practice, contact, clinician, number, thread.step, record.sid, now)
        policy = practice_policy(practice)
        timeout = policy.high_risk_ack_timeout_s if high else policy.sms_ack_timeout_s
        defer(
            session,
            "workers.jobs.check_reply",
            contact.id,
            record.sid,
            job_id=f"reply-{contact.id}-{record.sid}",
            at=now + timedelta(seconds=timeout),
        )
    elif raised and contact.outcome == "open":
        # Now high risk: page the holder and shorten the wait before the next clinician.
        _page(session, practice, contact, clinician, number, thread.step, record.sid, now)
        timeout = practice_policy(practice).high_risk_ack_timeout_s
        defer(
            session,
            "workers.jobs.escalate_text",
            contact.id,
            contact.escalation_step,
            job_id=escalation_job_id(contact.id, contact.escalation_step),
            at=now + timedelta(seconds=timeout),
        )
    return clinician, _on_duty_now(session, practice, holder_id, now)


def _nobody_left(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    now: datetime,
    *,
    tell_patient: bool,
) -> None:
    """The end of the list: the patient gets crisis resources, supervisors are alerted."""
    contact.outcome = "crisis_line"
    contacts.add_event(session, contact, "crisis_message", at=now)
    number = _practice_number(session, practice, contact.to_number)
    if tell_patient and contact.from_number and (patient is None or patient.textable):
        queue_sms(
            session,
            practice_id=practice.id,
            to=contact.from_number,
            from_=number,
            body=wording.reply("unanswered", contact.language, practice=practice.name),
            purpose="crisis_message",
            now=now,
            contact_id=contact.id,
        )
    alert = (
        f"afterhours: a text from {_label(patient)} was not answered by anyone on call; "
        "they were given crisis resources. An urgent follow-up is open."
    )
    told = alert_people(session, practice, contact, patient, alert, now, number)
    contacts.add_event(session, contact, "supervisors_alerted", at=now, detail={"to": told})
    follow = contacts.follow_up(session, contact.id)
    if follow is not None and follow.status == "open":
        follow.urgent = True
        follow.due = min(follow.due, now)


def _text_staff(
    session: Session,
    practice: Practice,
    contact: Contact,
    people: list[Clinician],
    body: str,
    purpose: str,
    now: datetime,
    number: str | None,
) -> None:
    """The same text to each of these staff, from the practice number, about this contact."""
    for person in people:
        queue_sms(
            session,
            practice_id=practice.id,
            to=person.phone,
            from_=number,
            body=body,
            purpose=purpose,
            now=now,
            contact_id=contact.id,
            clinician_id=person.id,
        )


def alert_people(
    session: Session,
    practice: Practice,
    contact: Contact,
    patient: Patient | None,
    body: str,
    now: datetime,
    number: str | None,
) -> list[str]:
    """Texts the practice's supervisors; without any, its admins; without those, the care
    team. Returns who was told (ids), so the log never claims an alert nobody got."""
    people = texts.supervisors(session, practice.id) or texts.staff_with_role(
        session, practice.id, "admin"
    )
    if not people and patient is not None:
        people = directory.care_team_clinicians(session, patient.id)
    _text_staff(session, practice, contact, people, body, "supervisor_alert", now, number)
    if not people:
        log.error("practice %s has nobody to alert about contact %s", practice.id, contact.id)
    return [person.id for person in people]


def escalate(session: Session, contact_id: str, step: int, now: datetime) -> None:
    """The ack timeout (or a failed delivery) for `step`: on to the next clinician (S4).

    Safe to run twice: it acts only if the contact is still open at that very step.
    """
    contact = contacts.get_locked(session, contact_id)
    if contact is None or contact.outcome != "open" or contact.escalation_step != step:
        return
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    contacts.add_event(session, contact, "not_acknowledged", key=f"timeout:{step}", at=now)
    # The patient's own words only (never a clinician's reply), the latest three.
    bodies = [t.body for t in texts.patient_texts(session, contact.id)][-3:] or [""]
    if _relay_next(session, practice, contact, patient, now, bodies=bodies, escalated=True) is None:
        _nobody_left(session, practice, contact, patient, now, tell_patient=True)


SWEEP_GRACE = timedelta(seconds=60)


def relay_backlog(session: Session, contact_id: str, now: datetime) -> None:
    """The texts a flood held back, sent to the clinician in one batch (never dropped).
    Safe to run twice: only texts not yet relayed are sent."""
    contact = contacts.get_locked(session, contact_id)
    if contact is None or contact.practice_id is None:
        return
    pending = [t for t in texts.patient_texts(session, contact.id) if not t.relayed]
    practice = session.get(Practice, contact.practice_id)
    if not pending or practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    for text in pending:
        text.relayed = True
    bodies = [t.body for t in pending]
    threads = texts.threads_of_contact(session, contact.id)
    holder_id = contact.connected_to or (threads[-1].clinician_id if threads else None)
    holder = session.get(Clinician, holder_id) if holder_id else None
    thread = texts.thread(session, contact.id, holder_id) if holder_id else None
    on_call = plan_for(session, practice, patient, now).clinicians
    if holder is not None and thread is not None and holder.id in on_call:
        thread.last_activity_at = now
        queue_sms(
            session,
            practice_id=practice.id,
            to=holder.phone,
            from_=_practice_number(session, practice, contact.to_number),
            body=wording.relay(_label(patient), "\n".join(bodies), thread.code),
            purpose="relay",
            now=now,
            contact_id=contact.id,
            clinician_id=holder.id,
            step=thread.step,
        )
        contacts.add_event(
            session,
            contact,
            "relayed",
            key=f"backlog:{pending[-1].sid}",
            clinician_id=holder.id,
            at=now,
            detail={"texts": len(bodies)},
        )
        if contact.outcome == "acknowledged":
            wait = practice_policy(practice).sms_ack_timeout_s
            defer(
                session,
                "workers.jobs.check_reply",
                contact.id,
                pending[-1].sid,
                job_id=f"reply-{contact.id}-{pending[-1].sid}",
                at=now + timedelta(seconds=wait),
            )
        return
    was = contact.outcome
    if was != "open":
        contact.outcome = "open"
        contact.round_start = contact.escalation_step + 1
    if _relay_next(session, practice, contact, patient, now, bodies=bodies) is None:
        if was == "open":
            _nobody_left(session, practice, contact, patient, now, tell_patient=True)
        else:
            contact.outcome = was  # answered or ended before: nobody new to tell


def _answered_since(events: list[ContactEvent], inbound_sid: str) -> bool:
    """Whether a clinician answered after the patient's text with this sid (in event order)."""
    after = False
    for event in events:
        if event.key == f"text:{inbound_sid}":
            after = True
        elif after and event.type in ("clinician_replied", "page_accepted"):
            return True
    return False


def overdue(session: Session, now: datetime) -> list[tuple[str, str, int | str]]:
    """Escalations whose job never ran (a queue outage, a lost worker), for the sweeper:
    ("escalate", contact id, step) or ("reply", contact id, inbound sid)."""
    found: list[tuple[str, str, int | str]] = []
    for contact in texts.open_text_contacts(session, now):
        practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
        if practice is None:
            continue
        policy = practice_policy(practice)
        high = contact.risk == Risk.HIGH.value
        wait = timedelta(
            seconds=policy.high_risk_ack_timeout_s if high else policy.sms_ack_timeout_s
        )
        events = contacts.events(session, contact.id)
        if contact.outcome == "open" and contact.escalation_step >= 0:
            step = contact.escalation_step
            relayed = [e for e in events if e.key == f"relayed:{step}"]
            if relayed and now >= relayed[0].at + wait + SWEEP_GRACE:
                found.append(("escalate", contact.id, step))
        elif contact.outcome == "acknowledged":
            last = texts.last_patient_text(session, contact.id)
            if last is None or now < last.received_at + wait + SWEEP_GRACE:
                continue
            if not _answered_since(events, last.sid):
                found.append(("reply", contact.id, last.sid))
    return found


def reply_overdue(session: Session, contact_id: str, inbound_sid: str, now: datetime) -> None:
    """A text in an acknowledged conversation got no answer in time: up the list again (S4).

    Safe to run twice: it acts only if nobody has answered since that text arrived.
    """
    contact = contacts.get_locked(session, contact_id)
    inbound = texts.inbound_by_sid(session, inbound_sid)
    if contact is None or inbound is None or contact.outcome != "acknowledged":
        return
    if _answered_since(contacts.events(session, contact.id), inbound.sid):
        return
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if practice is None:
        return
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    holder = contact.connected_to
    contact.outcome = "open"
    contact.round_start = contact.escalation_step + 1
    contacts.add_event(
        session, contact, "not_acknowledged", key=f"unanswered:{inbound_sid}", at=now
    )
    if (
        _relay_next(
            session,
            practice,
            contact,
            patient,
            now,
            bodies=texts.unanswered_patient_texts(session, contact.id, inbound.sid),
            escalated=True,
            skip=frozenset({holder} if holder else set()),
        )
        is None
    ):
        _nobody_left(session, practice, contact, patient, now, tell_patient=True)


def acknowledge_open_texts(
    session: Session, practice_id: str, patient_id: str, clinician_id: str, now: datetime
) -> None:
    contact = texts.open_text_contact(session, practice_id, patient_id, None, now)
    if contact is not None:
        acknowledge(session, contact, clinician_id, now, how="call")


def acknowledge(
    session: Session, contact: Contact, clinician_id: str, now: datetime, how: str
) -> None:
    if contact.outcome == "open":
        contact.outcome = "acknowledged"
        contact.connected_to = clinician_id
        contacts.add_event(
            session, contact, "acknowledged", clinician_id=clinician_id, at=now, detail={"by": how}
        )
        defer_cancel(session, escalation_job_id(contact.id, contact.escalation_step))
        follow = contacts.follow_up(session, contact.id)
        if follow is not None and follow.assignee is None:
            follow.assignee = clinician_id


def _opt_out(
    session: Session, practice: Practice, patient: Patient, record: InboundText, now: datetime
) -> str:
    """STOP: never text this patient again from the practice number; tell the care team."""
    patient.textable = False
    contact = _contact_for(session, practice, patient, record, now)
    record.contact_id = contact.id
    contacts.add_event(session, contact, "opted_out", key=f"out:{record.sid}", at=now)
    number = _practice_number(session, practice, contact.to_number)
    notice = (
        f"afterhours: {display_name(patient.name)} replied STOP and can no longer be texted "
        "from the practice number. Call them instead."
    )
    team = directory.care_team_clinicians(session, patient.id)
    _text_staff(session, practice, contact, team, notice, "optout_notice", now, number)
    return EMPTY  # Twilio answers STOP itself and blocks further sends (21610)
