"""An append-only local file that keeps what happened while the database was away (S5).

Each line of the spool is one JSON record. Beside it, named after it:

- `<spool>.lock` is taken by every append and, briefly, by a replay handing records over:
  an append never waits for a database (S1 gives the voice fail-safe a second);
- `<spool>.replaying` holds the records a replay has taken and not yet written; a replay that
  crashes leaves it behind, and the next replay takes it first;
- `<spool>.replay.lock` lets one replay at a time run on a host;
- `<spool>.rejected` keeps, as JSON lines, the records the database will never take, with the
  error's class name, for a person to look at.

Replay is idempotent: every record is applied as an upsert keyed by its Twilio sid, so a
record handed over twice (a crash between the commit and the clean-up) is written once.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("afterhours.spool")

Record = dict[str, Any]


@dataclass(frozen=True)
class Rejection:
    """A record the database will never take, and why: the error's class name only (S7)."""

    record: Record
    error: str


# Writes what it can of the records in one transaction and returns those it never will;
# raises (and so keeps them all) when the database is still away.
Apply = Callable[[list[Record]], list[Rejection]]


class Spool:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.replaying = self._beside(".replaying")
        self.rejected = self._beside(".rejected")
        self._lock = self._beside(".lock")
        self._replay_lock = self._beside(".replay.lock")

    def _beside(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def append(self, record: Record) -> None:
        line = (json.dumps(record, sort_keys=True, default=str) + "\n").encode()
        with _held(self._lock):
            _append_lines(self.path, line)

    def pending(self) -> bool:
        return _size(self.path) > 0 or self.replaying.exists()

    def records(self) -> list[Record]:
        """Every record not yet written: those a replay is writing, then the newer ones."""
        if not self.pending():
            return []
        with _held(self._lock):
            return _read(self.replaying)[0] + _read(self.path)[0]

    def replay(self, apply: Apply) -> int:
        """Hands the records to `apply` without holding up appends; returns how many were
        written. If `apply` raises, every record stays for the next replay."""
        if not self.pending():
            return 0
        with _held(self._replay_lock):
            with _held(self._lock):
                self._take()
            records, unreadable = _read(self.replaying)
            try:
                rejections = apply(records) if records else []
            except BaseException:
                with _held(self._lock):
                    self._give_back()
                raise
            self._set_aside(rejections, unreadable)
            with _held(self._lock):
                self.replaying.unlink(missing_ok=True)
        written = len(records) - len(rejections)
        if records or unreadable:
            log.info(
                "spool replayed: %d records written, %d set aside",
                written,
                len(rejections) + len(unreadable),
            )
        return written

    def _take(self) -> None:
        """Under the lock: the spool becomes `.replaying`, after what a crashed replay left."""
        if _size(self.path) == 0:
            return
        if self.replaying.exists():
            _append_lines(self.replaying, self.path.read_bytes())
            self.path.unlink()
        else:
            os.replace(self.path, self.replaying)

    def _give_back(self) -> None:
        """Under the lock: `.replaying` becomes the spool again, the records that arrived
        meanwhile after it, so the next replay sees them in the order they happened."""
        if not self.replaying.exists():
            return
        if _size(self.path) > 0:
            _append_lines(self.replaying, self.path.read_bytes())
        os.replace(self.replaying, self.path)

    def _set_aside(self, rejections: list[Rejection], unreadable: list[tuple[int, str]]) -> None:
        if not rejections and not unreadable:
            return
        at = datetime.now(UTC).isoformat()
        lines = [{"error": r.error, "rejected_at": at, "record": r.record} for r in rejections] + [
            {"error": "unreadable", "rejected_at": at, "line": text} for _, text in unreadable
        ]
        data = "".join(json.dumps(line, sort_keys=True, default=str) + "\n" for line in lines)
        _append_lines(self.rejected, data.encode())
        for number, _ in unreadable:
            # A torn line from a crash mid-write: kept aside, and only its place is logged.
            log.warning("spool line %d is unreadable and was set aside", number)


@contextmanager
def _held(lock: Path) -> Iterator[None]:
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock, and a crash does too


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _append_lines(path: Path, data: bytes) -> None:
    """Appends whole lines and syncs them; a torn last line is closed off first so that it
    cannot swallow the next record."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(path: Path) -> tuple[list[Record], list[tuple[int, str]]]:
    """The records in a file, and the lines that are not records (with their line numbers)."""
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return [], []
    records: list[Record] = []
    unreadable: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict):
            records.append(record)
        else:
            unreadable.append((number, line))
    return records, unreadable
