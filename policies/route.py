"""The order in which to try people for a patient at an instant (SPEC §6)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from policies.schedule import OnCallWindow, is_on_call, occurrences


@dataclass(frozen=True)
class ClinicianSchedule:
    clinician_id: str
    timezone: ZoneInfo
    windows: tuple[OnCallWindow, ...]
    # Windows the clinician took themselves off call for (an OFF text); they win over windows.
    off: tuple[OnCallWindow, ...] = ()

    def is_off(self, now: datetime) -> bool:
        return bool(self.off) and is_on_call(self.off, self.timezone, now)


@dataclass(frozen=True)
class CoachingPause:
    """A clinician's pause of coaching for one patient (DBT's 24-hour rule), until an instant."""

    clinician_id: str
    until: datetime  # aware


@dataclass(frozen=True)
class Cover:
    """An accepted cover request: `present` takes `absent`'s place in their patients' routes
    for [start, end) (SPEC §11). The on-call and off windows that go with it are ordinary
    windows of the two clinicians."""

    absent: str
    present: str
    start: datetime  # aware
    end: datetime  # aware

    def active(self, now: datetime) -> bool:
        return self.start <= now < self.end


@dataclass(frozen=True)
class RoutePlan:
    at: datetime  # aware
    clinicians: tuple[str, ...]  # clinician ids to try, in order
    crisis_line: str  # E.164


def is_on_duty(schedule: ClinicianSchedule, now: datetime) -> bool:
    """Whether one of the clinician's duty windows covers now."""
    instant_end = now + timedelta(microseconds=1)
    return not schedule.is_off(now) and any(
        window.duty and occurrences(window, schedule.timezone, now, instant_end)
        for window in schedule.windows
    )


def plan_route(
    care_team: Sequence[str],
    schedules: Mapping[str, ClinicianSchedule],
    pauses: Iterable[CoachingPause],
    crisis_line: str,
    now: datetime,
    covers: Iterable[Cover] = (),
) -> RoutePlan:
    """The patient's on-call care team in priority order, then duty clinicians, then the crisis
    line. `pauses` are this patient's; a pause never holds back a duty clinician. A care-team
    member who is covered for now is replaced, in their place, by the colleague covering."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be an aware datetime, got {now}")
    paused = {pause.clinician_id for pause in pauses if pause.until > now}
    standing_in = {cover.absent: cover.present for cover in covers if cover.active(now)}
    chosen: list[str] = []
    for member in care_team:
        clinician_id = standing_in.get(member, member)
        schedule = schedules.get(clinician_id)
        if (
            schedule is not None
            and clinician_id not in paused
            and clinician_id not in chosen
            and is_on_call(schedule.windows, schedule.timezone, now)
            and not schedule.is_off(now)
        ):
            chosen.append(clinician_id)
    for clinician_id, schedule in schedules.items():
        if clinician_id not in chosen and is_on_duty(schedule, now):
            chosen.append(clinician_id)
    return RoutePlan(at=now, clinicians=tuple(chosen), crisis_line=crisis_line)


def explain_route(
    care_team: Sequence[str],
    schedules: Mapping[str, ClinicianSchedule],
    pauses: Iterable[CoachingPause],
    now: datetime,
    covers: Iterable[Cover] = (),
) -> dict[str, str]:
    """Why each clinician with a schedule is or is not on plan_route's route at now: on call
    for their patient, on duty, off (time off), paused, not on call, or not on the team."""
    plan = plan_route(care_team, schedules, pauses, "", now, covers)
    paused = {pause.clinician_id: pause.until for pause in pauses if pause.until > now}
    standing_in = {cover.absent: cover.present for cover in covers if cover.active(now)}
    stand_ins = {present: absent for absent, present in standing_in.items()}
    reasons: dict[str, str] = {}
    for clinician_id, schedule in schedules.items():
        on_team = clinician_id in care_team
        if clinician_id in plan.clinicians:
            if clinician_id in stand_ins and stand_ins[clinician_id] in care_team:
                reasons[clinician_id] = f"on the route: covering for {stand_ins[clinician_id]}"
            elif on_team and (clinician_id not in standing_in):
                position = list(care_team).index(clinician_id) + 1
                reasons[clinician_id] = f"on the route: care team #{position}, on call"
            else:
                reasons[clinician_id] = "on the route: on duty for every patient"
        elif on_team and clinician_id in standing_in:
            reasons[clinician_id] = f"not on the route: {standing_in[clinician_id]} covers"
        elif schedule.is_off(now):
            reasons[clinician_id] = "not on the route: off (time off)"
        elif on_team and clinician_id in paused:
            until = paused[clinician_id].isoformat()
            reasons[clinician_id] = f"not on the route: coaching paused until {until}"
        elif not is_on_call(schedule.windows, schedule.timezone, now):
            reasons[clinician_id] = "not on the route: not on call now"
        else:
            reasons[clinician_id] = "not on the route: on call, but not on the care team"
    return reasons
