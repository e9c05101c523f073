"""Property tests of on-call windows over daylight-saving nights in several zones.

The expected readings of local times are computed here from first principles (which UTC
instants a wall clock shows, and the offset before a gap), not with resolve_local.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from policies.route import ClinicianSchedule, CoachingPause, plan_route
from policies.schedule import (
    OnCallWindow,
    OneOffWindow,
    WeeklyWindow,
    is_on_call,
    merged,
    occurrences,
    on_call_until,
)

ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Asia/Kolkata",
)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
MAX_DST_SHIFT = HOUR  # true of every zone above
PROPERTY_SETTINGS = settings(max_examples=120, deadline=None)


@cache
def transitions(zone: str) -> tuple[datetime, ...]:
    """The UTC instants in 2026 at which the zone's offset changes."""
    tz = ZoneInfo(zone)
    found = []
    at = datetime(2026, 1, 1, tzinfo=UTC)
    offset = at.astimezone(tz).utcoffset()
    while at < datetime(2027, 1, 1, tzinfo=UTC):
        following = at + HOUR
        if following.astimezone(tz).utcoffset() != offset:
            minute = at
            while minute.astimezone(tz).utcoffset() == offset:
                minute += timedelta(minutes=1)
            found.append(minute)
            offset = minute.astimezone(tz).utcoffset()
        at = following
    return tuple(found)


def anchors(zone: str) -> tuple[datetime, ...]:
    # A zone without daylight saving is still checked on the nights the others change.
    return transitions(zone) or transitions("America/New_York")


def wall(instant: datetime, tz: ZoneInfo) -> datetime:
    return instant.astimezone(tz).replace(tzinfo=None)


def nearby_offsets(naive: datetime, tz: ZoneInfo) -> set[timedelta]:
    offsets = set()
    for half_days in range(-3, 4):
        probe = (naive + half_days * 12 * HOUR).replace(tzinfo=UTC)
        offset = probe.astimezone(tz).utcoffset()
        assert offset is not None
        offsets.add(offset)
    return offsets


def showings(naive: datetime, tz: ZoneInfo) -> list[datetime]:
    """Every UTC instant at which the local clock shows `naive`, earliest first."""
    candidates = {(naive - offset).replace(tzinfo=UTC) for offset in nearby_offsets(naive, tz)}
    return sorted(u for u in candidates if wall(u, tz) == naive)


def expected_reading(naive: datetime, tz: ZoneInfo) -> datetime:
    """RFC 5545: the first showing, or for a time in a gap the pre-gap (smaller) offset."""
    shown = showings(naive, tz)
    if shown:
        return shown[0]
    return (naive - min(nearby_offsets(naive, tz))).replace(tzinfo=UTC)


def wall_end(window: WeeklyWindow, day: date) -> datetime:
    if window.end is None:
        return datetime.combine(day + DAY, time())
    if window.end <= window.start:
        return datetime.combine(day + DAY, window.end)
    return datetime.combine(day, window.end)


def expected_on_call(windows: Sequence[OnCallWindow], tz: ZoneInfo, now: datetime) -> bool:
    for window in windows:
        if isinstance(window, OneOffWindow):
            spans = [(window.start, window.end)]
        else:
            today = now.astimezone(tz).date()
            days = [today + k * DAY for k in range(-2, 2)]
            spans = [
                (datetime.combine(day, window.start), wall_end(window, day))
                for day in days
                if day.weekday() in window.days
            ]
        for start, end in spans:
            if expected_reading(start, tz) <= now < expected_reading(end, tz):
                return True
    return False


# strategies

clock_times = st.one_of(
    # Times around the night's clock changes in these zones, and the usual shift edges.
    st.sampled_from([time(h, m) for h in range(4) for m in (0, 30)] + [time(8), time(22)]),
    st.builds(time, hour=st.integers(0, 23), minute=st.sampled_from([0, 15, 30, 45])),
)
weekly_windows = st.builds(
    WeeklyWindow,
    days=st.frozensets(st.integers(0, 6), min_size=1),
    start=clock_times,
    end=st.one_of(st.none(), clock_times),
    duty=st.booleans(),
)


@dataclass(frozen=True)
class Scenario:
    tz: ZoneInfo
    now: datetime
    windows: tuple[OnCallWindow, ...]


@st.composite
def instants_near_dst(draw: st.DrawFn, zone: str) -> datetime:
    anchor = draw(st.sampled_from(anchors(zone)))
    minutes = draw(st.integers(-48 * 60, 48 * 60))
    return anchor + timedelta(minutes=minutes)


