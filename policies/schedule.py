"""Who is on call when: on-call windows as wall-clock time in a clinician's zone (SPEC §6).

A window runs "from when local clocks show start until they show end". Local times follow
RFC 5545: an ambiguous local time means its first occurrence, a nonexistent one is read with
the UTC offset in force before the gap. Every instant returned here is aware UTC and every
interval is half-open.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# How far on_call_until follows a chain of back-to-back windows.
ON_CALL_LOOKAHEAD = timedelta(days=14)

_ONE_DAY = timedelta(days=1)
_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})")


@dataclass(frozen=True)
class WeeklyWindow:
    """A window that recurs on the given weekdays, each occurrence owned by its start day."""

    days: frozenset[int]  # 0=Monday..6=Sunday: the local day each occurrence STARTS on
    start: time  # local wall-clock start
    end: time | None  # local wall-clock end; None = "24:00"; end <= start ends the next day
    duty: bool = False

    def __post_init__(self) -> None:
        days = frozenset(self.days)
        bad = sorted(d for d in days if not (isinstance(d, int) and 0 <= d <= 6))
        if bad:
            raise ValueError(f"weekdays must be 0 (Monday) to 6 (Sunday), got {bad}")
        if self.start.tzinfo is not None or (self.end is not None and self.end.tzinfo is not None):
            raise ValueError("a weekly window's start and end are local wall-clock times")
        object.__setattr__(self, "days", days)


@dataclass(frozen=True)
class OneOffWindow:
    """A single window between two local wall-clock instants."""

    start: datetime  # naive local wall clock
    end: datetime  # naive local wall clock, > start
    duty: bool = False

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("a one-off window's start and end are local wall-clock times")
        if self.end <= self.start:
            raise ValueError(
                f"a one-off window must end after it starts "
                f"({self.start.isoformat()} to {self.end.isoformat()})"
            )


OnCallWindow = WeeklyWindow | OneOffWindow


@dataclass(frozen=True)
class Interval:
    """A half-open span of time [start, end) in aware UTC."""

    start: datetime
    end: datetime

    def __contains__(self, at: datetime) -> bool:
        return self.start <= at < self.end


def parse_clock(text: str) -> time | None:
    """Read "HH:MM" (00:00 to 23:59) as a time, or "24:00" as None (the end of the day)."""
    if not isinstance(text, str):
        # YAML reads an unquoted 17:00 as the number 1020; say how to fix it.
        raise ValueError(f"a time of day must be quoted text like '17:00', got {text!r}")
    match = _CLOCK.fullmatch(text.strip())
    if match is not None:
        hour, minute = int(match[1]), int(match[2])
        if (hour, minute) == (24, 0):
            return None
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
    raise ValueError(f"invalid time of day {text!r}: expected HH:MM from 00:00 to 23:59, or 24:00")


def resolve_local(naive: datetime, tz: ZoneInfo) -> datetime:
    """The UTC instant a local wall-clock time names, by the RFC 5545 rules."""
    if naive.tzinfo is not None:
        raise ValueError(f"expected a local wall-clock time without a zone, got {naive}")
    # zoneinfo reads fold=0 with the offset in force before a transition (PEP 495): the first
    # occurrence of an ambiguous time and the pre-gap offset for a nonexistent one.
    return naive.replace(tzinfo=tz, fold=0).astimezone(UTC)


def _require_aware(name: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {value}")


# Pure in its arguments (frozen windows, zones, dates): a route asks the same few windows
# about the same few days on every call, and resolving local times is most of its cost.
@lru_cache(maxsize=65536)
def _weekly_occurrence(window: WeeklyWindow, tz: ZoneInfo, day: date) -> Interval | None:
    start = resolve_local(datetime.combine(day, window.start), tz)
    if window.end is None:
        end_local = datetime.combine(day + _ONE_DAY, time())
    elif window.end <= window.start:
        end_local = datetime.combine(day + _ONE_DAY, window.end)
    else:
        end_local = datetime.combine(day, window.end)
    end = resolve_local(end_local, tz)
    if end <= start:  # only in degenerate DST cases, e.g. 02:30-03:00 on a spring-forward night
        return None
    return Interval(start, end)


@lru_cache(maxsize=65536)
def _one_off_interval(window: OneOffWindow, tz: ZoneInfo) -> Interval:
    return Interval(resolve_local(window.start, tz), resolve_local(window.end, tz))


def occurrences(
    window: OnCallWindow, tz: ZoneInfo, start: datetime, end: datetime
) -> list[Interval]:
    """The window's UTC intervals that intersect [start, end), sorted, not clipped."""
    _require_aware("start", start)
    _require_aware("end", end)
    if end <= start:
        return []
    if isinstance(window, OneOffWindow):
        found = _one_off_interval(window, tz)
        if found.start < found.end and found.start < end and found.end > start:
            return [found]
        return []

    if not window.days:
        return []
    # An occurrence ends by the local midnight two days after its start day, so starting two
    # local days early catches overnight windows; one day of slack at the far end covers
    # readings shifted across midnight by a gap.
    day = start.astimezone(tz).date() - 2 * _ONE_DAY
    last_day = end.astimezone(tz).date() + _ONE_DAY
    result: list[Interval] = []
    while day <= last_day:
        if day.weekday() in window.days:
            found_weekly = _weekly_occurrence(window, tz, day)
            if found_weekly is not None and found_weekly.start < end and found_weekly.end > start:
                result.append(found_weekly)
        day += _ONE_DAY
    result.sort(key=lambda interval: (interval.start, interval.end))
    return result


