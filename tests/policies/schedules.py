"""The schedule tests' fictional zones, weekdays and instants (not a test module)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from policies.schedule import WeeklyWindow, parse_clock

NY = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
LONDON = ZoneInfo("Europe/London")
SYDNEY = ZoneInfo("Australia/Sydney")

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAYS = frozenset({MON, TUE, WED, THU, FRI})


def ny(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0, micro: int = 0
) -> datetime:
    """An unambiguous New York wall-clock instant."""
    return datetime(year, month, day, hour, minute, second, micro, tzinfo=NY)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def weekly(days: Iterable[int], start: str, end: str, *, duty: bool = False) -> WeeklyWindow:
    start_time = parse_clock(start)
    assert start_time is not None
    return WeeklyWindow(frozenset(days), start_time, parse_clock(end), duty=duty)