@st.composite
def one_off_windows(draw: st.DrawFn, tz: ZoneInfo, near: datetime) -> OneOffWindow:
    midnight = datetime.combine(wall(near, tz).date(), time())
    start = midnight + timedelta(minutes=15 * draw(st.integers(-4 * 48, 4 * 48)))
    length = timedelta(minutes=15 * draw(st.integers(1, 4 * 48)))
    return OneOffWindow(start, start + length, duty=draw(st.booleans()))


@st.composite
def window_lists(draw: st.DrawFn, tz: ZoneInfo, near: datetime) -> tuple[OnCallWindow, ...]:
    window = st.one_of(weekly_windows, one_off_windows(tz, near))
    return tuple(draw(st.lists(window, min_size=0, max_size=4)))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    zone = draw(st.sampled_from(ZONES))
    tz = ZoneInfo(zone)
    now = draw(instants_near_dst(zone))
    return Scenario(tz, now, draw(window_lists(tz, now)))


@st.composite
def weekly_scenarios(draw: st.DrawFn) -> tuple[ZoneInfo, datetime, WeeklyWindow]:
    zone = draw(st.sampled_from(ZONES))
    return ZoneInfo(zone), draw(instants_near_dst(zone)), draw(weekly_windows)


# schedule properties


@PROPERTY_SETTINGS
@given(scenarios())
def test_on_call_follows_the_wall_clock_read_by_rfc_5545(scenario: Scenario) -> None:
    expected = expected_on_call(scenario.windows, scenario.tz, scenario.now)
    assert is_on_call(scenario.windows, scenario.tz, scenario.now) == expected


@PROPERTY_SETTINGS
@given(scenarios())
def test_on_call_agrees_with_membership_in_merged_intervals(scenario: Scenario) -> None:
    spans = merged(scenario.windows, scenario.tz, scenario.now - DAY, scenario.now + DAY)
    in_merged = any(scenario.now in span for span in spans)
    assert is_on_call(scenario.windows, scenario.tz, scenario.now) == in_merged


@PROPERTY_SETTINGS
@given(scenarios())
def test_merged_intervals_are_sorted_disjoint_and_cover_every_occurrence(
    scenario: Scenario,
) -> None:
    start, end = scenario.now - DAY, scenario.now + DAY
    spans = merged(scenario.windows, scenario.tz, start, end)
    for span in spans:
        assert span.start < span.end
        assert span.start.tzinfo is not None
    for earlier, later in zip(spans, spans[1:], strict=False):
        assert earlier.end < later.start
    found = [o for w in scenario.windows for o in occurrences(w, scenario.tz, start, end)]
    for occurrence in found:
        assert any(span.start <= occurrence.start and occurrence.end <= span.end for span in spans)
    for span in spans:
        assert any(o.start == span.start for o in found)
        assert any(o.end == span.end for o in found)


@PROPERTY_SETTINGS
@given(scenarios())
def test_on_call_until_ends_the_stretch_containing_now(scenario: Scenario) -> None:
    tz, now, windows = scenario.tz, scenario.now, scenario.windows
    until = on_call_until(windows, tz, now)
    if not is_on_call(windows, tz, now):
        assert until is None
        return
    assert until is not None
    assert until > now
    assert is_on_call(windows, tz, until - timedelta(microseconds=1))
    if until < now + timedelta(days=14):
        assert not is_on_call(windows, tz, until)


@PROPERTY_SETTINGS
@given(weekly_scenarios())
def test_occurrence_starts_and_ends_show_the_configured_wall_clocks(
    case: tuple[ZoneInfo, datetime, WeeklyWindow],
) -> None:
    tz, now, window = case
    for occurrence in occurrences(window, tz, now - DAY, now + DAY):
        local_start = occurrence.start.astimezone(tz)
        day = local_start.date()
        assert day.weekday() in window.days
        configured_start = datetime.combine(day, window.start)
        configured_end = wall_end(window, day)
        if showings(configured_start, tz):
            assert local_start.replace(tzinfo=None) == configured_start
            assert local_start.fold == 0
        else:  # in a gap: read forward by the shift
            shift = local_start.replace(tzinfo=None) - configured_start
            assert timedelta(0) < shift <= MAX_DST_SHIFT
        local_end = occurrence.end.astimezone(tz)
        if showings(configured_end, tz):
            assert local_end.replace(tzinfo=None) == configured_end
            assert local_end.fold == 0
        else:
            shift = local_end.replace(tzinfo=None) - configured_end
            assert timedelta(0) < shift <= MAX_DST_SHIFT


