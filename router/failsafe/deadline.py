"""The voice deadline over the whole request, and a late unit of work that cannot lie (S1, S5).

A webhook's unit of work runs on a worker thread. When the deadline passes first, the
fail-safe answers the caller, and the thread must not commit what it planned: its "dialled"
would name a clinician who was never rung. The thread and the deadline race for one claim:

- the thread claims the commit before it commits; once the deadline has claimed the request
  the thread rolls back instead (`Superseded`), and nothing it wrote reaches the log;
- the deadline claims the request when it fires; if the thread is already committing, that
  commit is the truth, so the answer waits for it (a commit is one round trip) up to the
  hard limit, and only past that does the fail-safe answer, its spooled record then marking
  the late writes superseded (router/failsafe/replay.py).

The deadline counts from the request's arrival (`ArrivalStamp`), not from the moment the
thread starts: time spent parsing, checking the signature and waiting for a thread counts.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import anyio
from sqlalchemy.orm import Session

from router.core.db import get_sessionmaker, run_after_commit

ARRIVED = "afterhours.arrived"
# S1 gives the whole answer a second; the fail-safe needs what is left after the deadline.
HARD_LIMIT_S = 0.95


class Superseded(TimeoutError):
    """The deadline answered first: the late unit of work was rolled back, not committed."""


class ArrivalStamp:
    """ASGI middleware: stamps each HTTP request's arrival (monotonic) in its scope."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") == "http":
            scope.setdefault(ARRIVED, time.monotonic())
        await self.app(scope, receive, send)


def arrived_at(scope: Any) -> float:
    """When the request arrived; now, where no stamp was set (an app without the middleware)."""
    value = scope.get(ARRIVED) if scope is not None else None
    return float(value) if isinstance(value, int | float) else time.monotonic()


class _Claim:
    RUNNING, COMMITTING, ABANDONED = "running", "committing", "abandoned"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.state = self.RUNNING
        self.done = threading.Event()
        self.result: str | None = None
        self.error: BaseException | None = None

    def to_commit(self) -> bool:
        with self._lock:
            if self.state == self.ABANDONED:
                return False
            self.state = self.COMMITTING
            return True

    def release(self) -> None:
        with self._lock:
            if self.state == self.COMMITTING:
                self.state = self.RUNNING

    def to_abandon(self) -> bool:
        """True when the late work will be discarded; False when it is already committing."""
        with self._lock:
            if self.state == self.COMMITTING:
                return False
            self.state = self.ABANDONED
            return True


# The claim of the unit of work running on this thread (None outside `within_deadline`).
_running = threading.local()


def claim_commit() -> bool | None:
    """For work whose one write commits as it runs (no transaction to roll back): claims the
    commit now, before that write. True: write; False: the deadline answered first, write
    nothing; None: no deadline runs this work (a rehearsal, a test): write in the unit of
    work's transaction as usual."""
    claim: _Claim | None = getattr(_running, "claim", None)
    return None if claim is None else claim.to_commit()


def release_claim() -> None:
    """The claimed write wrote nothing: the work goes on, and may still be abandoned."""
    claim: _Claim | None = getattr(_running, "claim", None)
    if claim is not None:
        claim.release()


def _run(work: Callable[[Session], str], claim: _Claim) -> str:
    session = get_sessionmaker()()
    _running.claim = claim
    try:
        try:
            result = work(session)
            if not claim.to_commit():
                session.rollback()
                raise Superseded("the deadline answered first; the late work was discarded")
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        run_after_commit(session)
        claim.result = result
        return result
    except BaseException as exc:
        claim.error = exc
        raise
    finally:
        _running.claim = None
        claim.done.set()


async def within_deadline(
    deadline_s: float, work: Callable[[Session], str], *, since: float | None = None
) -> str:
    """`work` in one unit of work on a thread, answered by `since + deadline_s`; past that
    TimeoutError, and the late work does not commit (unless it already was committing)."""
    start = time.monotonic() if since is None else since
    claim = _Claim()
    remaining = start + deadline_s - time.monotonic()
    try:
        if remaining <= 0:
            raise TimeoutError("the deadline passed before the work began")
        with anyio.fail_after(remaining):
            return await anyio.to_thread.run_sync(_run, work, claim, abandon_on_cancel=True)
    except TimeoutError:
        if claim.to_abandon():
            raise
    # The thread was committing as the deadline fired: its answer is what the log says.
    hard = start + max(HARD_LIMIT_S, deadline_s)
    while not claim.done.is_set() and time.monotonic() < hard:
        await anyio.sleep(0.002)
    if claim.done.is_set() and claim.error is None and claim.result is not None:
        return claim.result
    raise TimeoutError("the late unit of work did not finish committing in time")
