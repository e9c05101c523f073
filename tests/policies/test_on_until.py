"""`ON until HH:MM` (texts from clinicians): the local end of a window set by text."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from policies.schedule import local_minute, on_until

ZONES = [ZoneInfo(name) for name in ("America/New_York", "Europe/London", "Australia/Sydney")]
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
clock_times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(instants, st.sampled_from(ZONES), clock_times)
def test_on_until_is_the_next_time_local_clocks_show_it(
    now: datetime, zone: ZoneInfo, until: time
) -> None:
    end = on_until(now, zone, f"{until:%H:%M}")
    start = local_minute(now, zone)
    assert end is not None
    assert end.time() == until
    assert start < end <= start + timedelta(days=1)


@given(instants, st.sampled_from(ZONES), clock_times)
def test_a_single_digit_hour_reads_like_two(now: datetime, zone: ZoneInfo, until: time) -> None:
    assert on_until(now, zone, f"{until.hour}:{until.minute:02d}") == on_until(
        now, zone, f"{until:%H:%M}"
    )


@given(
    instants,
    st.sampled_from(ZONES),
    st.sampled_from(["24:00", "23:60", "7", "7:5", "ab:cd", "", "07:30pm", "-1:00"]),
)
def test_what_is_not_a_clock_time_is_not_understood(
    now: datetime, zone: ZoneInfo, text: str
) -> None:
    assert on_until(now, zone, text) is None


def test_on_until_an_earlier_time_means_tomorrow() -> None:
    ny = ZoneInfo("America/New_York")
    now = datetime(2026, 6, 1, 23, 10, tzinfo=ny)
    assert on_until(now, ny, "08:00") == datetime(2026, 6, 2, 8, 0)
    assert on_until(now, ny, "23:30") == datetime(2026, 6, 1, 23, 30)
    assert on_until(now, ny, "23:10") == datetime(2026, 6, 2, 23, 10)
