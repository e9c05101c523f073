"""A patient's text (S3, S4): opt-out and opt-in words, flood damping, the contact it joins,
the relay, and the answer the patient gets at once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.privacy import first_name
from policies.safety import SafetyAnswer
from policies.triage import Cue, Risk, triage
from policies.vocabulary import Channel, EventType, Outcome
from router.contacts.routes import RouteAt, practice_policy, route_now
from router.contacts.service import open_follow_up
from router.core.jobs import Job, backlog_job_id, defer
from router.store.models import Contact, InboundText, Patient, Practice
from router.store.repositories import contacts
from router.store.repositories import inbound as inbound_log
from router.store.repositories import threads as conversations
from router.texts import safety_check, wording
from router.texts.alerts import nobody_left, stop_notice
from router.texts.relay import relay_more, relay_next
from router.twilio.twiml import EMPTY, messages

OPT_OUT = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}
OPT_IN = {"START", "YES", "UNSTOP"}
CONTEXT_TEXTS = 5  # the patient's earlier texts in the contact that triage reads along


def patient_text(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    *,
    care_team: list[str] | None = None,
) -> str:
    """Records and relays a text from a patient (or an unknown number); returns the answer.
    `care_team` is the patient's, when the caller has read it already."""
    policy = practice_policy(practice)
    language = patient.language if patient else "en"
    word = record.body.strip().upper()
    if patient is not None and word in OPT_OUT:
        return _opt_out(session, practice, patient, record, now)
    if patient is not None and word in OPT_IN and not patient.textable:
        patient.textable = True
        joined = _contact_for(session, practice, patient, record, now, care_team=care_team)
        contacts.add_event(session, joined, EventType.OPTED_IN, key=f"in:{record.sid}", at=now)
        return EMPTY  # Twilio confirms opt-ins itself
    # Anything else, "yes" and "help" included, may be a patient answering or asking for
    # help: it is relayed like any text (and every answer gives crisis resources, S3).

    inbound_log.serialize_sender(session, f"text:{practice.id}:{record.from_number}")
    minute_ago = now - timedelta(minutes=1)
    earlier = inbound_log.recent_inbound_count(session, record.from_number or "", minute_ago) - 1
    flooding = record.from_number is not None and earlier >= policy.texts_per_minute
    contact = conversations.open_text_contact(
        session, practice.id, patient.id if patient else None, record.from_number, now
    )
    new_contact = contact is None
    route: RouteAt | None = None
    if contact is None:
        # Planned once: the contact's route, then whom the relay goes to and if on duty.
        route = route_now(session, practice, patient, now, care_team=care_team)
        contact = _contact_for(
            session, practice, patient, record, now, route=route, care_team=care_team
        )
    record.contact_id = contact.id
    # The patient's recent texts in this contact read together with this one (oldest first).
    context = (
        []
        if new_contact
        else [t.body for t in inbound_log.patient_texts(session, contact.id) if t.sid != record.sid]
    )[-CONTEXT_TEXTS:]
    # A contact opened by this text has asked nothing yet: no answer to read (and no read).
    said = None if new_contact else safety_check.answer(session, contact, record, now)
    risk = triage(record.body.replace(wording.PHOTO, " "), context=context)
    high = risk.risk is Risk.HIGH or said is SafetyAnswer.NO
    detail: dict[str, object] = {"risk": Risk.HIGH.value if high else risk.risk.value}
    if risk.categories:
        detail["categories"] = list(risk.categories)
    if risk.cues:
        detail["cues"] = [cue_name(cue) for cue in risk.cues]  # names, never the text (S7)
    if said is not None:
        detail["safety_answer"] = said.value
    contacts.add_event(
        session, contact, EventType.TEXT_RECEIVED, key=f"text:{record.sid}", at=now, detail=detail
    )
    raised = high and contact.risk != Risk.HIGH.value
    if flooding and not raised:
        # Every text is logged; replies and relays are bounded per minute. What is held back
        # goes to the clinician in one batch when the minute is over (relay_backlog).
        contacts.add_event(
            session, contact, EventType.FLOOD_DAMPED, key=f"flood:{record.sid}", at=now
        )
        minute_end = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        defer(
            session,
            Job.RELAY_BACKLOG,
            contact.id,
            job_id=backlog_job_id(contact.id, minute_end),
            at=minute_end,
        )
        return EMPTY
    if high:
        contact.risk = Risk.HIGH.value
    ask_if_safe = risk.risk is Risk.POSSIBLE and not high and contact.risk != Risk.HIGH.value

    if new_contact:
        reached = relay_next(
            session, practice, contact, patient, now, bodies=[record.body], route=route
        )
    else:
        body = record.body + wording.SAFETY_ANSWERED[said.value] if said else None
        reached = relay_more(
            session, practice, contact, patient, record, now, raised=raised, body=body
        )
    if reached is None:
        if contact.outcome == Outcome.OPEN:
            nobody_left(session, practice, contact, patient, now, tell_patient=False)
        key = "poison_nobody" if risk.someone_else_swallowed else "nobody"
        return messages(wording.reply(key, language, practice=practice.name))
    clinician, on_duty = reached
    record.relayed = True
    if contact.risk == Risk.HIGH.value:
        safety_check.mark_urgent(session, contact, clinician.id, now)
    who = wording.role_or_first_name(first_name(clinician.name), on_duty, language)
    values = {"practice": practice.name, "who": who, "minutes": policy.callback_minutes}
    if risk.someone_else_swallowed:
        return messages(wording.reply("poison", language, **values))
    if ask_if_safe:
        safety_check.ask(session, practice, contact, record)
        return messages(wording.reply("safety_check", language, **values))
    return messages(wording.reply("notified", language, **values))


