from datetime import UTC, datetime, time, timedelta

import pytest

from policies.schedule import (
    DAY_NAMES,
    Interval,
    OnCallWindow,
    OneOffWindow,
    WeeklyWindow,
    is_on_call,
    merged,
    occurrences,
    on_call_until,
    parse_clock,
    resolve_local,
)
from tests.policies.schedules import (
    CHICAGO,
    FRI,
    MON,
    NY,
    SAT,
    SUN,
    SYDNEY,
    THU,
    TUE,
    WEEKDAYS,
    ny,
    utc,
    weekly,
)

# parse_clock


@pytest.mark.parametrize(
    ("text", "expected"),
    [("00:00", time(0, 0)), ("08:05", time(8, 5)), ("17:00", time(17, 0)), ("23:59", time(23, 59))],
)
def test_clock_text_reads_as_time_of_day(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


def test_twenty_four_hundred_reads_as_end_of_day() -> None:
    assert parse_clock("24:00") is None


@pytest.mark.parametrize(
    "text",
    ["24:01", "25:00", "23:60", "7:00", "0700", "07:00:00", "noon", "", "-1:00", "１７:００"],
)
def test_malformed_clock_text_is_refused_with_its_value(text: str) -> None:
    with pytest.raises(ValueError, match="invalid time of day"):
        parse_clock(text)


def test_unquoted_yaml_time_is_refused_with_a_hint() -> None:
    with pytest.raises(ValueError, match="quoted"):
        parse_clock(1020)  # type: ignore[arg-type]


def test_day_names_index_matches_python_weekday() -> None:
    assert DAY_NAMES[datetime(2026, 3, 9).weekday()] == "mon"
    assert DAY_NAMES[datetime(2026, 3, 8).weekday()] == "sun"


# resolve_local


def test_ambiguous_local_time_means_its_first_occurrence() -> None:
    # 01:30 happens twice in New York on 2026-11-01; the first is still daylight time.
    assert resolve_local(datetime(2026, 11, 1, 1, 30), NY) == utc(2026, 11, 1, 5, 30)


def test_nonexistent_local_time_is_read_with_the_offset_before_the_gap() -> None:
    # 02:30 never shows in New York on 2026-03-08; read as EST it is 03:30 EDT.
    resolved = resolve_local(datetime(2026, 3, 8, 2, 30), NY)
    assert resolved == utc(2026, 3, 8, 7, 30)
    assert resolved.astimezone(NY).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 30)


def test_nonexistent_local_time_in_the_southern_hemisphere_moves_forward() -> None:
    # Sydney springs forward 02:00 -> 03:00 on 2026-10-04; 02:30 AEST is 03:30 AEDT.
    resolved = resolve_local(datetime(2026, 10, 4, 2, 30), SYDNEY)
    assert resolved.astimezone(SYDNEY).replace(tzinfo=None) == datetime(2026, 10, 4, 3, 30)


def test_ordinary_local_time_resolves_to_utc() -> None:
    resolved = resolve_local(datetime(2026, 7, 1, 17, 0), NY)
    assert resolved == utc(2026, 7, 1, 21, 0)
    assert resolved.tzinfo is UTC


def test_resolving_ignores_a_fold_already_set() -> None:
    assert resolve_local(datetime(2026, 11, 1, 1, 30, fold=1), NY) == utc(2026, 11, 1, 5, 30)


def test_resolving_an_aware_time_is_refused() -> None:
    with pytest.raises(ValueError, match="without a zone"):
        resolve_local(ny(2026, 7, 1, 17, 0), NY)


# windows


def test_window_with_a_weekday_outside_the_week_is_refused() -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6"):
        WeeklyWindow(frozenset({7}), time(17), time(23))


def test_one_off_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        OneOffWindow(datetime(2026, 12, 26, 8), datetime(2026, 12, 24, 18))


