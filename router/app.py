"""The FastAPI application: the routers, and the background loop for its lifetime."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from router import background, health, metrics
from router.api.v1 import router as api_router
from router.calls.endpoints import router as voice_router
from router.twilio.sms import router as sms_router


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    await anyio.to_thread.run_sync(background.remember_crisis_lines_now)
    task = asyncio.create_task(background.replay_forever())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def create_app() -> FastAPI:
    health.check_deploy()  # refuses a wrong production configuration, warns about development
    app = FastAPI(
        title="afterhours",
        description="After-hours phone and SMS router for mental-health care teams.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(voice_router)
    app.include_router(sms_router)
    app.include_router(api_router)
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.add_middleware(metrics.WebhookTimer)
    return app
