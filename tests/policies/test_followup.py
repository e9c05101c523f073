from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.followup import follow_up_due

NY = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
KOLKATA = ZoneInfo("Asia/Kolkata")


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NY)


def test_evening_contact_is_due_next_morning() -> None:
    assert follow_up_due(ny(2026, 6, 1, 22, 0), NY) == ny(2026, 6, 2, 8, 0)  # Mon -> Tue


def test_early_morning_contact_is_due_the_same_morning() -> None:
    assert follow_up_due(ny(2026, 6, 2, 3, 0), NY) == ny(2026, 6, 2, 8, 0)


def test_contact_at_exactly_eight_is_due_the_next_business_morning() -> None:
    assert follow_up_due(ny(2026, 6, 2, 8, 0), NY) == ny(2026, 6, 3, 8, 0)


def test_friday_evening_contact_is_due_monday_morning() -> None:
    assert follow_up_due(ny(2026, 6, 5, 19, 0), NY) == ny(2026, 6, 8, 8, 0)


def test_weekend_contact_is_due_monday_morning() -> None:
    assert follow_up_due(ny(2026, 6, 6, 10, 0), NY) == ny(2026, 6, 8, 8, 0)
    assert follow_up_due(ny(2026, 6, 7, 23, 59), NY) == ny(2026, 6, 8, 8, 0)


def test_due_time_is_utc() -> None:
    due = follow_up_due(ny(2026, 6, 1, 22, 0), NY)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 6, 2, 12, 0, tzinfo=UTC)


def test_due_time_across_spring_forward_is_eight_daylight_time() -> None:
    # Friday 2026-03-06 evening EST; Monday 2026-03-09 08:00 is EDT.
    due = follow_up_due(ny(2026, 3, 6, 20, 0), NY)
    assert due == datetime(2026, 3, 9, 12, 0, tzinfo=UTC)


def test_due_time_across_fall_back_is_eight_standard_time() -> None:
    due = follow_up_due(ny(2026, 10, 30, 20, 0), NY)
    assert due == datetime(2026, 11, 2, 13, 0, tzinfo=UTC)


def test_business_morning_is_the_practices_local_morning() -> None:
    # Monday 22:00 in New York is already Tuesday 08:00 in Sydney.
    now = ny(2026, 6, 1, 22, 0)
    assert follow_up_due(now, SYDNEY) == datetime(2026, 6, 3, 8, 0, tzinfo=SYDNEY)


def test_follow_up_hour_can_be_set() -> None:
    assert follow_up_due(ny(2026, 6, 1, 22, 0), NY, hour=9) == ny(2026, 6, 2, 9, 0)
    assert follow_up_due(ny(2026, 6, 1, 22, 0), NY, hour=0) == ny(2026, 6, 2, 0, 0)


@pytest.mark.parametrize("hour", [-1, 24])
def test_follow_up_hour_outside_the_day_is_refused(hour: int) -> None:
    with pytest.raises(ValueError, match="hour"):
        follow_up_due(ny(2026, 6, 1, 22, 0), NY, hour=hour)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        follow_up_due(datetime(2026, 6, 1, 22, 0), NY)


@settings(max_examples=150, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
    ),
    tz=st.sampled_from([NY, SYDNEY, KOLKATA, ZoneInfo("Europe/London")]),
    hour=st.integers(min_value=0, max_value=23),
)
def test_follow_up_is_the_first_weekday_morning_after_now(
    now: datetime, tz: ZoneInfo, hour: int
) -> None:
    due = follow_up_due(now, tz, hour=hour)
    local = due.astimezone(tz)
    assert due > now
    assert local.weekday() < 5
    # These zones change their clocks on Sundays, so a weekday's hour always shows.
    assert (local.hour, local.minute, local.second) == (hour, 0, 0)
    assert due - now <= timedelta(days=3, hours=2)
    # No weekday morning in between: the previous weekday's morning is not after now.
    previous = local.date() - timedelta(days=1)
    while previous.weekday() >= 5:
        previous -= timedelta(days=1)
    earlier = datetime(previous.year, previous.month, previous.day, hour, tzinfo=tz)
    assert earlier.astimezone(UTC) <= now
