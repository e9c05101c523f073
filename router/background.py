"""The web process's own loop: write the spool back once the database is there (S5), sweep
for sends and escalations a queue outage lost (S4), and remember each number's crisis line
before the database can fail (S1)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import anyio
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from router import health
from router.calls import service as calls
from router.contacts import snapshot
from router.core import clock
from router.core.db import get_engine, get_sessionmaker, session_scope
from router.core.settings import get_settings
from router.failsafe.replay import replay_spool
from router.failsafe.spooling import remember_crisis_lines, spool
from router.oncall.checks import run_staff_checks
from router.store.repositories import directory, oncall_index
from router.store.repositories.roster import practice_ids
from router.texts.sweep import sweep, sweep_due

log = logging.getLogger("afterhours")
SPOOL_REPLAY_INTERVAL_S = 2.0
DUE_SWEEP_INTERVAL_S = 2.0
COVERAGE_CHECK_S = 3600.0  # supervisors hear of a gap in the next 48 h once (SPEC §11)
INDEX_REFRESH_S = 300.0  # every practice's on-call index recomputed, off the call path


async def replay_forever() -> None:
    """Writes the spool to the database whenever the database is back (S5), and, beside it,
    sweeps for sends and escalations that a queue outage lost (S4) and keeps the on-call
    index fresh. Separate loops: a stalled Twilio slows the sweep's sends, never the replay."""
    async with anyio.create_task_group() as loops:
        loops.start_soon(_replay_loop)
        loops.start_soon(_sweep_loop)
        loops.start_soon(_index_loop)
        loops.start_soon(_coverage_loop)


async def _replay_loop() -> None:
    while True:
        if spool().pending():
            try:
                await anyio.to_thread.run_sync(replay_spool)
            except Exception as exc:  # noqa: BLE001 - this loop must outlive any failure
                log.warning("spool replay deferred: %s", type(exc).__name__)
        await asyncio.sleep(SPOOL_REPLAY_INTERVAL_S)


async def _index_loop() -> None:
    next_index_refresh = time.monotonic() + INDEX_REFRESH_S
    while True:
        await asyncio.sleep(SPOOL_REPLAY_INTERVAL_S)
        every = time.monotonic() >= next_index_refresh
        if every or oncall_index.pending():
            if every:
                next_index_refresh = time.monotonic() + INDEX_REFRESH_S
            try:
                await anyio.to_thread.run_sync(_refresh_index, every)
            except Exception as exc:  # noqa: BLE001 - this loop must outlive any failure
                log.warning("on-call index refresh deferred: %s", type(exc).__name__)


async def _coverage_loop() -> None:
    """The hourly staff checks (router.oncall.checks), here only when there is no worker to
    run them: with Redis, the worker holding the scheduler lock does, so that seconds of
    pure Python never share this process's GIL with the event loop that answers calls."""
    settings = get_settings()
    if settings.sweep_interval_s <= 0 or settings.redis_url:
        return  # tests that drive the jobs themselves; or a worker runs them
    while True:
        try:
            await anyio.to_thread.run_sync(run_staff_checks)
        except Exception as exc:  # noqa: BLE001 - this loop must outlive any failure
            log.warning("staff checks deferred: %s", type(exc).__name__)
        await asyncio.sleep(COVERAGE_CHECK_S)


async def _sweep_loop() -> None:
    """Due escalation deadlines and late sends every few seconds; the full sweep (lost
    claims, contacts from before durable deadlines) every `sweep_interval_s`."""
    sweep_every = get_settings().sweep_interval_s
    if sweep_every <= 0:
        return
    next_sweep = time.monotonic() + sweep_every
    while True:
        await asyncio.sleep(min(DUE_SWEEP_INTERVAL_S, sweep_every))
        full = time.monotonic() >= next_sweep
        if full:
            next_sweep = time.monotonic() + sweep_every
        try:
            await anyio.to_thread.run_sync(sweep if full else sweep_due, abandon_on_cancel=True)
        except Exception as exc:  # noqa: BLE001 - as above
            log.warning("sweep deferred: %s", type(exc).__name__)


def _refresh_index(every: bool) -> None:
    with session_scope() as session:
        oncall_index.refresh(session, every=every)


WARM_CONNECTIONS = 5  # SQLAlchemy's default pool size: each is opened before the first call


def warm_up() -> None:
    """Everything a call needs, before /readyz says ready (SPEC §10: the first call is
    routed like the thousandth): the crisis lines, the connection pool, each practice's
    on-call index, and one call of each practice played through and rolled back, which
    loads the code, the SQL it compiles, the time zones and the TwiML templates."""
    remember_crisis_lines_now()
    try:
        _warm_pool()
        with session_scope() as session:
            practices = practice_ids(session)
            oncall_index.warm(session, practices)
        if get_settings().route_snapshot != "off":
            snapshot.keeper.reload()
        for practice_id in practices:
            _rehearse_call(practice_id)
    except SQLAlchemyError as exc:
        # The database is away: /readyz says so; the fail-safe answers calls meanwhile.
        log.warning("warm-up incomplete: %s", type(exc).__name__)
    finally:
        health.mark_warm()


def _warm_pool() -> None:
    engine = get_engine()
    # SQLite opens a write transaction on BEGIN: one connection at a time, and cheap anyway.
    count = 1 if engine.dialect.name == "sqlite" else WARM_CONNECTIONS
    with contextlib.ExitStack() as stack:
        for _ in range(count):
            connection = stack.enter_context(engine.connect())
            connection.execute(text("SELECT 1"))


def _rehearse_call(practice_id: str) -> None:
    """A call to the practice from its first patient, routed, answered and rolled back."""
    session = get_sessionmaker()()
    try:
        number = directory.practice_numbers(session, practice_id)
        caller = directory.first_patient_phone(session, practice_id)
        if number:
            params = {"CallSid": REHEARSAL_SID, "To": number[0], "From": caller or ""}
            calls.start_call(session, params, clock.now())
    finally:
        session.rollback()
        session.close()


REHEARSAL_SID = "CAwarmup"


def remember_crisis_lines_now() -> None:
    """The fail-safe must know each number's crisis line even if the database dies later."""
    try:
        with session_scope() as session:
            remember_crisis_lines(directory.crisis_lines_by_number(session))
    except SQLAlchemyError as exc:
        log.warning("crisis lines not preloaded: %s", type(exc).__name__)
