"""Queueing outbound texts and calls: a row in the message log, then a job after commit."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from router.store.models import OutboundMessage
from workers.queue import defer


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(10)


def _queue(
    session: Session,
    *,
    kind: str,
    job: str,
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
        body=body[:1600] if body is not None else None,
        status="queued",
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
        created_at=now,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    defer(session, job, message.id, job_id=f"{kind}-{message.id}")
    return message


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
    return _queue(
        session,
        kind="sms",
        job="workers.jobs.send_message",
        practice_id=practice_id,
        to=to,
        from_=from_,
        body=body,
        purpose=purpose,
        now=now,
        contact_id=contact_id,
        clinician_id=clinician_id,
        step=step,
    )


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
        job="workers.jobs.place_call",
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
