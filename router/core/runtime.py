"""What one process keeps for its lifetime (settings, spool, crisis-line memory, ...), and one
`reset()` that forgets it all: tests and the demo switch databases and files between runs.

A function marked `@process_singleton` is computed once and then remembered, like
`functools.lru_cache`; unlike it, every such function is registered here, so nothing is
forgotten when the process starts over.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class Singleton(Generic[T]):
    """A remembered no-argument function, with what to do to its value when it is forgotten."""

    def __init__(self, make: Callable[[], T], close: Callable[[T], Any] | None) -> None:
        self._cached = lru_cache(maxsize=1)(make)
        self._close = close
        wraps(make)(self)

    def __call__(self) -> T:
        return self._cached()

    def made(self) -> bool:
        return self._cached.cache_info().currsize > 0

    def cache_clear(self) -> None:
        if self._close is not None and self.made():
            self._close(self._cached())
        self._cached.cache_clear()


_registered: list[Singleton[Any]] = []


@overload
def process_singleton(make: Callable[[], T]) -> Singleton[T]: ...


@overload
def process_singleton(
    *, close: Callable[[T], Any]
) -> Callable[[Callable[[], T]], Singleton[T]]: ...


def process_singleton(
    make: Callable[[], T] | None = None, *, close: Callable[[T], Any] | None = None
) -> Singleton[T] | Callable[[Callable[[], T]], Singleton[T]]:
    """`@process_singleton` or `@process_singleton(close=lambda engine: engine.dispose())`."""

    def register(function: Callable[[], T]) -> Singleton[T]:
        singleton = Singleton(function, close)
        _registered.append(singleton)
        return singleton

    return register(make) if make is not None else register


def reset() -> None:
    """Forgets every process singleton, newest first (a value may be built on an older one)."""
    for singleton in reversed(_registered):
        singleton.cache_clear()
