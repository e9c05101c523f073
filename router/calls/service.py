"""The voice path as a service: each function reads what it needs, records what happened,
and returns the TwiML to answer. Endpoints commit; nothing here does.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session
from twilio.twiml.voice_response import VoiceResponse

from policies.privacy import display_name
from policies.screening import leg_result
from policies.vocabulary import Channel, EventType, Outcome
from router.calls import quick, twiml
from router.calls.prompts import SCREEN_DECLINED, SCREEN_TOO_LATE
from router.contacts.caller import identify
from router.contacts.routes import plan_for, practice_policy
from router.contacts.service import assign_if_unassigned, mark_urgent, open_contact
from router.core.settings import get_settings
from router.failsafe.spooling import remember_crisis_lines
from router.store.models import CallLeg, Clinician, Contact, Patient, Practice
from router.store.repositories import contacts, directory
from router.texts.escalation import acknowledge_open_texts
from router.twilio.twiml import hangup, spoken_then_hangup

log = logging.getLogger("afterhours.voice")

FINAL_CALL_STATUSES = {"completed", "busy", "failed", "no-answer", "canceled"}


class MalformedWebhook(ValueError):
    """A signed request that lacks what routing needs: answered with the fail-safe."""


def start_call(
    session: Session, params: Mapping[str, str], now: datetime, *, snapshot_tried: bool = False
) -> str:
    """An incoming call's TwiML, its contact written. `snapshot_tried`: the endpoint's
    `quick.answer_at_once` has tried the snapshot already and left the call to the tables."""
    sid = (params.get("CallSid") or "").strip()
    if not sid:
        raise MalformedWebhook("CallSid is missing")
    # Most calls: the route snapshot and one write (router/calls/quick.py).
    answered = None if snapshot_tried else quick.answer_call(session, params, now)
    if answered is not None:
        return answered
    # No look for a retry first: the contact's INSERT ... ON CONFLICT (sid) finds it.
    who = identify(session, params.get("To"), params.get("From"))
    practice, patient = who.practice, who.patient
    if practice is not None:
        remember_crisis_lines({who.to or "": practice.crisis_line})
        if who.care_team is not None:
            team = who.care_team
        else:
            team = directory.care_team(session, patient.id) if patient else []
        plan = plan_for(session, practice, patient, now, care_team=team)
        route, crisis = list(plan.clinicians), plan.crisis_line
    else:
        team, route, crisis = [], [], get_settings().crisis_line

    contact, created = open_contact(
        session,
        who,
        sid=sid,
        channel=Channel.VOICE,
        at=now,
        route=route,
        crisis_line=crisis,
        care_team=team,
    )
    if not created:
        # Twilio retried the webhook: the same contact, the step it had reached.
        return _render_step(session, contact, _current_step(session, contact), now, greet=True)
    detail = {"route": route, "known_caller": patient is not None}
    if practice is None:
        detail["unknown_practice_number"] = True
    contacts.add_event(session, contact, EventType.GREETED, at=now, detail=detail)
    log.info("call %s: contact %s, %d clinicians on the route", sid, contact.id, len(route))
    return _render_step(session, contact, 0, now, greet=True)


def _current_step(session: Session, contact: Contact) -> int:
    legs = contacts.legs(session, contact.id)
    return legs[-1].step if legs else 0


def _render_step(
    session: Session, contact: Contact, step: int, now: datetime, *, greet: bool = False
) -> str:
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    language = contact.language
    response = VoiceResponse()
    if greet:
        twiml.greet(response, practice.name if practice else "the clinic", language)
    policy = practice_policy(practice)
    route = list(contact.route or [])
    while step < len(route):
        clinician = session.get(Clinician, route[step])
        if clinician is not None and clinician.active and clinician.phone:
            break
        step += 1  # a clinician removed or deactivated since the call began: on to the next
    if step < len(route) and contact.outcome == Outcome.OPEN:
        clinician_id = route[step]
        clinician = session.get(Clinician, clinician_id)
        assert clinician is not None
        contacts.ensure_leg(session, contact.id, step, clinician_id)
        contacts.add_event(
            session,
            contact,
            EventType.DIALLED,
            key=f"dialled:{step}",
            clinician_id=clinician_id,
            at=now,
        )
        twiml.dial_clinician(
            response,
            contact_id=contact.id,
            step=step,
            number=clinician.phone,
            ring_timeout_s=policy.ring_timeout_s,
            caller_id=contact.to_number,
            language=language,
        )
        return str(response)
    if contact.outcome == Outcome.CONNECTED:
        response.hangup()
        return str(response)
    contacts.add_event(session, contact, EventType.CRISIS_LINE, at=now, detail={"after": step})
    contact.outcome = Outcome.CRISIS_LINE
    twiml.dial_crisis_line(
        response, crisis_line=contact.crisis_line, language=language, contact_id=contact.id
    )
    return str(response)


def screen_leg(
    session: Session, contact_id: str, step: int, params: Mapping[str, str], now: datetime
) -> str:
    """The clinician's phone was answered (by a person or a voicemail): ask for the digit."""
    contact = contacts.get(session, contact_id)
    leg = contacts.leg(session, contact_id, step) if contact else None
    if contact is None or leg is None or contact.outcome != Outcome.OPEN:
        return spoken_then_hangup(SCREEN_TOO_LATE)
    leg.answered = True
    leg.child_sid = params.get("CallSid") or leg.child_sid
    contacts.add_event(
        session,
        contact,
        EventType.ANSWERED,
        key=f"answered:{step}",
        clinician_id=leg.clinician_id,
        at=now,
    )
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    policy = practice_policy(practice)
    return twiml.screen(
        contact.id, step, practice.name if practice else "clinic", policy.screen_timeout_s
    )


