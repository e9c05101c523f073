"""Queueing outbound texts and calls: a row in the message log, then a job after commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from router.core.jobs import Job, defer, message_job_id
from router.store.models import OutboundMessage


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(10)


def _queue(
    session: Session,
    *,
    kind: str,
    job: Job,
    practice_id: str | None,
    to: str,
    from_: str | None,
    body: str | None,
    purpose: str,
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
        status="queued",
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
        created_at=now,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    defer(session, job, message.id, job_id=message_job_id(kind, message.id))
    return message


MAX_BODY = 1600  # Twilio's limit for one message


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
    purpose: str,
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
            kind="sms",
            job=Job.SEND_MESSAGE,
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
    purpose: str,
    now: datetime,
    contact_id: str | None = None,
    clinician_id: str | None = None,
    step: int | None = None,
) -> OutboundMessage:
    return _queue(
        session,
        kind="call",
        job=Job.PLACE_CALL,
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