def test_weekly_window_accepts_a_plain_set_of_days() -> None:
    window = WeeklyWindow({MON}, time(17), time(23))  # type: ignore[arg-type]
    assert window.days == frozenset({MON})
    assert hash(window) == hash(WeeklyWindow(frozenset({MON}), time(17), time(23)))


# weekly windows


def test_weekly_window_is_on_call_only_on_its_days() -> None:
    windows = [weekly({MON}, "17:00", "23:00")]
    assert is_on_call(windows, NY, ny(2026, 3, 9, 18, 0))  # Monday
    assert not is_on_call(windows, NY, ny(2026, 3, 10, 18, 0))  # Tuesday
    assert not is_on_call(windows, NY, ny(2026, 3, 9, 16, 59))


def test_window_is_half_open_on_at_start_off_at_end() -> None:
    windows = [weekly({MON}, "17:00", "23:00")]
    assert is_on_call(windows, NY, ny(2026, 3, 9, 17, 0))
    assert is_on_call(windows, NY, ny(2026, 3, 9, 22, 59, 59, 999999))
    assert not is_on_call(windows, NY, ny(2026, 3, 9, 23, 0))
    assert not is_on_call(windows, NY, ny(2026, 3, 9, 16, 59, 59, 999999))


def test_overnight_window_belongs_to_the_day_it_starts() -> None:
    windows = [weekly({SAT}, "22:00", "08:00")]
    assert is_on_call(windows, NY, ny(2026, 6, 6, 23, 0))  # Saturday night
    assert is_on_call(windows, NY, ny(2026, 6, 7, 7, 59))  # Sunday morning, Saturday's window
    assert not is_on_call(windows, NY, ny(2026, 6, 7, 8, 0))
    assert not is_on_call(windows, NY, ny(2026, 6, 7, 23, 0))  # Sunday night: not a Sunday window
    assert not is_on_call(windows, NY, ny(2026, 6, 6, 7, 0))  # Saturday morning: Friday's slot


def test_occurrence_started_the_previous_day_is_found() -> None:
    window = weekly({SAT}, "22:00", "08:00")
    found = occurrences(window, NY, ny(2026, 6, 7, 3, 0), ny(2026, 6, 7, 4, 0))
    assert found == [Interval(utc(2026, 6, 7, 2, 0), utc(2026, 6, 7, 12, 0))]


def test_occurrences_are_not_clipped_to_the_range_asked() -> None:
    window = weekly({MON}, "17:00", "23:00")
    found = occurrences(window, NY, ny(2026, 3, 9, 18, 0), ny(2026, 3, 9, 19, 0))
    assert found == [Interval(utc(2026, 3, 9, 21, 0), utc(2026, 3, 10, 3, 0))]


def test_occurrences_touching_the_range_only_at_its_edges_are_left_out() -> None:
    window = weekly({MON}, "17:00", "23:00")
    assert occurrences(window, NY, ny(2026, 3, 9, 23, 0), ny(2026, 3, 10, 17, 0)) == []
    assert occurrences(window, NY, ny(2026, 3, 9, 12, 0), ny(2026, 3, 9, 17, 0)) == []


def test_occurrences_list_every_start_day_in_the_range_in_order() -> None:
    window = weekly(WEEKDAYS, "17:00", "23:00")
    found = occurrences(window, NY, ny(2026, 6, 1, 0, 0), ny(2026, 6, 15, 0, 0))
    assert [interval.start.astimezone(NY).day for interval in found] == [
        1,
        2,
        3,
        4,
        5,
        8,
        9,
        10,
        11,
        12,
    ]


def test_occurrences_far_in_the_future_are_found_directly() -> None:
    window = weekly({MON}, "17:00", "23:00")
    found = occurrences(window, NY, ny(2300, 1, 1, 0, 0), ny(2300, 1, 31, 0, 0))
    assert len(found) == 5
    assert all(interval.start.astimezone(NY).weekday() == MON for interval in found)


