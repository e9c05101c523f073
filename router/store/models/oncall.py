"""Who is on call: windows, coaching pauses, cover requests and the coverage alerts sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from policies.vocabulary import CoverStatus
from router.store.models.base import Base, UTCDateTime, utcnow


class OnCallWindow(Base):
    """A weekly or one-off on-call window in the clinician's wall-clock time (SPEC §6).

    One-off windows also carry their UTC bounds so that lookups at an instant use an index.
    """

    __tablename__ = "oncall_windows"
    __table_args__ = (
        Index("ix_window_clinician_kind", "clinician_id", "kind"),
        Index("ix_window_practice_duty", "practice_id", "duty"),
        Index("ix_window_oneoff_span", "clinician_id", "starts_at", "ends_at"),
        # The route lookup's practice-wide parts (0007): duty and off windows, weekly or by
        # start, so that past and future one-off windows are never scanned.
        Index("ix_window_practice_duty_start", "practice_id", "duty", "kind", "starts_at"),
        Index("ix_window_practice_off_start", "practice_id", "off", "kind", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    # roster: from a roster file (replaced by the next file); self: set by the clinician.
    source: Mapped[str] = mapped_column(String(16), default="roster")
    kind: Mapped[str] = mapped_column(String(8))  # weekly | oneoff
    days: Mapped[int] = mapped_column(Integer, default=0)  # bit 0 = Monday
    start_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM"
    end_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM" | "24:00"
    local_start: Mapped[str | None] = mapped_column(String(16), nullable=True)  # one-off
    local_end: Mapped[str | None] = mapped_column(String(16), nullable=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    duty: Mapped[bool] = mapped_column(Boolean, default=False)
    # An "off" window (a clinician's OFF text) takes them off call while it lasts.
    off: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CoachingPause(Base):
    """DBT's 24-hour rule: a clinician skipped for one patient until a time."""

    __tablename__ = "coaching_pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Ended early (0008): `until` is moved to that instant, so routing honours it at once.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CoverRequest(Base):
    """A clinician asks a colleague to take one occurrence of a window (SPEC §11)."""

    __tablename__ = "cover_requests"
    __table_args__ = (Index("ix_cover_colleague_status", "colleague_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )
    asker_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    colleague_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duty: Mapped[bool] = mapped_column(Boolean, default=False)
    code: Mapped[str] = mapped_column(String(8))
    # pending | accepted | declined | cancelled (one of the two left the practice)
    status: Mapped[str] = mapped_column(String(10), default=CoverStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # On acceptance: the colleague's on-call window and the asker's time off for the stretch.
    cover_window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )
    off_window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )


class CoverageAlert(Base):
    """A coverage gap the supervisors were texted about, so each gap is told once."""

    __tablename__ = "coverage_alerts"
    __table_args__ = (
        UniqueConstraint("practice_id", "starts_at", "ends_at", name="uq_coverage_alert_gap"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    patients: Mapped[list[str]] = mapped_column(JSON, default=list)
    told_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
