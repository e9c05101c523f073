"""Queueing outbound texts and calls: a row in the message log, then a job after commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from router.store.models import OutboundMessage
from workers.queue import defer


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(10)


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
    message = OutboundMessage(
        id=new_message_id(),
        practice_id=practice_id,
        kind="sms",
        purpose=purpose,
        to_number=to,
        from_number=from_,
        body=body[:1600],
        status="queued",
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
        created_at=now,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    defer(session, "workers.jobs.send_message", message.id, job_id=f"send-{message.id}")
    return message


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
    message = OutboundMessage(
        id=new_message_id(),
        practice_id=practice_id,
        kind="call",
        purpose=purpose,
        to_number=to,
        from_number=from_,
        body=None,
        status="queued",
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
        created_at=now,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    defer(session, "workers.jobs.place_call", message.id, job_id=f"call-{message.id}")
    return message