def screen_answer(
    session: Session, contact_id: str, step: int, params: Mapping[str, str], now: datetime
) -> str:
    """Only digit 1 bridges (S2); the patient's name is spoken only after it."""
    contact = contacts.get(session, contact_id)
    leg = contacts.leg(session, contact_id, step) if contact else None
    if contact is None or leg is None:
        return spoken_then_hangup(SCREEN_TOO_LATE)
    digits = (params.get("Digits") or "").strip()
    if (
        contact.outcome == Outcome.CONNECTED
        and contact.connected_to == leg.clinician_id
        and leg.accepted
    ):
        accepted_again = True  # a retried Gather action: answer the same
    else:
        accepted_again = False
    if not accepted_again and contact.outcome != Outcome.OPEN:
        return spoken_then_hangup(SCREEN_TOO_LATE)
    if digits != "1":
        leg.result = EventType.DECLINED
        contacts.add_event(
            session,
            contact,
            EventType.DECLINED,
            key=f"declined:{step}",
            clinician_id=leg.clinician_id,
            at=now,
            detail={"digit": digits[:1] if digits.isdigit() else ""},
        )
        return spoken_then_hangup(SCREEN_DECLINED)
    _accept(session, contact, leg, now)
    if contact.patient_id and contact.practice_id:
        # The patient who texted and then got through by phone has been answered.
        acknowledge_open_texts(
            session, contact.practice_id, contact.patient_id, leg.clinician_id, now
        )
    assign_if_unassigned(session, contact, leg.clinician_id)
    patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
    return twiml.connecting(
        display_name(patient.name) if patient else "a caller whose number is not on file"
    )


def replay_acceptance(session: Session, contact_id: str, step: int, at: datetime) -> None:
    """A clinician's 1 the spool kept while the database was away: they were bridged."""
    contact = contacts.get(session, contact_id)
    leg = contacts.leg(session, contact_id, step) if contact else None
    if contact is not None and leg is not None:
        _accept(session, contact, leg, at)


def _accept(session: Session, contact: Contact, leg: CallLeg, at: datetime) -> None:
    leg.accepted, leg.result = True, EventType.ACCEPTED
    for event in (EventType.ACCEPTED, EventType.BRIDGED):
        contacts.add_event(
            session,
            contact,
            event,
            key=f"{event}:{leg.step}",
            clinician_id=leg.clinician_id,
            at=at,
        )
    contact.outcome, contact.connected_to = Outcome.CONNECTED, leg.clinician_id


