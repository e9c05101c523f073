"""Coverage gaps (SPEC §11), including daylight-saving nights: examples and properties."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from policies.coverage import (
    NO_CARE_TEAM,
    OfficeHours,
    coverage_gaps,
    uncovered_at,
    within,
)
from policies.route import ClinicianSchedule
from policies.schedule import OneOffWindow, WeeklyWindow

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = frozenset(range(5))
NINE_TO_FIVE = OfficeHours(NEW_YORK, (WeeklyWindow(WEEKDAYS, time(9), time(17)),))
EVERY_DAY = frozenset(range(7))


def schedule(cid: str, *windows, off=(), zone=NEW_YORK) -> ClinicianSchedule:
    return ClinicianSchedule(cid, zone, tuple(windows), tuple(off))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_patient_whose_team_is_off_call_after_hours_is_in_a_gap() -> None:
    # Lee covers 17:00-23:00 every day; Sam's night after 23:00 is a gap until 09:00 office.
    teams = {"pt-sam": ["dr-lee"]}
    schedules = {"dr-lee": schedule("dr-lee", WeeklyWindow(EVERY_DAY, time(17), time(23)))}
    # Wednesday 2026-11-25 12:00 to Thursday 12:00 New York.
    gaps = coverage_gaps(
        teams, schedules, NINE_TO_FIVE, utc(2026, 11, 25, 17), utc(2026, 11, 26, 17)
    )
    assert [(g.start, g.end, g.patients) for g in gaps] == [
        (utc(2026, 11, 26, 4), utc(2026, 11, 26, 14), ("pt-sam",))
    ]
    assert "care team" in gaps[0].why[0][1]


def test_a_duty_clinician_covers_everyone() -> None:
    teams = {"pt-sam": ["dr-lee"], "pt-lone": []}
    schedules = {
        "dr-kim": schedule("dr-kim", WeeklyWindow(EVERY_DAY, time(0), None, duty=True)),
        "dr-lee": schedule("dr-lee"),
    }
    start = utc(2026, 11, 25)
    assert coverage_gaps(teams, schedules, OfficeHours(NEW_YORK), start, start + timedelta(7)) == []


def test_time_off_opens_a_gap_and_says_why() -> None:
    teams = {"pt-sam": ["dr-lee"], "pt-lone": []}
    lee = schedule(
        "dr-lee",
        WeeklyWindow(EVERY_DAY, time(0), None),
        off=(OneOffWindow(datetime(2026, 11, 25, 20), datetime(2026, 11, 25, 22)),),
    )
    start, end = utc(2026, 11, 25, 22), utc(2026, 11, 26, 4)  # 17:00-23:00 New York
    gaps = coverage_gaps(teams, {"dr-lee": lee}, NINE_TO_FIVE, start, end)
    assert [(g.start, g.end, g.patients) for g in gaps] == [
        (start, utc(2026, 11, 26, 1), ("pt-lone",)),
        (utc(2026, 11, 26, 1), utc(2026, 11, 26, 3), ("pt-lone", "pt-sam")),
        (utc(2026, 11, 26, 3), end, ("pt-lone",)),
    ]
    assert dict(gaps[0].why)["pt-lone"].startswith(NO_CARE_TEAM)


def test_office_hours_are_never_a_gap_and_no_office_hours_means_all_week() -> None:
    teams = {"pt-lone": []}
    wednesday = utc(2026, 11, 25, 5)  # 00:00 New York
    gaps = coverage_gaps(teams, {}, NINE_TO_FIVE, wednesday, wednesday + timedelta(days=1))
    assert [(g.start, g.end) for g in gaps] == [
        (wednesday, utc(2026, 11, 25, 14)),
        (utc(2026, 11, 25, 22), wednesday + timedelta(days=1)),
    ]
    always = coverage_gaps(teams, {}, OfficeHours(NEW_YORK), wednesday, wednesday + timedelta(1))
    assert [(g.start, g.end) for g in always] == [(wednesday, wednesday + timedelta(days=1))]


def test_a_fall_back_night_window_covers_an_hour_longer() -> None:
    teams = {"pt-sam": ["dr-lee"]}
    # On 22:00-08:00 only on Saturday 2026-10-31 (fall back Sunday 02:00).
    lee = schedule("dr-lee", WeeklyWindow(frozenset({5}), time(22), time(8)))
    start, end = utc(2026, 10, 31, 20), utc(2026, 11, 1, 20)
    gaps = coverage_gaps(teams, {"dr-lee": lee}, OfficeHours(NEW_YORK), start, end)
    covered = (end - start) - sum((g.end - g.start for g in gaps), timedelta())
    assert covered == timedelta(hours=11)
    assert [(g.start, g.end) for g in gaps] == [
        (start, utc(2026, 11, 1, 2)),  # until 22:00 EDT
        (utc(2026, 11, 1, 13), end),  # from 08:00 EST
    ]


def test_a_spring_forward_night_window_is_an_hour_shorter() -> None:
    teams = {"pt-sam": ["dr-lee"]}
    # On 22:00-08:00 only on Saturday 2026-03-07 (spring forward Sunday 02:00).
    lee = schedule("dr-lee", WeeklyWindow(frozenset({5}), time(22), time(8)))
    start, end = utc(2026, 3, 7, 20), utc(2026, 3, 8, 20)
    gaps = coverage_gaps(teams, {"dr-lee": lee}, OfficeHours(NEW_YORK), start, end)
    covered = (end - start) - sum((g.end - g.start for g in gaps), timedelta())
    assert covered == timedelta(hours=9)


def test_within_keeps_the_gaps_of_the_next_hours() -> None:
    teams = {"pt-lone": []}
    start = utc(2026, 11, 25, 5)
    gaps = coverage_gaps(teams, {}, NINE_TO_FIVE, start, start + timedelta(days=3))
    soon = within(gaps, start, timedelta(hours=48))
    assert soon
    assert all(g.start < start + timedelta(hours=48) for g in soon)


# Properties over random schedules spanning DST nights.

ZONES = ("America/New_York", "America/Chicago", "Europe/London", "Australia/Sydney")
CLINICIANS = ("a", "b", "c")
PATIENTS = {"p1": ["a"], "p2": ["b", "a"], "p3": [], "p4": ["c"]}
# Ranges around both 2026 transitions in the northern and southern hemispheres.
STARTS = (
    utc(2026, 3, 7, 12),
    utc(2026, 3, 28, 12),
    utc(2026, 4, 4, 12),
    utc(2026, 10, 3, 12),
    utc(2026, 10, 24, 12),
    utc(2026, 10, 31, 12),
)

clocks = st.builds(time, st.integers(0, 23), st.sampled_from([0, 30]))
weekly = st.builds(
    WeeklyWindow,
    st.frozensets(st.integers(0, 6), min_size=1),
    clocks,
    st.one_of(st.none(), clocks),
    st.just(False),
).filter(lambda w: w.end != w.start)
duty_weekly = st.builds(
    WeeklyWindow,
    st.frozensets(st.integers(0, 6), min_size=1, max_size=2),
    clocks,
    clocks,
    st.just(True),
).filter(lambda w: w.end != w.start)


@st.composite
def worlds(draw):
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    schedules = {}
    for cid in CLINICIANS:
        windows = draw(st.lists(weekly, max_size=3))
        if draw(st.booleans()) and cid == "c":
            windows.append(draw(duty_weekly))
        off = draw(st.lists(weekly, max_size=1))
        schedules[cid] = ClinicianSchedule(cid, zone, tuple(windows), tuple(off))
    office = OfficeHours(zone, tuple(draw(st.lists(weekly, max_size=2))))
    start = draw(st.sampled_from(STARTS))
    return schedules, office, start, start + timedelta(days=3)


PROPERTY = settings(max_examples=60, deadline=None)


@PROPERTY
@given(worlds(), st.lists(st.integers(0, 3 * 24 * 60 - 1), min_size=1, max_size=20))
def test_gaps_agree_with_who_is_on_call_at_each_instant(world, minutes) -> None:
    schedules, office, start, end = world
    gaps = coverage_gaps(PATIENTS, schedules, office, start, end)
    for minute in minutes:
        at = start + timedelta(minutes=minute)
        expected = set(uncovered_at(PATIENTS, schedules, office, at))
        found = [g for g in gaps if g.start <= at < g.end]
        assert len(found) <= 1
        assert set(found[0].patients if found else ()) == expected


@PROPERTY
@given(worlds())
def test_gaps_are_sorted_disjoint_non_empty_and_inside_the_range(world) -> None:
    schedules, office, start, end = world
    gaps = coverage_gaps(PATIENTS, schedules, office, start, end)
    for gap in gaps:
        assert start <= gap.start < gap.end <= end
        assert gap.patients
        assert not office.is_open(gap.start)
    for earlier, later in zip(gaps, gaps[1:], strict=False):
        assert earlier.end <= later.start
        if earlier.end == later.start:
            assert earlier.why != later.why  # the same patients and reasons would have joined


@PROPERTY
@given(worlds())
def test_a_duty_clinician_always_on_call_closes_every_gap(world) -> None:
    schedules, office, start, end = world
    always = WeeklyWindow(frozenset(range(7)), time(0), None, duty=True)
    zone = schedules["a"].timezone
    schedules = {**schedules, "duty": ClinicianSchedule("duty", zone, (always,))}
    assert coverage_gaps(PATIENTS, schedules, office, start, end) == []
