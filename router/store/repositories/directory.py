"""Lookups of practices, patients and clinicians, and the schedules a route needs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from policies.route import ClinicianSchedule, CoachingPause, is_on_duty
from policies.schedule import DAY_NAMES, OnCallWindow, OneOffWindow, WeeklyWindow, parse_clock
from router.store.models import (
    CareTeamMember,
    Clinician,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
)
from router.store.models import CoachingPause as CoachingPauseRow
from router.store.models import OnCallWindow as WindowRow


def practice_by_number(session: Session, e164: str | None) -> Practice | None:
    if not e164:
        return None
    number = session.get(PracticeNumber, e164)
    return session.get(Practice, number.practice_id) if number else None


def practice_numbers(session: Session, practice_id: str) -> list[str]:
    return list(
        session.scalars(
            select(PracticeNumber.e164)
            .where(PracticeNumber.practice_id == practice_id)
            .order_by(PracticeNumber.position)
        )
    )


def patient_by_phone(session: Session, practice_id: str, e164: str | None) -> Patient | None:
    if not e164:
        return None
    row = session.scalars(
        select(PatientPhone).where(
            PatientPhone.practice_id == practice_id, PatientPhone.e164 == e164
        )
    ).first()
    patient = session.get(Patient, row.patient_id) if row else None
    # A patient left out of the roster calls and texts as an unknown caller (SPEC §5).
    return patient if patient is not None and patient.active else None


def care_team(session: Session, patient_id: str) -> list[str]:
    return list(
        session.scalars(
            select(CareTeamMember.clinician_id)
            .join(Clinician, Clinician.id == CareTeamMember.clinician_id)
            .where(CareTeamMember.patient_id == patient_id, Clinician.active.is_(True))
            .order_by(CareTeamMember.position)
        )
    )


def care_team_clinicians(session: Session, patient_id: str) -> list[Clinician]:
    """The care team as clinicians, in priority order."""
    return [
        clinician
        for clinician_id in care_team(session, patient_id)
        if (clinician := session.get(Clinician, clinician_id)) is not None
    ]


def clinician_zone(clinician: Clinician, practice: Practice) -> ZoneInfo:
    return ZoneInfo(clinician.timezone or practice.timezone)


def as_policy_window(row: WindowRow) -> OnCallWindow:
    if row.kind == "weekly":
        assert row.start_time is not None and row.end_time is not None
        start = parse_clock(row.start_time)
        assert start is not None
        days = frozenset(i for i in range(len(DAY_NAMES)) if row.days & (1 << i))
        return WeeklyWindow(days, start, parse_clock(row.end_time), row.duty)
    assert row.local_start is not None and row.local_end is not None
    return OneOffWindow(
        datetime.fromisoformat(row.local_start), datetime.fromisoformat(row.local_end), row.duty
    )


def schedules_at(
    session: Session, practice: Practice, care_team_ids: list[str], now: datetime
) -> dict[str, ClinicianSchedule]:
    """The windows that can matter at `now`: the care team's and the practice's duty windows.

    One-off windows are filtered by their UTC bounds on an index, so the cost does not grow
    with the number of past and future one-off windows.
    """
    who = or_(
        WindowRow.clinician_id.in_(care_team_ids) if care_team_ids else False,
        and_(
            WindowRow.practice_id == practice.id,
            or_(WindowRow.duty.is_(True), WindowRow.off.is_(True)),
        ),
    )
    when = or_(
        WindowRow.kind == "weekly",
        and_(WindowRow.starts_at <= now, WindowRow.ends_at > now),
    )
    rows = list(session.scalars(select(WindowRow).where(who, when).order_by(WindowRow.id)))
    ids = {row.clinician_id for row in rows}
    clinicians = {
        c.id: c
        for c in session.scalars(
            select(Clinician)
            .where(Clinician.id.in_(ids), Clinician.active.is_(True))
            .order_by(Clinician.position, Clinician.id)
        )
    }
    windows: dict[str, list[OnCallWindow]] = {cid: [] for cid in clinicians}
    off: dict[str, list[OnCallWindow]] = {cid: [] for cid in clinicians}
    for row in rows:
        if row.clinician_id in windows:
            (off if row.off else windows)[row.clinician_id].append(as_policy_window(row))
    return {
        cid: ClinicianSchedule(
            cid, clinician_zone(c, practice), tuple(windows[cid]), tuple(off[cid])
        )
        for cid, c in clinicians.items()
    }


def pauses_for(session: Session, patient_id: str, now: datetime) -> list[CoachingPause]:
    return [
        CoachingPause(row.clinician_id, row.until)
        for row in session.scalars(
            select(CoachingPauseRow).where(
                CoachingPauseRow.patient_id == patient_id, CoachingPauseRow.until > now
            )
        )
    ]


def crisis_lines_by_number(session: Session) -> dict[str, str]:
    """Each after-hours number's crisis line, for the fail-safe's memory."""
    rows = session.execute(
        select(PracticeNumber.e164, Practice.crisis_line).join(
            Practice, Practice.id == PracticeNumber.practice_id
        )
    )
    return {row[0]: row[1] for row in rows}


def follow_up_owner_for_unknown(session: Session, practice: Practice, now: datetime) -> str | None:
    """Who follows up an unknown caller: the first duty clinician on call, else the first
    supervisor, else the first admin of the practice."""
    for clinician_id, schedule in schedules_at(session, practice, [], now).items():
        if is_on_duty(schedule, now):
            return clinician_id
    for role in ("supervisor", "admin"):
        found = session.scalars(
            select(Clinician.id)
            .where(
                Clinician.practice_id == practice.id,
                Clinician.role == role,
                Clinician.active.is_(True),
            )
            .order_by(Clinician.position, Clinician.id)
        ).first()
        if found is not None:
            return found
    return None
