"""RQ job functions. Each is small and safe to run twice: it re-reads what it acts on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy.orm import Session

from router.core import clock
from router.core.db import session_scope
from router.core.jobs import defer
from router.core.settings import get_settings
from router.store.models import Clinician, OutboundMessage, Patient, Practice
from router.store.repositories import contacts, texts
from router.texts import service
from router.texts.outbox import queue_sms
from router.twilio.gateway import OPTED_OUT, GatewayError, Sent, get_gateway

log = logging.getLogger("afterhours.jobs")


def escalate_text(contact_id: str, step: int) -> None:
    """The ack timeout for a relayed text: on to the next on-call clinician (S4)."""
    with session_scope() as session:
        service.escalate(session, contact_id, step, clock.now())


def relay_backlog(contact_id: str) -> None:
    """The texts a flood held back, to the clinician in one batch."""
    with session_scope() as session:
        service.relay_backlog(session, contact_id, clock.now())


def check_reply(contact_id: str, inbound_sid: str) -> None:
    """A text in an acknowledged conversation: was it answered within the timeout? (S4)"""
    with session_scope() as session:
        service.reply_overdue(session, contact_id, inbound_sid, clock.now())


MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(seconds=30)  # then 60, 90, ... between tries of a temporary failure


def _claim(message_id: str) -> OutboundMessage | None:
    """Marks a queued message as being sent, in its own commit, so no two workers send it."""
    with session_scope() as session:
        return texts.claim_message(session, message_id, clock.now())


def _deliver(message_id: str, send: Callable[[OutboundMessage], Sent]) -> None:
    claimed = _claim(message_id)
    if claimed is None:
        return  # already sent, being sent, or gone: running twice is harmless
    try:
        sent: Sent | GatewayError = send(claimed)
    except GatewayError as exc:
        sent = exc
    with session_scope() as session:
        message = texts.message(session, message_id)
        if message is None:
            return
        message.updated_at = clock.now()
        if isinstance(sent, Sent):
            message.sid, message.status = sent.sid, sent.status
            return
        message.error_code = sent.code
        log.warning(
            "%s %s: twilio error %s (attempt %d)",
            message.kind,
            message.id,
            sent.code,
            message.attempts,
        )
        if not sent.permanent and message.attempts < MAX_ATTEMPTS:
            message.status = "queued"
            job = (
                "workers.jobs.send_message" if message.kind == "sms" else "workers.jobs.place_call"
            )
            defer(
                session,
                job,
                message.id,
                job_id=f"{message.kind}-{message.id}",
                at=clock.now() + RETRY_AFTER * message.attempts,
            )
            return
        message.status = "failed"
        delivery_failed(session, message.id)


def send_message(message_id: str) -> None:
    """Sends one queued text. Temporary Twilio errors are tried again later; permanent ones
    (invalid number, opted out) are not, and move things on (`delivery_failed`)."""
    base = get_settings().public_base_url
    _deliver(
        message_id,
        lambda m: get_gateway().send_sms(
            to=m.to_number,
            from_=m.from_number or "",
            body=m.body or "",
            status_callback=f"{base}/twilio/sms/status",
        ),
    )


def place_call(message_id: str) -> None:
    """Places one queued call (a page to a clinician about a high-risk text)."""
    base = get_settings().public_base_url
    _deliver(
        message_id,
        lambda m: get_gateway().place_call(
            to=m.to_number,
            from_=m.from_number or "",
            url=f"{base}/twilio/voice/page?m={m.id}",
            status_callback=f"{base}/twilio/voice/page/status?m={m.id}",
        ),
    )


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
    number = message.from_number
    if message.purpose == "clinician_reply" and message.clinician_id:
        # The clinician was told "Sent": tell them it did not arrive.
        clinician = session.get(Clinician, message.clinician_id)
        if clinician is not None:
            queue_sms(
                session,
                practice_id=message.practice_id,
                to=clinician.phone,
                from_=number,
                purpose="notice",
                now=clock.now(),
                contact_id=contact.id,
                clinician_id=clinician.id,
                body="afterhours: your reply was NOT delivered to the patient. Please call them.",
            )
    practice = session.get(Practice, contact.practice_id) if contact.practice_id else None
    if message.purpose == "crisis_message" and practice is not None:
        # The patient could not be given crisis resources by text: a person must call.
        patient = session.get(Patient, contact.patient_id) if contact.patient_id else None
        service.alert_people(
            session,
            practice,
            contact,
            patient,
            "afterhours: the crisis-resources text to a patient could not be delivered. "
            "Please call the patient now; the follow-up is open.",
            clock.now(),
            number,
        )
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


def sweep() -> int:
    """Self-healing, run every half minute by the web app: sends and escalations that a queue
    outage or a dead worker lost are done now. Everything it calls is safe to run twice."""
    now = clock.now()
    with session_scope() as session:
        stale = texts.stale_messages(session, now)
        for message in stale:
            message.status = "queued"
        lost = [(message.id, message.kind) for message in stale]
        due = service.overdue(session, now)
    for message_id, kind in lost:
        (send_message if kind == "sms" else place_call)(message_id)
    for what, contact_id, key in due:
        if what == "escalate":
            escalate_text(contact_id, int(key))
        else:
            check_reply(contact_id, str(key))
    if lost or due:
        log.warning("sweep: %d lost sends and %d overdue escalations done", len(lost), len(due))
    return len(lost) + len(due)
