"""The page call a high-risk text places (/twilio/voice/page*): the clinician hears where
to look, presses 1, and is connected to the patient. No name until they press 1 (S7)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from policies.privacy import display_name
from policies.vocabulary import EventType
from router.core import clock
from router.core.settings import get_settings
from router.store.models import Contact, Patient, Practice
from router.store.repositories import contacts
from router.store.repositories import messages as message_log
from router.texts import delivery, wording
from router.texts.escalation import acknowledge
from router.twilio import twiml
from router.twilio.edge import SignedForm, form_params, within, xml

log = logging.getLogger("afterhours.texts")
router = APIRouter(prefix="/twilio", tags=["twilio"])
PAGE_KEY_TIMEOUT_S = 10
PAGE_RING_S = 30


def _page_context(session: Session, message_id: str) -> tuple[Contact, Practice] | None:
    message = message_log.message(session, message_id)
    contact = contacts.get(session, message.contact_id) if message and message.contact_id else None
    practice = (
        session.get(Practice, contact.practice_id) if contact and contact.practice_id else None
    )
    return (contact, practice) if contact and practice else None


async def _page_call_answer(
    work: Callable[[Session], str], *, what: str, fallback: str
) -> Response:
    """Runs a page-call step; on any failure the clinician still hears where to look."""
    try:
        return xml(await within(get_settings().voice_deadline_s * 4, work))
    except Exception as exc:
        log.error("%s failed: %s", what, type(exc).__name__)
        return xml(twiml.spoken_then_hangup(fallback))


@router.post("/voice/page")
async def page(form: SignedForm, m: Annotated[str, Query(max_length=40)]) -> Response:
    """The clinician answered the page call: no name until they press 1 (S7)."""

    def answer(session: Session) -> str:
        context = _page_context(session, m)
        if context is None:
            return twiml.hangup()
        return twiml.press_one(
            twiml.url("/twilio/voice/page/answer", m=m),
            wording.PAGE_PROMPT.format(practice=context[1].name),
            timeout_s=PAGE_KEY_TIMEOUT_S,
            no_input=wording.PAGE_NO_KEY,
        )

    return await _page_call_answer(answer, what="page prompt", fallback=wording.PAGE_PROMPT_FAILED)


@router.post("/voice/page/answer")
async def page_answer(form: SignedForm, m: Annotated[str, Query(max_length=40)]) -> Response:
    params = form_params(form)
    now = clock.now()

    def answer(session: Session) -> str:
        context = _page_context(session, m)
        message = message_log.message(session, m)
        if context is None or message is None or (params.get("Digits") or "") != "1":
            return twiml.spoken_then_hangup(wording.PAGE_DECLINED)
        contact, _practice = context
        patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
        if message.clinician_id:
            contacts.add_event(
                session,
                contact,
                EventType.PAGE_ACCEPTED,
                key=f"page:{m}",
                clinician_id=message.clinician_id,
                at=now,
            )
            acknowledge(session, contact, message.clinician_id, now, how="call")
        if not contact.from_number:
            return twiml.spoken_then_hangup(wording.PAGE_NO_NUMBER)
        name = display_name(patient.name) if patient else "the texter"
        return twiml.say_then_dial(
            wording.page_connecting(name),
            contact.from_number,
            caller_id=contact.to_number,
            timeout_s=PAGE_RING_S,
        )

    return await _page_call_answer(answer, what="page answer", fallback=wording.PAGE_DECLINED)


@router.post("/voice/page/status")
async def page_status(form: SignedForm, m: Annotated[str, Query(max_length=40)]) -> Response:
    params = form_params(form)
    now = clock.now()

    def record(session: Session) -> str:
        delivery.page_status(session, m, params, now)
        return twiml.EMPTY

    try:
        await within(get_settings().sms_deadline_s, record)
    except Exception as exc:
        log.error("page status not recorded: %s", type(exc).__name__)
    return xml(twiml.EMPTY)
