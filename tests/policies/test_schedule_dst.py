"""Windows on daylight-saving nights (SPEC §6, RFC 5545 local times: an ambiguous time is its
first occurrence, a nonexistent one is read with the offset before the gap)."""

from __future__ import annotations

from datetime import datetime, timedelta

from policies.schedule import (
    Interval,
    OneOffWindow,
    is_on_call,
    merged,
    occurrences,
    on_call_until,
)
from tests.policies.schedules import (
    LONDON,
    NY,
    SAT,
    SUN,
    SYDNEY,
    ny,
    utc,
    weekly,
)

# daylight-saving nights


def test_overnight_window_lasts_eleven_hours_on_fall_back_night() -> None:
    window = weekly({SAT}, "22:00", "08:00")
    (found,) = occurrences(window, NY, utc(2026, 10, 31, 12), utc(2026, 11, 2, 12))
    assert found.end - found.start == timedelta(hours=11)
    assert found == Interval(utc(2026, 11, 1, 2, 0), utc(2026, 11, 1, 13, 0))


def test_overnight_window_lasts_nine_hours_on_spring_forward_night() -> None:
    window = weekly({SAT}, "22:00", "08:00")
    (found,) = occurrences(window, NY, utc(2026, 3, 7, 12), utc(2026, 3, 9, 12))
    assert found.end - found.start == timedelta(hours=9)
    assert found == Interval(utc(2026, 3, 8, 3, 0), utc(2026, 3, 8, 12, 0))


def test_window_starting_at_an_ambiguous_time_starts_at_its_first_occurrence() -> None:
    window = weekly({SUN}, "01:30", "03:00")
    (found,) = occurrences(window, NY, utc(2026, 11, 1, 0), utc(2026, 11, 2, 0))
    # 01:30 EDT (05:30 UTC) to 03:00 EST (08:00 UTC): two and a half hours.
    assert found == Interval(utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 8, 0))


def test_window_ending_at_an_ambiguous_time_ends_at_its_first_occurrence() -> None:
    window = weekly({SAT}, "22:00", "01:30")
    (found,) = occurrences(window, NY, utc(2026, 10, 31, 12), utc(2026, 11, 2, 0))
    assert found == Interval(utc(2026, 11, 1, 2, 0), utc(2026, 11, 1, 5, 30))
    # The second 01:15 (EST) is after the window has ended.
    assert not is_on_call([window], NY, utc(2026, 11, 1, 6, 15))
    assert is_on_call([window], NY, utc(2026, 11, 1, 5, 15))


def test_window_starting_in_the_spring_gap_starts_an_hour_later_on_the_clock() -> None:
    window = weekly({SUN}, "02:30", "06:00")
    (found,) = occurrences(window, NY, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0))
    assert found.start.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)
    assert found.end == ny(2026, 3, 8, 6, 0)
    assert not is_on_call([window], NY, ny(2026, 3, 8, 3, 15))


def test_window_ending_in_the_spring_gap_ends_as_read_before_the_gap() -> None:
    window = weekly({SAT}, "22:00", "02:30")
    (found,) = occurrences(window, NY, utc(2026, 3, 7, 12), utc(2026, 3, 9, 0))
    assert found == Interval(utc(2026, 3, 8, 3, 0), utc(2026, 3, 8, 7, 30))


def test_window_that_resolves_to_nothing_in_the_spring_gap_is_empty() -> None:
    # 02:30 reads as 03:30 EDT, after 03:00 EDT: no time on call at all that night.
    window = weekly({SUN}, "02:30", "03:00")
    assert occurrences(window, NY, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0)) == []
    assert len(occurrences(window, NY, utc(2026, 3, 15, 0), utc(2026, 3, 16, 0))) == 1


def test_window_covering_only_the_spring_gap_is_empty() -> None:
    # 02:00 reads as 03:00 EDT, the same instant as its end.
    window = weekly({SUN}, "02:00", "03:00")
    assert occurrences(window, NY, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0)) == []
    assert merged([window], NY, utc(2026, 3, 8, 0), utc(2026, 3, 9, 0)) == []


def test_london_overnight_window_lasts_eleven_hours_when_clocks_go_back() -> None:
    window = weekly({SAT}, "22:00", "08:00")
    (found,) = occurrences(window, LONDON, utc(2026, 10, 24, 12), utc(2026, 10, 26, 0))
    assert found.end - found.start == timedelta(hours=11)


def test_sydney_overnight_window_lasts_nine_hours_when_clocks_go_forward() -> None:
    window = weekly({SAT}, "22:00", "08:00")
    (found,) = occurrences(window, SYDNEY, utc(2026, 10, 2, 0), utc(2026, 10, 5, 0))
    assert found.end - found.start == timedelta(hours=9)


# one-off windows


def test_one_off_window_spans_several_days() -> None:
    window = OneOffWindow(datetime(2026, 12, 24, 18, 0), datetime(2026, 12, 26, 8, 0))
    assert not is_on_call([window], NY, ny(2026, 12, 24, 17, 59))
    assert is_on_call([window], NY, ny(2026, 12, 24, 18, 0))
    assert is_on_call([window], NY, ny(2026, 12, 25, 12, 0))
    assert is_on_call([window], NY, ny(2026, 12, 26, 7, 59))
    assert not is_on_call([window], NY, ny(2026, 12, 26, 8, 0))
    assert on_call_until([window], NY, ny(2026, 12, 25, 12, 0)) == ny(2026, 12, 26, 8, 0)


def test_one_off_window_outside_the_range_has_no_occurrence() -> None:
    window = OneOffWindow(datetime(2026, 12, 24, 18, 0), datetime(2026, 12, 26, 8, 0))
    assert occurrences(window, NY, ny(2026, 12, 26, 8, 0), ny(2026, 12, 27, 0, 0)) == []
    assert occurrences(window, NY, ny(2026, 12, 20, 0, 0), ny(2026, 12, 24, 18, 0)) == []


def test_one_off_window_across_fall_back_lasts_an_hour_longer() -> None:
    window = OneOffWindow(datetime(2026, 10, 31, 22, 0), datetime(2026, 11, 1, 8, 0))
    (found,) = occurrences(window, NY, utc(2026, 10, 31), utc(2026, 11, 2))
    assert found.end - found.start == timedelta(hours=11)


def test_one_off_window_inside_the_spring_gap_is_empty() -> None:
    window = OneOffWindow(datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 3, 0))
    assert occurrences(window, NY, utc(2026, 3, 7), utc(2026, 3, 9)) == []
