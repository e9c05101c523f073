"""The FastAPI application: webhooks, API, health."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from redis import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from router.api.coverage import router as coverage_api
from router.api.follow_ups import router as follow_ups_api
from router.api.me import router as me_api
from router.api.v1 import router as api_router
from router.api.windows import router as windows_api
from router.core.db import get_engine, session_scope
from router.core.settings import get_settings
from router.store.repositories import directory
from router.twilio import calls
from router.twilio.recovery import replay_spool, spool
from router.twilio.sms import router as sms_router
from router.twilio.voice import router as voice_router
from workers.jobs import sweep

log = logging.getLogger("afterhours")
SPOOL_REPLAY_INTERVAL_S = 2.0


async def _replay_forever() -> None:
    """Writes the spool to the database whenever the database is back (S5), and sweeps for
    sends and escalations that a queue outage lost (S4)."""
    sweep_every = get_settings().sweep_interval_s
    next_sweep = time.monotonic() + sweep_every
    while True:
        if spool().pending():
            try:
                await anyio.to_thread.run_sync(replay_spool)
            except Exception as exc:  # noqa: BLE001 - this loop must outlive any failure
                log.warning("spool replay deferred: %s", type(exc).__name__)
        if sweep_every > 0 and time.monotonic() >= next_sweep:
            next_sweep = time.monotonic() + sweep_every
            try:
                await anyio.to_thread.run_sync(sweep)
            except Exception as exc:  # noqa: BLE001 - as above
                log.warning("sweep deferred: %s", type(exc).__name__)
        await asyncio.sleep(SPOOL_REPLAY_INTERVAL_S)


def _remember_crisis_lines() -> None:
    """The fail-safe must know each number's crisis line even if the database dies later."""
    try:
        with session_scope() as session:
            calls.crisis_lines.update(directory.crisis_lines_by_number(session))
    except SQLAlchemyError as exc:
        log.warning("crisis lines not preloaded: %s", type(exc).__name__)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    await anyio.to_thread.run_sync(_remember_crisis_lines)
    task = asyncio.create_task(_replay_forever())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def create_app() -> FastAPI:
    app = FastAPI(
        title="afterhours",
        description="After-hours phone and SMS router for mental-health care teams.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(voice_router)
    app.include_router(sms_router)
    app.include_router(api_router)
    app.include_router(windows_api)
    app.include_router(follow_ups_api)
    app.include_router(coverage_api)
    app.include_router(me_api)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    def readyz() -> JSONResponse:
        checks: dict[str, str] = {}
        try:
            with get_engine().connect() as connection:
                connection.execute(text("SELECT 1"))
            checks["database"] = "ok"
        except SQLAlchemyError as exc:
            checks["database"] = f"unreachable ({type(exc).__name__})"
        settings = get_settings()
        if settings.redis_url:
            try:
                from redis import Redis

                Redis.from_url(settings.redis_url, socket_timeout=1).ping()
                checks["redis"] = "ok"
            except (RedisError, OSError) as exc:
                checks["redis"] = f"unreachable ({type(exc).__name__})"
        else:
            checks["redis"] = "embedded (in-process queue)"
        checks["spool"] = "pending" if spool().pending() else "empty"
        if Path(f"{spool().path}.rejected").exists():
            # Records the replay could not use: a person should look (the app still serves).
            checks["spool_rejected"] = f"see {spool().path}.rejected"
        ready = all(
            v == "ok" or v.startswith("embedded")
            for k, v in checks.items()
            if k not in ("spool", "spool_rejected")
        )
        return JSONResponse(
            checks | {"ready": str(ready).lower()}, status_code=200 if ready else 503
        )

    return app
