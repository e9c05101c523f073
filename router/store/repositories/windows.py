"""The on-call windows and coaching pauses a route needs at an instant."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, select, true, union
from sqlalchemy.orm import Session

from policies.route import ClinicianSchedule, CoachingPause, is_on_duty
from policies.schedule import DAY_NAMES, OnCallWindow, OneOffWindow, WeeklyWindow, parse_clock
from router.store.models import Clinician, Practice
from router.store.models import CoachingPause as CoachingPauseRow
from router.store.models import OnCallWindow as WindowRow
from router.store.repositories.oncall_index import longest_one_off

KEEP = "afterhours_clinicians"


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
    """The windows that can matter at `now`: the care team's and the practice's duty (and off)
    windows, weekly ones and one-offs spanning `now`.

    Each part is read on an index, and one-off windows only from those that started within
    the practice's longest one-off window before `now` (router/oncall/index.py), so the cost
    does not grow with the number of past and future one-off windows.
    """
    earliest = now - longest_one_off(session, practice.id)
    spanning = and_(
        WindowRow.kind == "oneoff",
        WindowRow.starts_at > earliest,
        WindowRow.starts_at <= now,
        WindowRow.ends_at > now,
    )
    weekly = WindowRow.kind == "weekly"
    parts = []
    for flag in (WindowRow.duty, WindowRow.off):
        for when in (weekly, spanning):
            parts.append(
                select(WindowRow.id).where(
                    WindowRow.practice_id == practice.id, flag == true(), when
                )
            )
    if care_team_ids:
        for when in (weekly, spanning):
            parts.append(
                select(WindowRow.id).where(WindowRow.clinician_id.in_(care_team_ids), when)
            )
    # The windows with their (active) clinicians, in one statement, clinicians in roster order.
    found = session.execute(
        select(WindowRow, Clinician)
        .join(Clinician, Clinician.id == WindowRow.clinician_id)
        .where(WindowRow.id.in_(union(*parts)), Clinician.active.is_(True))
        .order_by(Clinician.position, Clinician.id, WindowRow.id)
    ).all()
    rows = [row for row, _ in found]
    clinicians = {c.id: c for _, c in found}
    # The session's identity map holds rows weakly: keep these clinicians for the rest of the
    # unit of work, so that the route's `session.get(Clinician, ...)` is not a second read.
    session.info.setdefault(KEEP, {}).update(clinicians)
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
