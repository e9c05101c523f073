"""Text webhooks (SPEC §8) and the page call for high-risk texts.

S3: whatever fails, the patient's text is answered at once with crisis resources, and the
spool keeps the text until the database is back, when it is relayed as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session
from twilio.twiml.voice_response import Gather, VoiceResponse

from policies.privacy import display_name
from router.core import clock
from router.core.settings import get_settings
from router.store.models import Contact, Patient, Practice
from router.store.repositories import contacts, texts
from router.texts import service, wording
from router.twilio import twiml
from router.twilio.edge import SignedForm, form_params, within, xml
from router.twilio.recovery import spool

log = logging.getLogger("afterhours.texts")
router = APIRouter(prefix="/twilio", tags=["twilio"])
FINAL_MESSAGE = {"delivered", "undelivered", "failed", "read"}
ORDER = {
    "queued": 0,
    "simulated": 0,
    "accepted": 0,
    "sending": 1,
    "sent": 2,
    "delivered": 3,
    "read": 4,
    "undelivered": 3,
    "failed": 3,
}


@router.post("/sms")
async def incoming_text(form: SignedForm) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(
            await within(
                get_settings().sms_deadline_s, lambda s: service.handle_text(s, params, now)
            )
        )
    except service.MalformedText:
        # Nothing to key it by, so nothing to keep: answer with crisis resources all the same.
        log.error("text without a MessageSid answered by the fail-safe")
        return xml(service.twiml_messages(wording.reply("failsafe", "en")))
    except Exception as exc:  # S3: the deliberate catch-all at the text edge
        reason = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        log.error("text answered by the fail-safe: %s", reason)
        try:
            spool().append(
                {"kind": "sms_failsafe", "params": params, "at": now.isoformat(), "reason": reason}
            )
        except OSError:
            log.error("spool unwritable; the fail-safe answer goes out regardless")
        return xml(service.twiml_messages(wording.reply("failsafe", "en")))


@router.post("/sms/status")
async def text_status(form: SignedForm) -> Response:
    """Delivery status callbacks: update the message log; a failure moves escalation on."""
    params = form_params(form)
    now = clock.now()

    def record(session: Session) -> str:
        sid = params.get("MessageSid") or params.get("SmsSid") or ""
        status = (params.get("MessageStatus") or params.get("SmsStatus") or "").strip()
        message = texts.message_by_sid(session, sid) if sid else None
        if message is None or status not in ORDER:
            return "<Response/>"
        if ORDER[status] >= ORDER.get(message.status, 0) and message.status not in FINAL_MESSAGE:
            # Twilio's interim words in the message log's own (SPEC §8).
            message.status = {"accepted": "queued", "sending": "sent"}.get(status, status)
            message.updated_at = now
            if params.get("ErrorCode", "").isdigit():
                message.error_code = int(params["ErrorCode"])
            if status in ("failed", "undelivered"):
                from workers.jobs import delivery_failed

                delivery_failed(session, message.id)
        return "<Response/>"

    try:
        await within(get_settings().sms_deadline_s, record)
    except Exception as exc:
        log.error("text status not recorded: %s", type(exc).__name__)
    return xml("<Response/>")


# A call's statuses in the message log's words: answered counts as delivered.
CALL_STATUS = {
    "queued": "queued",
    "ringing": "sent",
    "in-progress": "sent",
    "completed": "delivered",
    "busy": "undelivered",
    "no-answer": "undelivered",
    "canceled": "undelivered",
    "failed": "failed",
}

PAGE_PROMPT = (
    "This is the {practice} after-hours line. A patient's text reads as urgent. "
    "Check your texts. Press 1 to be connected to the patient now."
)


def _page_context(session: Session, message_id: str) -> tuple[Contact, Practice] | None:
    message = texts.message(session, message_id)
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
        response = VoiceResponse()
        gather = Gather(
            num_digits=1,
            action=twiml.url("/twilio/voice/page/answer", m=m),
            method="POST",
            timeout=10,
        )
        gather.say(PAGE_PROMPT.format(practice=context[1].name), language="en-US")
        response.append(gather)
        response.say("No key pressed. Please check your texts. Goodbye.", language="en-US")
        response.hangup()
        return str(response)

    return await _page_call_answer(
        answer, what="page prompt", fallback="Please check your texts from the after-hours line."
    )


@router.post("/voice/page/answer")
async def page_answer(form: SignedForm, m: Annotated[str, Query(max_length=40)]) -> Response:
    params = form_params(form)
    now = clock.now()

    def answer(session: Session) -> str:
        context = _page_context(session, m)
        message = texts.message(session, m)
        if context is None or message is None or (params.get("Digits") or "") != "1":
            return twiml.spoken_then_hangup("Please check your texts. Goodbye.")
        contact, _practice = context
        patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
        if message.clinician_id:
            contacts.add_event(
                session,
                contact,
                "page_accepted",
                key=f"page:{m}",
                clinician_id=message.clinician_id,
                at=now,
            )
            service.acknowledge(session, contact, message.clinician_id, now, how="call")
        if not contact.from_number:
            return twiml.spoken_then_hangup("The patient's number is not available. Goodbye.")
        response = VoiceResponse()
        name = display_name(patient.name) if patient else "the texter"
        response.say(f"Connecting you to {name.rstrip('.')}.", language="en-US")
        response.dial(contact.from_number, caller_id=contact.to_number, timeout=30)
        return str(response)

    return await _page_call_answer(
        answer, what="page answer", fallback="Please check your texts. Goodbye."
    )


@router.post("/voice/page/status")
async def page_status(form: SignedForm, m: Annotated[str, Query(max_length=40)]) -> Response:
    params = form_params(form)
    now = clock.now()

    def record(session: Session) -> str:
        message = texts.message(session, m)
        status = CALL_STATUS.get((params.get("CallStatus") or "").strip())
        if message is not None and status:
            message.status, message.updated_at = status, now
        return "<Response/>"

    try:
        await within(get_settings().sms_deadline_s, record)
    except Exception as exc:
        log.error("page status not recorded: %s", type(exc).__name__)
    return xml("<Response/>")