def merged(
    windows: Iterable[OnCallWindow], tz: ZoneInfo, start: datetime, end: datetime
) -> list[Interval]:
    """Every occurrence intersecting [start, end), sorted, overlapping or touching ones merged."""
    spans = sorted(
        (span for window in windows for span in occurrences(window, tz, start, end)),
        key=lambda interval: (interval.start, interval.end),
    )
    result: list[Interval] = []
    for span in spans:
        if result and span.start <= result[-1].end:
            if span.end > result[-1].end:
                result[-1] = Interval(result[-1].start, span.end)
        else:
            result.append(span)
    return result


def is_on_call(windows: Iterable[OnCallWindow], tz: ZoneInfo, now: datetime) -> bool:
    """Whether any of the windows covers the instant now."""
    _require_aware("now", now)
    # An occurrence intersects [now, now + 1µs) exactly when it contains now.
    instant_end = now + timedelta(microseconds=1)
    return any(occurrences(window, tz, now, instant_end) for window in windows)


def on_call_until(windows: Iterable[OnCallWindow], tz: ZoneInfo, now: datetime) -> datetime | None:
    """The end of the merged on-call stretch containing now, or None if not on call.

    Back-to-back windows are followed for ON_CALL_LOOKAHEAD; a stretch still running then
    ends, for this answer, at the end of the last occurrence starting within the look-ahead.
    """
    _require_aware("now", now)
    for span in merged(windows, tz, now, now + ON_CALL_LOOKAHEAD):
        if now in span:
            return span.end
        if span.start > now:
            break
    return None


def local_minute(now: datetime, tz: ZoneInfo) -> datetime:
    """`now` as the local wall-clock minute in `tz` (naive)."""
    _require_aware("now", now)
    return now.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)


_UNTIL = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def on_until(now: datetime, tz: ZoneInfo, until: str) -> datetime | None:
    """The local end (naive) of "ON until HH:MM" sent at `now`: the next time local clocks show
    HH:MM, later today or tomorrow. None when `until` is not a clock time."""
    match = _UNTIL.fullmatch(until.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return None
    start = local_minute(now, tz)
    end = datetime.combine(start.date(), time(int(match.group(1)), int(match.group(2))))
    return end if end > start else end + _ONE_DAY
