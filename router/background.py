"""The web process's own loop: write the spool back once the database is there (S5), sweep
for sends and escalations a queue outage lost (S4), and remember each number's crisis line
before the database can fail (S1)."""

from __future__ import annotations

import asyncio
import logging
import time

import anyio
from sqlalchemy.exc import SQLAlchemyError

from router.core.db import session_scope
from router.core.settings import get_settings
from router.failsafe.replay import replay_spool
from router.failsafe.spooling import remember_crisis_lines, spool
from router.store.repositories import directory
from workers.jobs import sweep, sweep_due

log = logging.getLogger("afterhours")
SPOOL_REPLAY_INTERVAL_S = 2.0
DUE_SWEEP_INTERVAL_S = 2.0


async def replay_forever() -> None:
    """Writes the spool to the database whenever the database is back (S5), and, beside it,
    sweeps for sends and escalations that a queue outage lost (S4). Two loops: a stalled
    Twilio slows the sweep's sends, never the replay."""
    async with anyio.create_task_group() as loops:
        loops.start_soon(_replay_loop)
        loops.start_soon(_sweep_loop)


async def _replay_loop() -> None:
    while True:
        if spool().pending():
            try:
                await anyio.to_thread.run_sync(replay_spool)
            except Exception as exc:  # noqa: BLE001 - this loop must outlive any failure
                log.warning("spool replay deferred: %s", type(exc).__name__)
        await asyncio.sleep(SPOOL_REPLAY_INTERVAL_S)


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


def remember_crisis_lines_now() -> None:
    """The fail-safe must know each number's crisis line even if the database dies later."""
    try:
        with session_scope() as session:
            remember_crisis_lines(directory.crisis_lines_by_number(session))
    except SQLAlchemyError as exc:
        log.warning("crisis lines not preloaded: %s", type(exc).__name__)
