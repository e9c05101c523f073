"""The on-call index: what this process keeps about each practice's windows so that a route
lookup costs the same at a thousand windows as at a million.

A one-off window spans an instant only if it started at most its length before it. The
index keeps, per practice, the longest one-off window's length; a lookup then reads only the
one-off windows that started within that bound before now, on an index, instead of every
past and future one-off window.

Kept fresh without trusting every writer to call in: the bound only ever has to be at least
as long as the longest window. Each lookup compares the table's newest window id (one read
of the primary key's end) with the one the bound was computed at, and widens the bound by
the windows added since (a range of the primary key). Deleted and shortened windows leave
the bound longer than needed, never shorter. A writer that lengthens a window in place (the
roster's time-zone refresh) calls `invalidate(practice_id)`, as every write path does, and
the web process's loop recomputes that bound from scratch off the call path (`refresh`,
which also recomputes every practice every few minutes); a time-zone change moves a window
by hours, well within `MARGIN`, meanwhile.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from router.store.models import OnCallWindow as WindowRow

MARGIN = timedelta(days=1)
# Ids are handed out before their transaction commits: a window can appear below the newest
# id already seen. The widening re-reads this many ids back, and `refresh` (every few
# minutes, off the call path) recomputes every practice from scratch.
RECHECK_IDS = 10_000


@dataclass(frozen=True)
class _Bound:
    through_id: int  # the newest window id the bound accounts for
    longest: timedelta  # at least the longest one-off window of the practice


_lock = threading.Lock()
# Keyed by database as well: tests and the demo switch databases within one process.
_bounds: dict[tuple[str, str], _Bound] = {}
_dirty: set[str] = set()


def _key(session: Session, practice_id: str) -> tuple[str, str]:
    return (str(session.get_bind().engine.url), practice_id)


def invalidate(practice_id: str) -> None:
    """A write changed the practice's windows: call it on every write path. New windows are
    seen by every process anyway (the id check); this makes this process recompute the
    bound from scratch off the call path (`refresh`), for windows changed in place."""
    with _lock:
        _dirty.add(practice_id)


def pending() -> bool:
    """Whether a write in this process has left a bound to recompute."""
    with _lock:
        return bool(_dirty)


def clear() -> None:
    """Forget every practice (tests switch databases)."""
    with _lock:
        _bounds.clear()
        _dirty.clear()


def longest_one_off(session: Session, practice_id: str) -> timedelta:
    """At least the length of the practice's longest one-off window, plus `MARGIN`."""
    newest = session.scalar(select(func.max(WindowRow.id))) or 0
    key = _key(session, practice_id)
    with _lock:
        known = _bounds.get(key)
    if known is not None and known.through_id == newest:
        return known.longest + MARGIN
    since = (
        max(0, known.through_id - RECHECK_IDS)
        if known is not None and known.through_id < newest
        else None
    )
    longest = _longest(session, practice_id, after_id=since, through_id=newest)
    if known is not None and since is not None:
        longest = max(longest, known.longest)
    with _lock:
        _bounds[key] = _Bound(newest, longest)
    return longest + MARGIN


def refresh(session: Session, *, every: bool = False) -> int:
    """Recomputes the bounds of the practices whose windows changed in this process (and,
    with `every`, of every practice this process knows)."""
    with _lock:
        dirty = set(_dirty)
        _dirty.clear()
        if every:
            dirty |= {practice_id for _, practice_id in _bounds}
    for practice_id in dirty:
        newest = session.scalar(select(func.max(WindowRow.id))) or 0
        longest = _longest(session, practice_id, after_id=None, through_id=newest)
        with _lock:
            _bounds[_key(session, practice_id)] = _Bound(newest, longest)
    return len(dirty)


def _longest(
    session: Session, practice_id: str, *, after_id: int | None, through_id: int
) -> timedelta:
    where = [
        WindowRow.practice_id == practice_id,
        WindowRow.kind == "oneoff",
        WindowRow.id <= through_id,
    ]
    if after_id is not None:
        where.append(WindowRow.id > after_id)
    if session.get_bind().dialect.name == "sqlite":
        days = func.julianday(WindowRow.ends_at) - func.julianday(WindowRow.starts_at)
        value = session.scalar(select(func.max(days)).where(*where))
        return timedelta(days=float(value)) if value is not None else timedelta(0)
    span = session.scalar(select(func.max(WindowRow.ends_at - WindowRow.starts_at)).where(*where))
    return span if isinstance(span, timedelta) else timedelta(0)


def warm(session: Session, practice_ids: list[str]) -> None:
    """Computes each practice's bound now, so that no call pays for it (SPEC §10)."""
    for practice_id in practice_ids:
        longest_one_off(session, practice_id)
