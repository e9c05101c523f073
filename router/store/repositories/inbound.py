"""Queries for the inbound text log: by sid, per sender per minute, a contact's patient texts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from router.store.models import InboundText


def inbound_by_sid(session: Session, sid: str) -> InboundText | None:
    return session.scalars(select(InboundText).where(InboundText.sid == sid)).first()


def recent_inbound_count(session: Session, from_number: str, since: datetime) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(InboundText)
            .where(InboundText.from_number == from_number, InboundText.received_at >= since)
        )
        or 0
    )


def last_patient_text(session: Session, contact_id: str) -> InboundText | None:
    return session.scalars(
        select(InboundText)
        .where(InboundText.contact_id == contact_id, InboundText.sender != "clinician")
        .order_by(InboundText.received_at.desc(), InboundText.id.desc())
        .limit(1)
    ).first()


def patient_texts(session: Session, contact_id: str) -> list[InboundText]:
    """The texts the patient (not a clinician) sent in a contact, oldest first."""
    return list(
        session.scalars(
            select(InboundText)
            .where(InboundText.contact_id == contact_id, InboundText.sender != "clinician")
            .order_by(InboundText.received_at, InboundText.id)
        )
    )


def unanswered_patient_texts(session: Session, contact_id: str, last_sid: str) -> list[str]:
    """What the patient wrote since a clinician last replied, up to `last_sid` (five at most)."""
    texts_: list[InboundText] = []
    for inbound in session.scalars(
        select(InboundText)
        .where(InboundText.contact_id == contact_id)
        .order_by(InboundText.received_at, InboundText.id)
    ):
        if inbound.sender == "clinician":
            texts_ = []
        else:
            texts_.append(inbound)
        if inbound.sid == last_sid:
            break
    return [t.body for t in texts_[-5:]] or [""]


def serialize_sender(session: Session, key: str) -> None:
    """One text at a time per sender, until commit: two texts arriving together must join one
    contact. PostgreSQL: a transaction-scoped advisory lock; SQLite already has one writer."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
