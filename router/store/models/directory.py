"""The practice's directory: its numbers, staff, patients and care teams (the roster)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from policies.vocabulary import Role
from router.store.models.base import Base


class Practice(Base):
    __tablename__ = "practices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    crisis_line: Mapped[str] = mapped_column(String(20))
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [{"days": [...], "start": "HH:MM", "end": "HH:MM"}]; empty: the whole week is after hours.
    office_hours: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    holidays: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class PracticeNumber(Base):
    """An after-hours number: a webhook's To selects the practice."""

    __tablename__ = "practice_numbers"
    __table_args__ = (Index("ix_practice_number_practice", "practice_id", "position"),)

    e164: Mapped[str] = mapped_column(String(20), primary_key=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Clinician(Base):
    """A member of staff: clinician, supervisor or admin. Also the API user."""

    __tablename__ = "clinicians"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    practice_id: Mapped[str] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    role: Mapped[str] = mapped_column(String(16), default=Role.CLINICIAN)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Left out of the practice's roster file: never routed to, history kept (SPEC §5).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    practice_id: Mapped[str] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    textable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Left out of the practice's roster file: not matched to calls or texts, history kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class PatientPhone(Base):
    __tablename__ = "patient_phones"
    __table_args__ = (UniqueConstraint("practice_id", "e164", name="uq_patient_phone"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    e164: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)


class CareTeamMember(Base):
    __tablename__ = "care_team_members"

    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class RouteVersion(Base):
    """One row (id 1): a counter that triggers move on every change to the tables a route is
    read from (0009), so that route data kept in memory can prove itself current."""

    __tablename__ = "route_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    n: Mapped[int] = mapped_column(BigInteger)
