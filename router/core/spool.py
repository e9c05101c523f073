"""An append-only local file that keeps what happened while the database was away (S5).

Each line is one JSON record. Appends and replays take an exclusive lock on the file, so
several workers of one host share it safely. Replay is idempotent: every record is applied
as an upsert keyed by the Twilio sid, and the file is emptied only after the commit.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

log = logging.getLogger("afterhours.spool")

Record = dict[str, Any]


class Spool:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @contextmanager
    def _locked(self) -> Iterator[int]:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def append(self, record: Record) -> None:
        line = (json.dumps(record, sort_keys=True, default=str) + "\n").encode()
        with self._locked() as fd:
            os.write(fd, line)
            os.fsync(fd)

    def pending(self) -> bool:
        try:
            return self.path.stat().st_size > 0
        except FileNotFoundError:
            return False

    def records(self) -> list[Record]:
        if not self.pending():
            return []
        with self._locked():
            return self._read()

    def _read(self) -> list[Record]:
        records = []
        for number, line in enumerate(self.path.read_text().splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                # A torn last line from a crash mid-write: keep going, say where.
                log.warning("spool line %d is unreadable and was skipped", number)
        return records

    def replay(self, apply: Callable[[list[Record]], None]) -> int:
        """Hands every record to `apply` (which commits); empties the file if it returns."""
        if not self.pending():
            return 0
        with self._locked() as fd:
            records = self._read()
            if records:
                apply(records)
            os.ftruncate(fd, 0)
            log.info("spool replayed: %d records written to the database", len(records))
            return len(records)
