"""Coverage of a practice (SPEC §11): the gaps in a stretch of time, and the job that texts
the supervisors once per gap found in the next 48 hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.coverage import Gap, OfficeHours, coverage_gaps, within
from policies.route import ClinicianSchedule, Cover
from policies.schedule import DAY_NAMES, OnCallWindow, WeeklyWindow, parse_clock
from policies.vocabulary import Purpose
from router.core import clock
from router.outbox import queue_sms
from router.store.models import CoverageAlert, Practice
from router.store.repositories import audit, directory, staff
from router.store.repositories import windows as window_store
from router.store.repositories.directory import supervisors

ALERT_HORIZON = timedelta(hours=48)


def office_hours(practice: Practice) -> OfficeHours:
    hours = []
    for entry in practice.office_hours or []:
        start = parse_clock(str(entry["start"]))
        assert start is not None
        days = frozenset(DAY_NAMES.index(day) for day in entry["days"])
        hours.append(WeeklyWindow(days, start, parse_clock(str(entry["end"]))))
    return OfficeHours(ZoneInfo(practice.timezone), tuple(hours))


def practice_schedules(session: Session, practice: Practice) -> dict[str, ClinicianSchedule]:
    """Every active clinician's windows, on and off."""
    clinicians = staff.active_clinicians(session, practice.id)
    on: dict[str, list[OnCallWindow]] = {c.id: [] for c in clinicians}
    off: dict[str, list[OnCallWindow]] = {c.id: [] for c in clinicians}
    for row in staff.practice_windows(session, practice.id):
        if row.clinician_id in on:
            (off if row.off else on)[row.clinician_id].append(window_store.as_policy_window(row))
    return {
        c.id: ClinicianSchedule(
            c.id, window_store.clinician_zone(c, practice), tuple(on[c.id]), tuple(off[c.id])
        )
        for c in clinicians
    }


def gaps_for(session: Session, practice: Practice, start: datetime, end: datetime) -> list[Gap]:
    teams: dict[str, list[str]] = {p.id: [] for p in staff.active_patients(session, practice.id)}
    teams.update(staff.care_teams(session, practice.id))
    schedules = practice_schedules(session, practice)
    covers = [
        Cover(r.asker_id, r.colleague_id, r.starts_at, r.ends_at)
        for r in staff.accepted_covers(session, practice.id, start, end)
    ]
    return coverage_gaps(teams, schedules, office_hours(practice), start, end, covers)


def gap_document(gap: Gap) -> dict[str, Any]:
    return {
        "from": gap.start.isoformat(),
        "to": gap.end.isoformat(),
        "patients": list(gap.patients),
        "why": dict(gap.why),
    }


def alert_body(practice: Practice, gap: Gap) -> str:
    """No patient names or ids in a text (S7): the count, and where to look."""
    zone = ZoneInfo(practice.timezone)
    start, end = gap.start.astimezone(zone), gap.end.astimezone(zone)
    count = len(gap.patients)
    who = "1 patient has" if count == 1 else f"{count} patients have"
    return (
        f"{practice.name}: coverage gap {start:%a %d %b %H:%M} to {end:%a %d %b %H:%M}: "
        f"{who} nobody on call. See afterhours coverage."
    )


def already_told(session: Session, practice_id: str, gap: Gap) -> bool:
    """A gap is already told when earlier alerts overlapping it named all its patients (the
    job cuts a running gap at "now" and the last one at the horizon, and a window change may
    shrink a gap: none of these is news). The told stretch is widened to the gap, so a gap
    seen first at the horizon and later only from "now" still matches."""
    overlapping = staff.coverage_alerts_overlapping(session, practice_id, gap.start, gap.end)
    named = {patient for alert in overlapping for patient in alert.patients or []}
    if not overlapping or not set(gap.patients) <= named:
        return False
    first = overlapping[0]
    start, end = min(first.starts_at, gap.start), max(first.ends_at, gap.end)
    if (start, end) != (first.starts_at, first.ends_at) and staff.coverage_alert(
        session, practice_id, start, end
    ) is None:
        first.starts_at, first.ends_at = start, end
        session.flush()
    return True


def remember_told(session: Session, practice_id: str, gap: Gap, now: datetime) -> None:
    existing = staff.coverage_alert(session, practice_id, gap.start, gap.end)
    if existing is not None:  # the same stretch, now with more patients
        existing.patients = sorted(set(existing.patients or []) | set(gap.patients))
        existing.told_at = now
    else:
        session.add(
            CoverageAlert(
                practice_id=practice_id,
                starts_at=gap.start,
                ends_at=gap.end,
                patients=list(gap.patients),
                told_at=now,
            )
        )
    session.flush()


def tell_supervisors_of_gaps(session: Session, practice: Practice, now: datetime) -> int:
    """Texts the practice's supervisors once per gap found in the next 48 hours; returns how
    many gaps were newly told. Safe to run again: told gaps are remembered, and a gap is told
    again only when it reaches new patients or a stretch no told gap overlaps."""
    gaps = within(gaps_for(session, practice, now, now + ALERT_HORIZON), now, ALERT_HORIZON)
    told = 0
    numbers = directory.practice_numbers(session, practice.id)
    for gap in gaps:
        if already_told(session, practice.id, gap):
            continue
        remember_told(session, practice.id, gap, now)
        for supervisor in supervisors(session, practice.id):
            queue_sms(
                session,
                practice_id=practice.id,
                to=supervisor.phone,
                from_=numbers[0] if numbers else None,
                body=alert_body(practice, gap),
                purpose=Purpose.COVERAGE_GAP,
                now=now,
                clinician_id=supervisor.id,
            )
        audit.append(
            session,
            actor="system",
            action="coverage.gap_told",
            subject=f"practice:{practice.id}",
            detail=gap_document(gap),
        )
        told += 1
    session.flush()
    return told


def check_all_practices(session: Session, now: datetime) -> int:
    """Every practice's gaps of the next 48 hours, told once each (router.oncall.checks runs
    it hourly; a window change checks its own practice at once)."""
    return sum(tell_supervisors_of_gaps(session, p, now) for p in staff.practices(session))


def check_after_window_change(session: Session, practice_id: str) -> None:
    """Run after every window change (staff.windows_changed): a gap it opens is told now."""
    practice = session.get(Practice, practice_id)
    if practice is not None:
        tell_supervisors_of_gaps(session, practice, clock.now())


def windows_changed(session: Session, practice_id: str) -> None:
    """The one "windows changed" step: the on-call index invalidated, coverage checked."""
    staff.windows_changed(session, practice_id)


if check_after_window_change not in staff.WINDOWS_CHANGED_HOOKS:
    staff.WINDOWS_CHANGED_HOOKS.append(check_after_window_change)