def after_dial(
    session: Session, contact_id: str, step: int, params: Mapping[str, str], now: datetime
) -> str:
    """The <Dial> action: decide from what the router saw, never from `completed` alone."""
    contact = contacts.get(session, contact_id)
    if contact is None:
        raise MalformedWebhook("the Dial action names no known contact")
    leg = contacts.leg(session, contact_id, step)
    if leg is not None and leg.accepted:
        contacts.add_event(
            session,
            contact,
            EventType.CALL_ENDED,
            key=f"dial_done:{step}",
            clinician_id=leg.clinician_id,
            at=now,
            detail={"talk_s": _int(params.get("DialCallDuration"))},
        )
        return hangup()
    if contact.outcome in (Outcome.CONNECTED, Outcome.ABANDONED) or contact.ended_at is not None:
        return hangup()  # bridged already, or the caller has hung up
    status = (params.get("DialCallStatus") or "").strip()
    if leg is not None and leg.result != EventType.DECLINED:
        result = EventType(leg_result(leg.answered, declined=False, dial_status=status))
        leg.result = result
        contacts.add_event(
            session,
            contact,
            result,
            key=f"result:{step}",
            clinician_id=leg.clinician_id,
            at=now,
            detail={"dial_status": status[:16]},
        )
    if status == "canceled":
        return hangup()  # the caller is gone; the status callback records it
    return _render_step(session, contact, step + 1, now)


def after_crisis(
    session: Session, contact_id: str, attempt: int, params: Mapping[str, str], now: datetime
) -> str:
    contact = contacts.get(session, contact_id)
    if contact is None:
        raise MalformedWebhook("the crisis Dial action names no known contact")
    status = (params.get("DialCallStatus") or "").strip()
    language = contact.language
    if status == "completed":
        contacts.add_event(session, contact, EventType.CRISIS_CONNECTED, at=now)
        return hangup()
    contacts.add_event(
        session,
        contact,
        EventType.CRISIS_UNREACHED,
        key=f"crisis_unreached:{attempt}",
        at=now,
        detail={"dial_status": status[:16]},
    )
    response = VoiceResponse()
    if attempt < 2:
        twiml.dial_crisis_line(
            response,
            crisis_line=contact.crisis_line,
            language=language,
            contact_id=contact.id,
            attempt=attempt + 1,
        )
        return str(response)
    return twiml.crisis_unreachable(language)


def call_status(session: Session, params: Mapping[str, str], now: datetime) -> bool:
    """A status callback. Returns False when the call is not (yet) known here."""
    sid = (params.get("CallSid") or "").strip()
    status = (params.get("CallStatus") or "").strip()
    contact = contacts.by_sid(session, sid) if sid else None
    if contact is None:
        return False
    if status not in FINAL_CALL_STATUSES:
        return True
    if contact.ended_at is None:
        contact.ended_at = now
        contact.duration_s = _int(params.get("CallDuration"))
    contacts.add_event(
        session,
        contact,
        EventType.ENDED,
        at=now,
        detail={"status": status, "duration_s": _int(params.get("CallDuration"))},
    )
    reached_crisis = contacts.has_event(session, contact, EventType.CRISIS_CONNECTED)
    if contact.outcome == Outcome.CRISIS_LINE and contacts.has_event_type(
        session, contact, EventType.FAILSAFE
    ):
        return True  # the fail-safe's crisis line: no action reports how it went (S1)
    if contact.outcome == Outcome.OPEN or (
        contact.outcome == Outcome.CRISIS_LINE and not reached_crisis
    ):
        if contact.outcome == Outcome.OPEN:
            contact.outcome = Outcome.ABANDONED
        # Hung up before reaching anyone: somebody calls back first thing, not whenever.
        contacts.add_event(session, contact, EventType.ABANDONED, at=now)
        mark_urgent(session, contact, due_by=now)
    return True


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None
