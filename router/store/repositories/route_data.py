"""The rows a route snapshot is built from (router/contacts/snapshot.py): every table a
route reads, in one read transaction, with the route version (migration 0009) they are at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from policies.vocabulary import CoverStatus
from router.store.models import (
    CareTeamMember,
    Clinician,
    CoverRequest,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
    RouteVersion,
)
from router.store.models import CoachingPause as PauseRow
from router.store.models import OnCallWindow as WindowRow


@dataclass(frozen=True)
class RouteRows:
    version: int
    clinicians: Sequence[Any]  # active: id, practice_id, phone, role, timezone, position
    practices: Sequence[Any]  # id, name, timezone, crisis_line, policy, holidays
    windows: Sequence[Any]  # weekly, and one-off ones reaching into [start, end), by id
    numbers: Sequence[Any]  # e164, practice_id
    care_team: Sequence[Any]  # patient_id, clinician_id, position
    patients: Sequence[Any]  # active: id, language
    phones: Sequence[Any]  # practice_id, e164, patient_id
    pauses: Sequence[Any]  # patient_id, clinician_id, until: until after start
    covers: Sequence[Any]  # accepted, reaching into [start, end)


def route_version(session: Session) -> int | None:
    return session.scalar(select(RouteVersion.n).where(RouteVersion.id == 1))


def route_rows(session: Session, start: datetime, end: datetime) -> RouteRows:
    """Everything, as of one snapshot of the database (REPEATABLE READ on PostgreSQL; on
    SQLite one read transaction sees one state), with the version it is at."""
    if session.get_bind().dialect.name == "postgresql" and not session.in_transaction():
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    version = route_version(session)
    if version is None:
        raise LookupError("route_versions has no row: the database is not migrated to 0009")
    windows = select(
        WindowRow.id,
        WindowRow.clinician_id,
        WindowRow.kind,
        WindowRow.days,
        WindowRow.start_time,
        WindowRow.end_time,
        WindowRow.local_start,
        WindowRow.local_end,
        WindowRow.starts_at,
        WindowRow.ends_at,
        WindowRow.duty,
        WindowRow.off,
    ).where(
        (WindowRow.kind == "weekly") | and_(WindowRow.starts_at < end, WindowRow.ends_at > start)
    )
    return RouteRows(
        version=int(version),
        clinicians=session.execute(
            select(
                Clinician.id,
                Clinician.practice_id,
                Clinician.phone,
                Clinician.role,
                Clinician.timezone,
                Clinician.position,
            ).where(Clinician.active.is_(True))
        ).all(),
        practices=session.execute(
            select(
                Practice.id,
                Practice.name,
                Practice.timezone,
                Practice.crisis_line,
                Practice.policy,
                Practice.holidays,
            )
        ).all(),
        windows=session.execute(windows.order_by(WindowRow.id)).all(),
        numbers=session.execute(select(PracticeNumber.e164, PracticeNumber.practice_id)).all(),
        care_team=session.execute(
            select(CareTeamMember.patient_id, CareTeamMember.clinician_id, CareTeamMember.position)
        ).all(),
        patients=session.execute(
            select(Patient.id, Patient.language).where(Patient.active.is_(True))
        ).all(),
        phones=session.execute(
            select(PatientPhone.practice_id, PatientPhone.e164, PatientPhone.patient_id)
        ).all(),
        pauses=session.execute(
            select(PauseRow.patient_id, PauseRow.clinician_id, PauseRow.until).where(
                PauseRow.until > start
            )
        ).all(),
        covers=session.execute(
            select(
                CoverRequest.practice_id,
                CoverRequest.asker_id,
                CoverRequest.colleague_id,
                CoverRequest.starts_at,
                CoverRequest.ends_at,
            ).where(
                CoverRequest.status == CoverStatus.ACCEPTED,
                CoverRequest.starts_at < end,
                CoverRequest.ends_at > start,
            )
        ).all(),
    )
