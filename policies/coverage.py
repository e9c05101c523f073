"""Coverage (SPEC §11): outside the practice's office hours every patient must have someone
on call, someone on their care team or a duty clinician. A gap is an interval in which some
patient is not covered; each gap lists its patients and why.

Pure: every instant is given, every answer is aware UTC, every interval half-open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from policies.route import ClinicianSchedule, Cover, is_on_duty
from policies.schedule import Interval, WeeklyWindow, is_on_call, occurrences

NO_CARE_TEAM = "no care team"
TEAM_OFF_CALL = "nobody on the care team is on call"
NO_DUTY = "and no duty clinician is on call"


@dataclass(frozen=True)
class OfficeHours:
    """When staff answer the main line: weekly windows in the practice's zone."""

    timezone: ZoneInfo
    hours: tuple[WeeklyWindow, ...] = ()

    def is_open(self, at: datetime) -> bool:
        return bool(self.hours) and is_on_call(self.hours, self.timezone, at)


@dataclass(frozen=True)
class Gap:
    """An interval in which the listed patients have nobody on call."""

    start: datetime
    end: datetime
    patients: tuple[str, ...]  # sorted
    why: tuple[tuple[str, str], ...]  # (patient, reason), in the order of `patients`

    def as_interval(self) -> Interval:
        return Interval(self.start, self.end)


def on_call_at(schedule: ClinicianSchedule, at: datetime) -> bool:
    return is_on_call(schedule.windows, schedule.timezone, at) and not schedule.is_off(at)


def uncovered_at(
    care_teams: Mapping[str, Sequence[str]],
    schedules: Mapping[str, ClinicianSchedule],
    office: OfficeHours,
    at: datetime,
    covers: Iterable[Cover] = (),
) -> dict[str, str]:
    """The patients nobody covers at `at`, each with the reason; empty in office hours. A
    colleague covering for a care-team member counts in their place."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"at must be an aware datetime, got {at}")
    if office.is_open(at):
        return {}
    if any(is_on_duty(schedule, at) for schedule in schedules.values()):
        return {}
    on = {cid for cid, schedule in schedules.items() if on_call_at(schedule, at)}
    standing_in = {cover.absent: cover.present for cover in covers if cover.active(at)}
    result: dict[str, str] = {}
    for patient, team in care_teams.items():
        if not team:
            result[patient] = f"{NO_CARE_TEAM} {NO_DUTY}"
        elif not on.intersection(standing_in.get(member, member) for member in team):
            result[patient] = f"{TEAM_OFF_CALL} {NO_DUTY}"
    return result


def _boundaries(
    schedules: Iterable[ClinicianSchedule],
    office: OfficeHours,
    covers: Iterable[Cover],
    start: datetime,
    end: datetime,
) -> list[datetime]:
    """Every instant in [start, end) at which who is on call, or office hours, may change."""
    points = {start}
    spans: list[Interval] = [Interval(cover.start, cover.end) for cover in covers]
    for schedule in schedules:
        for window in (*schedule.windows, *schedule.off):
            spans.extend(occurrences(window, schedule.timezone, start, end))
    for hours in office.hours:
        spans.extend(occurrences(hours, office.timezone, start, end))
    for span in spans:
        for point in (span.start, span.end):
            if start < point < end:
                points.add(point)
    return sorted(points)


def coverage_gaps(
    care_teams: Mapping[str, Sequence[str]],
    schedules: Mapping[str, ClinicianSchedule],
    office: OfficeHours,
    start: datetime,
    end: datetime,
    covers: Sequence[Cover] = (),
) -> list[Gap]:
    """The gaps in [start, end), sorted; neighbouring stretches with the same patients join."""
    for name, value in (("start", start), ("end", end)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime, got {value}")
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        return []
    points = _boundaries(schedules.values(), office, covers, start, end)
    gaps: list[Gap] = []
    for index, point in enumerate(points):
        stop = points[index + 1] if index + 1 < len(points) else end
        missing = uncovered_at(care_teams, schedules, office, point, covers)
        if not missing:
            continue
        patients = tuple(sorted(missing))
        why = tuple((patient, missing[patient]) for patient in patients)
        if gaps and gaps[-1].end == point and gaps[-1].why == why:
            gaps[-1] = Gap(gaps[-1].start, stop, patients, why)
        else:
            gaps.append(Gap(point, stop, patients, why))
    return gaps


def within(gaps: Iterable[Gap], start: datetime, horizon: timedelta) -> list[Gap]:
    """The gaps that begin before start + horizon and have not ended by start."""
    return [gap for gap in gaps if gap.start < start + horizon and gap.end > start]