def test_empty_range_has_no_occurrences() -> None:
    window = weekly({MON}, "17:00", "23:00")
    assert occurrences(window, NY, ny(2026, 3, 9, 18, 0), ny(2026, 3, 9, 18, 0)) == []


def test_window_ending_at_twenty_four_hundred_ends_at_next_local_midnight() -> None:
    windows = [weekly({FRI}, "18:00", "24:00")]
    assert is_on_call(windows, NY, ny(2026, 6, 5, 23, 59, 59))
    assert not is_on_call(windows, NY, ny(2026, 6, 6, 0, 0))
    assert on_call_until(windows, NY, ny(2026, 6, 5, 20, 0)) == ny(2026, 6, 6, 0, 0)


def test_window_from_midnight_to_twenty_four_hundred_covers_the_whole_day() -> None:
    window = weekly({SUN}, "00:00", "24:00")
    (found,) = occurrences(window, NY, ny(2026, 3, 8, 12, 0), ny(2026, 3, 8, 13, 0))
    # 2026-03-08 is a 23-hour day in New York.
    assert found == Interval(ny(2026, 3, 8, 0, 0), ny(2026, 3, 9, 0, 0))
    assert found.end - found.start == timedelta(hours=23)


def test_window_ending_when_it_starts_lasts_a_whole_day() -> None:
    window = weekly({MON}, "09:00", "09:00")
    (found,) = occurrences(window, NY, ny(2026, 6, 1, 12, 0), ny(2026, 6, 1, 13, 0))
    assert found == Interval(ny(2026, 6, 1, 9, 0), ny(2026, 6, 2, 9, 0))


# clinician time zone


def test_window_is_read_in_the_clinicians_own_time_zone() -> None:
    windows = [weekly(WEEKDAYS, "17:00", "23:00")]
    # 17:30 in New York is 16:30 in Chicago: not yet on call there.
    assert not is_on_call(windows, CHICAGO, ny(2026, 6, 1, 17, 30))
    # 23:30 in New York is 22:30 in Chicago: still on call there.
    assert is_on_call(windows, CHICAGO, ny(2026, 6, 1, 23, 30))
    assert on_call_until(windows, CHICAGO, ny(2026, 6, 1, 23, 30)) == ny(2026, 6, 2, 0, 0)


def test_weekday_is_the_clinicians_local_day() -> None:
    # Monday 22:00 in Sydney is still Monday morning in New York; the window is Sydney's.
    windows = [weekly({MON}, "21:00", "23:00")]
    now = datetime(2026, 6, 1, 22, 0, tzinfo=SYDNEY)
    assert now.astimezone(NY).weekday() == MON
    assert is_on_call(windows, SYDNEY, now)
    assert not is_on_call(windows, NY, now)


# merging


def test_overlapping_windows_merge_into_one_interval() -> None:
    windows = [weekly({MON}, "17:00", "20:00"), weekly({MON}, "19:00", "23:00")]
    assert merged(windows, NY, ny(2026, 6, 1, 0, 0), ny(2026, 6, 2, 0, 0)) == [
        Interval(ny(2026, 6, 1, 17, 0), ny(2026, 6, 1, 23, 0))
    ]


def test_touching_windows_merge_into_one_interval() -> None:
    windows = [weekly({MON}, "17:00", "19:00"), weekly({MON}, "19:00", "23:00")]
    assert merged(windows, NY, ny(2026, 6, 1, 0, 0), ny(2026, 6, 2, 0, 0)) == [
        Interval(ny(2026, 6, 1, 17, 0), ny(2026, 6, 1, 23, 0))
    ]


def test_contained_window_does_not_shorten_the_merged_interval() -> None:
    windows = [weekly({MON}, "08:00", "23:00"), weekly({MON}, "10:00", "12:00")]
    assert merged(windows, NY, ny(2026, 6, 1, 0, 0), ny(2026, 6, 2, 0, 0)) == [
        Interval(ny(2026, 6, 1, 8, 0), ny(2026, 6, 1, 23, 0))
    ]


