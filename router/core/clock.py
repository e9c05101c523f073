"""The one place the application reads the time; tests and the demo may move it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

_source: Callable[[], datetime] | None = None


def now() -> datetime:
    return _source() if _source is not None else datetime.now(UTC)


def set_source(source: Callable[[], datetime] | None) -> None:
    global _source
    _source = source
