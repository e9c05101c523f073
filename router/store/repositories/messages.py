"""Queries for the outbound message log: texts and calls we queued, claimed, sent."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from policies.vocabulary import MessageStatus
from router.store.models import OutboundMessage


def message(session: Session, message_id: str) -> OutboundMessage | None:
    return session.get(OutboundMessage, message_id)


def message_by_sid(session: Session, sid: str) -> OutboundMessage | None:
    return session.scalars(select(OutboundMessage).where(OutboundMessage.sid == sid)).first()


def messages(
    session: Session, practice_id: str, *, contact_id: str | None, kind: str | None, limit: int
) -> list[OutboundMessage]:
    query = select(OutboundMessage).where(OutboundMessage.practice_id == practice_id)
    if contact_id is not None:
        query = query.where(OutboundMessage.contact_id == contact_id)
    if kind is not None:
        query = query.where(OutboundMessage.kind == kind)
    return list(
        session.scalars(
            query.order_by(OutboundMessage.created_at.desc(), OutboundMessage.id).limit(limit)
        )
    )


def claim_message(session: Session, message_id: str, now: datetime) -> OutboundMessage | None:
    """Queued -> sending, only if still queued and never handed to Twilio (no sid: Twilio's
    own first status is also "queued"): the one who changes it sends it."""
    changed = session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.id == message_id,
            OutboundMessage.status == MessageStatus.QUEUED,
            OutboundMessage.sid.is_(None),
        )
        .values(
            status=MessageStatus.SENDING,
            attempts=OutboundMessage.attempts + 1,
            updated_at=now,
            send_after=None,
        )
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    message = session.get(OutboundMessage, message_id)
    if message is not None:
        session.refresh(message)
        session.expunge(message)
    return message


# A claim older than this is lost (its worker died): a send takes the gateway at most about
# 25 s (three connect timeouts and their backoff, then one read timeout).
SENDING_LOST = timedelta(seconds=60)


def due_sends(session: Session, by: datetime, limit: int = 100) -> list[tuple[str, str, datetime]]:
    """Queued messages whose next try was due by `by` (their job was lost or is late: a
    queue that was down, busy workers), as (id, kind, send_after). Only queued messages
    have `send_after`: a claim clears it."""
    return [
        (message_id, kind, due)
        for message_id, kind, due in session.execute(
            select(OutboundMessage.id, OutboundMessage.kind, OutboundMessage.send_after)
            .where(OutboundMessage.send_after <= by, OutboundMessage.status == MessageStatus.QUEUED)
            .order_by(OutboundMessage.send_after)
            .limit(limit)
        )
        if due is not None  # always, by the filter: for the type
    ]


def stale_messages(session: Session, now: datetime) -> list[OutboundMessage]:
    """Messages whose send was lost (a queue that was down, a worker that died mid-send).
    One with a sid is Twilio's, whatever status it last reported ("queued", "sending"): a
    status callback that never came does not make it lost."""
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.sid.is_(None),
                (
                    (OutboundMessage.status == MessageStatus.QUEUED)
                    & OutboundMessage.send_after.is_(None)  # from before 0006: see due_sends
                    & (OutboundMessage.updated_at < now - timedelta(minutes=2))
                )
                | (
                    (OutboundMessage.status == MessageStatus.SENDING)
                    & (OutboundMessage.updated_at < now - SENDING_LOST)
                ),
            )
            .limit(200)
        )
    )