def test_separate_windows_stay_separate_and_sorted() -> None:
    windows = [weekly({MON}, "19:00", "23:00"), weekly({MON}, "08:00", "12:00")]
    assert merged(windows, NY, ny(2026, 6, 1, 0, 0), ny(2026, 6, 2, 0, 0)) == [
        Interval(ny(2026, 6, 1, 8, 0), ny(2026, 6, 1, 12, 0)),
        Interval(ny(2026, 6, 1, 19, 0), ny(2026, 6, 1, 23, 0)),
    ]


def test_weekly_and_one_off_windows_merge() -> None:
    windows: list[OnCallWindow] = [
        weekly({THU}, "17:00", "23:00"),
        OneOffWindow(datetime(2026, 12, 24, 18, 0), datetime(2026, 12, 26, 8, 0)),
    ]
    assert merged(windows, NY, ny(2026, 12, 24, 0, 0), ny(2026, 12, 25, 0, 0)) == [
        Interval(ny(2026, 12, 24, 17, 0), ny(2026, 12, 26, 8, 0))
    ]


def test_on_call_until_follows_back_to_back_windows() -> None:
    windows = [weekly({MON}, "22:00", "24:00"), weekly({TUE}, "00:00", "08:00")]
    assert on_call_until(windows, NY, ny(2026, 6, 1, 23, 0)) == ny(2026, 6, 2, 8, 0)


def test_on_call_until_follows_a_chain_across_days() -> None:
    windows = [weekly(WEEKDAYS, "17:00", "09:00")]
    # Monday 17:00 to Tuesday 09:00 is followed by Tuesday 17:00 ...: a gap, so it stops.
    assert on_call_until(windows, NY, ny(2026, 6, 1, 20, 0)) == ny(2026, 6, 2, 9, 0)
    chained = [weekly(WEEKDAYS, "09:00", "09:00")]
    # Monday through Friday, each a whole day: on call until Saturday 09:00.
    assert on_call_until(chained, NY, ny(2026, 6, 1, 20, 0)) == ny(2026, 6, 6, 9, 0)


def test_on_call_until_looks_ahead_at_most_fourteen_days() -> None:
    always = [weekly(set(range(7)), "00:00", "24:00")]
    now = ny(2026, 6, 1, 12, 0)
    until = on_call_until(always, NY, now)
    assert until is not None
    assert now + timedelta(days=14) <= until <= now + timedelta(days=15)


def test_on_call_until_is_none_when_off_call() -> None:
    windows = [weekly({MON}, "17:00", "23:00")]
    assert on_call_until(windows, NY, ny(2026, 6, 1, 23, 0)) is None
    assert on_call_until([], NY, ny(2026, 6, 1, 23, 0)) is None


def test_on_call_until_at_the_start_of_a_window_is_its_end() -> None:
    windows = [weekly({MON}, "17:00", "23:00")]
    assert on_call_until(windows, NY, ny(2026, 6, 1, 17, 0)) == ny(2026, 6, 1, 23, 0)


def test_windows_given_as_a_generator_are_read_once() -> None:
    windows = (w for w in [weekly({MON}, "17:00", "20:00"), weekly({MON}, "19:00", "23:00")])
    assert on_call_until(windows, NY, ny(2026, 6, 1, 18, 0)) == ny(2026, 6, 1, 23, 0)


def test_instants_must_be_aware() -> None:
    windows = [weekly({MON}, "17:00", "23:00")]
    with pytest.raises(ValueError, match="aware"):
        is_on_call(windows, NY, datetime(2026, 6, 1, 18, 0))
    with pytest.raises(ValueError, match="aware"):
        occurrences(windows[0], NY, datetime(2026, 6, 1), ny(2026, 6, 2, 0, 0))
