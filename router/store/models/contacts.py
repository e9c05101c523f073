"""Contacts: each inbound call or text, its events, its call legs and its follow-up."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policies.vocabulary import FollowUpStatus, Outcome
from router.store.models.base import Base, UTCDateTime, utcnow


class Contact(Base):
    """One inbound call or text, with every leg of it (S5)."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contact_practice_started", "practice_id", "started_at"),
        Index("ix_contact_patient_started", "patient_id", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # opaque, safe in URLs
    sid: Mapped[str] = mapped_column(String(64), unique=True)  # CallSid or first MessageSid
    channel: Mapped[str] = mapped_column(String(8))  # voice | sms
    practice_id: Mapped[str | None] = mapped_column(
        ForeignKey("practices.id", ondelete="SET NULL"), nullable=True
    )
    patient_id: Mapped[str | None] = mapped_column(
        ForeignKey("patients.id", ondelete="SET NULL"), nullable=True
    )
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str] = mapped_column(String(16), default=Outcome.OPEN)
    connected_to: Mapped[str | None] = mapped_column(
        ForeignKey("clinicians.id", ondelete="SET NULL"), nullable=True
    )
    # The route planned when the contact arrived; every later step follows it.
    route: Mapped[list[str]] = mapped_column(JSON, default=list)
    crisis_line: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8), default="en")
    risk: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Texts: how far up the route the escalation has climbed (S4).
    escalation_step: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The first step of the current round: a conversation reopened after an answer starts a
    # new round, in which clinicians tried in earlier rounds may be tried again.
    round_start: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContactEvent(Base):
    __tablename__ = "contact_events"
    __table_args__ = (UniqueConstraint("contact_id", "key", name="uq_event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    type: Mapped[str] = mapped_column(String(32))
    clinician_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Makes a retried webhook idempotent: the same step never records the same event twice.
    key: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CallLeg(Base):
    """One clinician rung during a call, and what the router saw of it (S2)."""

    __tablename__ = "call_legs"

    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinician_id: Mapped[str] = mapped_column(String(64))
    child_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str | None] = mapped_column(String(16), nullable=True)


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_followup_status_due", "status", "due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    assignee: Mapped[str | None] = mapped_column(
        ForeignKey("clinicians.id", ondelete="SET NULL"), nullable=True
    )
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(8), default=FollowUpStatus.OPEN)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # When the supervisors were texted that it is overdue (0008): set once, with the text.
    flagged_overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class FollowUpDigest(Base):
    """A clinician's morning text of their open follow-ups (0008): one per clinician and
    practice-local day, whichever replica's check gets there first."""

    __tablename__ = "follow_up_digests"
    __table_args__ = (UniqueConstraint("clinician_id", "day", name="uq_follow_up_digest_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    day: Mapped[str] = mapped_column(String(10))  # the clinician's local date, YYYY-MM-DD
    open_count: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