def cue_name(cue: Cue) -> str:
    """How a cue reads in the contact's timeline: `means/gun_at_hand (lowered by negation)`."""
    name = f"{cue.category}/{cue.name}"
    if cue.lowered_by:
        name += f" (lowered by {cue.lowered_by})"
    if cue.earlier:
        name += " (with an earlier text)"
    return name


def _contact_for(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    record: InboundText,
    now: datetime,
    *,
    route: RouteAt | None = None,
    care_team: list[str] | None = None,
) -> Contact:
    """The patient's open text contact, else a new one; given a `route`, the caller has
    looked for an open one already (and planned the route)."""
    if route is None:
        existing = conversations.open_text_contact(
            session, practice.id, patient.id if patient else None, record.from_number, now
        )
        if existing is not None:
            return existing
        route = route_now(session, practice, patient, now, care_team=care_team)
    plan = route.plan
    contact, created = contacts.create(
        session,
        Contact(
            id=contacts.new_contact_id(),
            sid=record.sid,
            channel=Channel.SMS,
            practice_id=practice.id,
            patient_id=patient.id if patient else None,
            from_number=record.from_number,
            to_number=record.to_number,
            started_at=now,
            outcome=Outcome.OPEN,
            route=list(plan.clinicians),
            crisis_line=practice.crisis_line,
            language=patient.language if patient else "en",
            escalation_step=-1,
        ),
    )
    open_follow_up(session, contact, practice, patient, now, care_team=care_team, new=created)
    return contact


def _opt_out(
    session: Session, practice: Practice, patient: Patient, record: InboundText, now: datetime
) -> str:
    """STOP: never text this patient again from the practice number; tell the care team."""
    patient.textable = False
    contact = _contact_for(session, practice, patient, record, now)
    record.contact_id = contact.id
    contacts.add_event(session, contact, EventType.OPTED_OUT, key=f"out:{record.sid}", at=now)
    stop_notice(session, practice, contact, patient, now)
    return EMPTY  # Twilio answers STOP itself and blocks further sends (21610)
