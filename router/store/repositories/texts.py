"""Queries for texts: inbound log, threads, open texting contacts, the message log."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from router.store.models import (
    Clinician,
    Contact,
    InboundText,
    OutboundMessage,
    TextThread,
)

THREAD_IDLE = timedelta(hours=12)
CONTACT_REUSE = timedelta(hours=12)


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


def open_text_contact(
    session: Session,
    practice_id: str,
    patient_id: str | None,
    from_number: str | None,
    now: datetime,
) -> Contact | None:
    query = select(Contact).where(
        Contact.channel == "sms",
        Contact.practice_id == practice_id,
        Contact.outcome.in_(("open", "acknowledged")),
        Contact.started_at >= now - CONTACT_REUSE,
    )
    if patient_id is not None:
        query = query.where(Contact.patient_id == patient_id)
    elif from_number is not None:
        query = query.where(Contact.patient_id.is_(None), Contact.from_number == from_number)
    else:
        return None
    return session.scalars(query.order_by(Contact.started_at.desc())).first()


def open_threads_of(session: Session, clinician_id: str, now: datetime) -> list[TextThread]:
    return list(
        session.scalars(
            select(TextThread)
            .where(
                TextThread.clinician_id == clinician_id,
                TextThread.status == "open",
                TextThread.last_activity_at >= now - THREAD_IDLE,
            )
            .order_by(TextThread.last_activity_at.desc())
        )
    )


def threads_of_contact(session: Session, contact_id: str) -> list[TextThread]:
    return list(
        session.scalars(
            select(TextThread).where(TextThread.contact_id == contact_id).order_by(TextThread.step)
        )
    )


def thread(session: Session, contact_id: str, clinician_id: str) -> TextThread | None:
    return session.scalars(
        select(TextThread).where(
            TextThread.contact_id == contact_id, TextThread.clinician_id == clinician_id
        )
    ).first()


def clinician_by_phone(session: Session, practice_id: str, e164: str | None) -> Clinician | None:
    if not e164:
        return None
    return session.scalars(
        select(Clinician).where(
            Clinician.practice_id == practice_id,
            Clinician.phone == e164,
            Clinician.active.is_(True),
        )
    ).first()


def staff_with_role(session: Session, practice_id: str, role: str) -> list[Clinician]:
    return list(
        session.scalars(
            select(Clinician)
            .where(
                Clinician.practice_id == practice_id,
                Clinician.role == role,
                Clinician.active.is_(True),
            )
            .order_by(Clinician.position, Clinician.id)
        )
    )


def supervisors(session: Session, practice_id: str) -> list[Clinician]:
    return staff_with_role(session, practice_id, "supervisor")


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
    """Queued -> sending, only if still queued: the one who changes it sends it."""
    changed = session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id == message_id, OutboundMessage.status == "queued")
        .values(status="sending", attempts=OutboundMessage.attempts + 1, updated_at=now)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    message = session.get(OutboundMessage, message_id)
    if message is not None:
        session.refresh(message)
        session.expunge(message)
    return message


def stale_messages(session: Session, now: datetime) -> list[OutboundMessage]:
    """Messages whose send was lost (a queue that was down, a worker that died)."""
    return list(
        session.scalars(
            select(OutboundMessage)
            .where(
                (
                    (OutboundMessage.status == "queued")
                    & (OutboundMessage.updated_at < now - timedelta(minutes=2))
                )
                | (
                    (OutboundMessage.status == "sending")
                    & (OutboundMessage.updated_at < now - timedelta(minutes=5))
                )
            )
            .limit(200)
        )
    )


def open_text_contacts(session: Session, now: datetime) -> list[Contact]:
    return list(
        session.scalars(
            select(Contact)
            .where(
                Contact.channel == "sms",
                Contact.outcome.in_(("open", "acknowledged")),
                Contact.started_at >= now - CONTACT_REUSE,
            )
            .limit(500)
        )
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
