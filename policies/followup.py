"""When a contact's follow-up falls due: the next business morning (SPEC §9)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from policies.schedule import resolve_local

_ONE_DAY = timedelta(days=1)


def follow_up_due(
    now: datetime, tz: ZoneInfo, hour: int = 8, holidays: Collection[date] = ()
) -> datetime:
    """The first local `hour`:00 on a weekday (Mon-Fri) that is not one of the practice's
    `holidays`, strictly after now, in aware UTC."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be an aware datetime, got {now}")
    if not 0 <= hour <= 23:
        raise ValueError(f"the follow-up hour must be from 0 to 23, got {hour}")
    # Start a day early: where a zone skipped a calendar day, a morning's pre-gap reading lands
    # on the next local date.
    day = now.astimezone(tz).date() - _ONE_DAY
    while True:
        if day.weekday() < 5 and day not in holidays:
            due = resolve_local(datetime.combine(day, time(hour)), tz)
            if due > now:
                return due
        day += _ONE_DAY


def urgent_due(due: datetime, now: datetime) -> datetime:
    """An urgent follow-up is due now, or sooner if it already was: somebody calls back first
    thing, not at the next business morning."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be an aware datetime, got {now}")
    return min(due, now)