@PROPERTY_SETTINGS
@given(weekly_scenarios())
def test_occurrence_lasts_its_wall_clock_duration_give_or_take_the_dst_shift(
    case: tuple[ZoneInfo, datetime, WeeklyWindow],
) -> None:
    tz, now, window = case
    for occurrence in occurrences(window, tz, now - DAY, now + DAY):
        day = occurrence.start.astimezone(tz).date()
        configured_start = datetime.combine(day, window.start)
        configured_end = wall_end(window, day)
        wall_duration = configured_end - configured_start
        length = occurrence.end - occurrence.start
        assert length > timedelta(0)
        assert abs(length - wall_duration) <= MAX_DST_SHIFT
        if showings(configured_start, tz) and showings(configured_end, tz):
            start_offset = occurrence.start.astimezone(tz).utcoffset()
            end_offset = occurrence.end.astimezone(tz).utcoffset()
            assert start_offset is not None
            assert end_offset is not None
            assert length == wall_duration + start_offset - end_offset


@PROPERTY_SETTINGS
@given(
    case=weekly_scenarios(),
    span_hours=st.integers(1, 24 * 9),
    split_hours=st.integers(0, 24 * 9),
)
def test_occurrences_of_a_range_are_those_of_its_two_halves(
    case: tuple[ZoneInfo, datetime, WeeklyWindow], span_hours: int, split_hours: int
) -> None:
    tz, start, window = case
    end = start + timedelta(hours=span_hours)
    middle = start + timedelta(hours=min(split_hours, span_hours))
    whole = occurrences(window, tz, start, end)
    halves = set(occurrences(window, tz, start, middle)) | set(occurrences(window, tz, middle, end))
    assert set(whole) == halves
    assert len(whole) == len(set(whole))
    assert whole == sorted(whole, key=lambda o: o.start)
    for occurrence in whole:
        assert occurrence.start < end
        assert occurrence.end > start


# route properties

CLINICIANS = ("c0", "c1", "c2", "c3", "c4")


@dataclass(frozen=True)
class RouteCase:
    now: datetime
    care_team: tuple[str, ...]
    schedules: dict[str, ClinicianSchedule]
    pauses: tuple[CoachingPause, ...]


@st.composite
def route_cases(draw: st.DrawFn) -> RouteCase:
    now = draw(instants_near_dst(draw(st.sampled_from(ZONES))))
    ids = draw(st.permutations(CLINICIANS))
    schedules = {}
    for clinician_id in ids[: draw(st.integers(0, len(ids)))]:
        tz = ZoneInfo(draw(st.sampled_from(ZONES)))
        windows = draw(window_lists(tz, now))
        schedules[clinician_id] = ClinicianSchedule(clinician_id, tz, windows)
    care_team = draw(st.lists(st.sampled_from((*CLINICIANS, "c-missing")), max_size=4))
    pauses = draw(
        st.lists(
            st.builds(
                CoachingPause,
                clinician_id=st.sampled_from(CLINICIANS),
                until=st.integers(-120, 120).map(lambda m: now + timedelta(minutes=m)),
            ),
            max_size=3,
        )
    )
    return RouteCase(now, tuple(care_team), schedules, tuple(pauses))


def on_duty(schedule: ClinicianSchedule, now: datetime) -> bool:
    duty_windows = [w for w in schedule.windows if w.duty]
    return expected_on_call(duty_windows, schedule.timezone, now)


def available_care_team(case: RouteCase) -> list[str]:
    paused = {p.clinician_id for p in case.pauses if p.until > case.now}
    available: list[str] = []
    for clinician_id in case.care_team:
        schedule = case.schedules.get(clinician_id)
        if (
            schedule is not None
            and clinician_id not in paused
            and clinician_id not in available
            and expected_on_call(schedule.windows, schedule.timezone, case.now)
        ):
            available.append(clinician_id)
    return available


@PROPERTY_SETTINGS
@given(route_cases())
def test_route_never_lists_a_clinician_twice(case: RouteCase) -> None:
    plan = plan_route(case.care_team, case.schedules, case.pauses, "+15555550100", case.now)
    assert len(plan.clinicians) == len(set(plan.clinicians))
    assert plan.crisis_line == "+15555550100"
    assert plan.at == case.now


@PROPERTY_SETTINGS
@given(route_cases())
def test_route_never_lists_an_off_duty_clinician_from_outside_the_care_team(
    case: RouteCase,
) -> None:
    plan = plan_route(case.care_team, case.schedules, case.pauses, "+15555550100", case.now)
    for clinician_id in plan.clinicians:
        if clinician_id not in case.care_team:
            assert on_duty(case.schedules[clinician_id], case.now)


@PROPERTY_SETTINGS
@given(route_cases())
def test_route_is_available_care_team_in_order_then_duty_in_roster_order(
    case: RouteCase,
) -> None:
    plan = plan_route(case.care_team, case.schedules, case.pauses, "+15555550100", case.now)
    care_part = available_care_team(case)
    duty_part = [
        clinician_id
        for clinician_id, schedule in case.schedules.items()
        if clinician_id not in care_part and on_duty(schedule, case.now)
    ]
    assert list(plan.clinicians) == care_part + duty_part
