"""RQ job functions. Each is small and safe to run twice: it re-reads what it acts on."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from router.core import clock
from router.core.db import session_scope
from router.core.settings import get_settings
from router.gateway import OPTED_OUT, GatewayError, get_gateway
from router.store.models import Patient
from router.store.repositories import contacts, texts
from router.texts import service
from workers.queue import defer

log = logging.getLogger("afterhours.jobs")


def escalate_text(contact_id: str, step: int) -> None:
    """The ack timeout for a relayed text: on to the next on-call clinician (S4)."""
    with session_scope() as session:
        service.escalate(session, contact_id, step, clock.now())


def send_message(message_id: str) -> None:
    """Sends one queued text through the gateway; a permanent failure moves things on."""
    settings = get_settings()
    with session_scope() as session:
        message = texts.message(session, message_id)
        if message is None or message.status != "queued" or message.sid:
            return  # already sent (a retried job) or gone
        message.attempts += 1
        try:
            sent = get_gateway().send_sms(
                to=message.to_number,
                from_=message.from_number or "",
                body=message.body or "",
                status_callback=f"{settings.public_base_url}/twilio/sms/status",
            )
        except GatewayError as exc:
            message.status, message.error_code = "failed", exc.code
            message.updated_at = clock.now()
            log.warning("text %s failed: twilio error %s", message.id, exc.code)
            delivery_failed(session, message.id)
            return
        message.sid, message.status, message.updated_at = sent.sid, sent.status, clock.now()


def place_call(message_id: str) -> None:
    """Places one queued call (a page to a clinician about a high-risk text)."""
    settings = get_settings()
    with session_scope() as session:
        message = texts.message(session, message_id)
        if message is None or message.status != "queued" or message.sid:
            return
        message.attempts += 1
        base = settings.public_base_url
        try:
            sent = get_gateway().place_call(
                to=message.to_number,
                from_=message.from_number or "",
                url=f"{base}/twilio/voice/page?m={message.id}",
                status_callback=f"{base}/twilio/voice/page/status?m={message.id}",
            )
        except GatewayError as exc:
            message.status, message.error_code = "failed", exc.code
            message.updated_at = clock.now()
            log.warning("page call %s failed: twilio error %s", message.id, exc.code)
            return
        message.sid, message.status, message.updated_at = sent.sid, sent.status, clock.now()


def delivery_failed(session: Session, message_id: str) -> None:
    """A text that will not arrive. To a clinician holding a relay: escalate at once.
    To a patient who opted out: mark them not textable."""
    message = texts.message(session, message_id)
    if message is None or message.contact_id is None:
        return
    contact = contacts.get(session, message.contact_id)
    if contact is None:
        return
    contacts.add_event(
        session,
        contact,
        "delivery_failed",
        key=f"failed:{message.id}",
        clinician_id=message.clinician_id,
        at=clock.now(),
        detail={"purpose": message.purpose, "error": message.error_code},
    )
    to_patient = message.to_number == contact.from_number
    if message.error_code == OPTED_OUT and to_patient and contact.patient_id:
        patient = session.get(Patient, contact.patient_id)
        if patient is not None:
            patient.textable = False
    if (
        message.purpose == "relay"
        and message.step is not None
        and contact.outcome == "open"
        and contact.escalation_step == message.step
    ):
        defer(
            session,
            "workers.jobs.escalate_text",
            contact.id,
            message.step,
            job_id=service.escalation_job_id(contact.id, message.step),
        )
