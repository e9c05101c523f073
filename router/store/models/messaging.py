"""Texts in and out: inbound texts, clinicians' threads, the outbox and escalation deadlines."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policies.vocabulary import MessageStatus
from router.store.models.base import Base, UTCDateTime, utcnow


class InboundText(Base):
    """Every text that reached the webhook, floods included (S5)."""

    __tablename__ = "inbound_texts"
    __table_args__ = (Index("ix_inbound_from_received", "from_number", "received_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    practice_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    sender: Mapped[str] = mapped_column(String(16))  # patient | clinician | unknown
    sender_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The TwiML answered, so that a retried webhook gets the same answer.
    reply: Mapped[str] = mapped_column(Text, default="")
    # Whether a clinician has been sent this text (a flood defers some to a batch).
    relayed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class TextThread(Base):
    """Binds a clinician to a patient's texting contact: their replies reach that patient."""

    __tablename__ = "text_threads"
    __table_args__ = (
        UniqueConstraint("contact_id", "clinician_id", name="uq_thread_contact_clinician"),
        Index("ix_thread_clinician_status", "clinician_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    step: Mapped[int] = mapped_column(Integer)
    code: Mapped[int] = mapped_column(Integer)  # short code the clinician may prefix: #2
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | closed
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboundMessage(Base):
    """Every text sent and call placed (SPEC §8 `GET /api/v1/messages`)."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_message_created", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    practice_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(8))  # sms | call
    purpose: Mapped[str] = mapped_column(String(24))
    to_number: Mapped[str] = mapped_column(String(32))
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=MessageStatus.PENDING)
    sid: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    clinician_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the next try is due (a retry waits out its backoff): the sweeper sends a queued
    # message whose job was lost soon after this, not minutes later.
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)


class EscalationDeadline(Base):
    """When a relayed text must have been answered (S4), kept in the database so that a queue
    outage or a dead worker loses no escalation: the job is only the timely wake-up, and the
    web app's sweeper runs whatever is due and not done. The wait starts when the relay is
    sent (`message_id`), never before: a text is escalated only after it was relayed."""

    __tablename__ = "escalation_deadlines"
    __table_args__ = (Index("ix_escalation_deadline_due", "done_at", "due_at"),)

    id: Mapped[str] = mapped_column(String(96), primary_key=True)  # the job id it stands for
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # escalate | reply
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    inbound_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The relay whose sending starts the wait, and the wait itself.
    message_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    wait_s: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
