"""The message log's outbound side: queueing texts and calls (a row, then a job after
commit), claiming one to send, and recording what Twilio said."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from policies.delivery import retry_after
from policies.vocabulary import MessageKind, MessageStatus, Purpose
from router.core.jobs import Job, defer, message_job_id
from router.core.settings import get_settings
from router.store.models import OutboundMessage
from router.store.repositories import deadlines
from router.store.repositories import messages as message_log
from router.twilio.gateway import GatewayError, Sent, get_gateway

log = logging.getLogger("afterhours.jobs")
MAX_BODY = 1600  # Twilio's limit for one message


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(10)


def _job(kind: str) -> Job:
    return Job.SEND_MESSAGE if kind == MessageKind.SMS else Job.PLACE_CALL


def _queue(
    session: Session,
    *,
    kind: MessageKind,
    practice_id: str | None,
    to: str,
    from_: str | None,
    body: str | None,
    purpose: Purpose,
    now: datetime,
    contact_id: str | None,
    clinician_id: str | None,
    step: int | None,
) -> OutboundMessage:
    message = OutboundMessage(
        id=new_message_id(),
        practice_id=practice_id,
        kind=kind,
        purpose=purpose,
        to_number=to,
        from_number=from_,
        body=body,
        status=MessageStatus.QUEUED,
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
        created_at=now,
        updated_at=now,
        send_after=now,
    )
    session.add(message)
    session.flush()
    defer(session, _job(kind), message.id, job_id=message_job_id(kind, message.id))
    return message


def split_body(body: str, limit: int = MAX_BODY) -> list[str]:
    """A long text as numbered parts within the limit: nothing is ever cut off."""
    if len(body) <= limit:
        return [body]
    size = limit - len("(99/99) ")
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    return [f"({n}/{len(chunks)}) {chunk}" for n, chunk in enumerate(chunks, start=1)]


def queue_sms(
    session: Session,
    *,
    practice_id: str | None,
    to: str,
    from_: str | None,
    body: str,
    purpose: Purpose,
    now: datetime,
    contact_id: str | None = None,
    clinician_id: str | None = None,
    step: int | None = None,
) -> OutboundMessage:
    """Queues a text (several numbered ones if it is longer than Twilio takes); returns the
    first."""
    sent = [
        _queue(
            session,
            kind=MessageKind.SMS,
            practice_id=practice_id,
            to=to,
            from_=from_,
            body=part,
            purpose=purpose,
            now=now,
            contact_id=contact_id,
            clinician_id=clinician_id,
            step=step,
        )
        for part in split_body(body)
    ]
    return sent[0]


def queue_call(
    session: Session,
    *,
    practice_id: str | None,
    to: str,
    from_: str | None,
    purpose: Purpose,
    now: datetime,
    contact_id: str | None = None,
    clinician_id: str | None = None,
    step: int | None = None,
) -> OutboundMessage:
    return _queue(
        session,
        kind=MessageKind.CALL,
        practice_id=practice_id,
        to=to,
        from_=from_,
        body=None,
        purpose=purpose,
        now=now,
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
    )


def claim(session: Session, message_id: str, now: datetime) -> OutboundMessage | None:
    """Marks a queued message as being sent; committed before the send, so no two workers
    send it. None: already sent, being sent, or gone."""
    return message_log.claim_message(session, message_id, now)


def transmit(message: OutboundMessage) -> Sent | GatewayError:
    """Hands a claimed message to Twilio (a text, or the page call); no database."""
    base = get_settings().public_base_url
    gateway = get_gateway()
    try:
        if message.kind == MessageKind.SMS:
            return gateway.send_sms(
                to=message.to_number,
                from_=message.from_number or "",
                body=message.body or "",
                status_callback=f"{base}/twilio/sms/status",
            )
        return gateway.place_call(
            to=message.to_number,
            from_=message.from_number or "",
            url=f"{base}/twilio/voice/page?m={message.id}",
            status_callback=f"{base}/twilio/voice/page/status?m={message.id}",
        )
    except GatewayError as exc:
        return exc


def record_sent(session: Session, message_id: str, sent: Sent, now: datetime) -> None:
    message = message_log.message(session, message_id)
    if message is not None:
        message.updated_at = now
        message.sid, message.status = sent.sid, sent.status
        if message.purpose == Purpose.RELAY:
            deadlines.relay_sent(session, message.id, now)  # its ack window starts now


def record_failed(session: Session, message_id: str, error: GatewayError, now: datetime) -> bool:
    """A temporary error is tried again later; a permanent one (invalid number, opted out) or
    the last attempt fails the message. True: it failed for good (the caller moves on)."""
    message = message_log.message(session, message_id)
    if message is None:
        return False
    message.updated_at = now
    message.error_code = error.code
    log.warning(
        "%s %s: twilio error %s (attempt %d)",
        message.kind,
        message.id,
        error.code,
        message.attempts,
    )
    wait = retry_after(message.attempts, permanent=error.permanent)
    if wait is not None:
        message.status = MessageStatus.QUEUED
        message.send_after = now + wait
        job_id = message_job_id(message.kind, message.id)
        defer(session, _job(message.kind), message.id, job_id=job_id, at=now + wait)
        return False
    message.status = MessageStatus.FAILED
    return True
