"""The FastAPI application: the routers, and the background loop for its lifetime."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from router import background, health, metrics
from router.api import errors as api_errors
from router.api import router as api_router
from router.calls.endpoints import router as voice_router
from router.core import db_async
from router.failsafe.deadline import ArrivalStamp
from router.texts.endpoints import router as sms_router
from router.texts.page import router as page_router
from router.twilio.edge import TwiML
from router.web import refusals as web_refusals
from router.web import router as web_router

LOOP_SWITCH_S = 0.001


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    health.mark_cold()
    # Warm before serving: uvicorn accepts no request until this returns (SPEC §10).
    await anyio.to_thread.run_sync(background.warm_up)
    # The event loop answers calls itself (router/calls/quick.py): a background thread
    # (coverage, the morning texts, a snapshot reload) must hand the GIL back within a
    # millisecond, not CPython's default 5 ms, and the long-lived heap the warm-up built (the
    # route snapshot) is left out of the cyclic collector's full passes.
    sys.setswitchinterval(LOOP_SWITCH_S)
    gc.freeze()
    await db_async.open_pool()
    task = asyncio.create_task(background.replay_forever())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await db_async.close_pool()
        gc.unfreeze()  # a process that builds another app (tests, the demo) collects as usual


def create_app() -> FastAPI:
    health.check_deploy()  # refuses a wrong production configuration, warns about development
    app = FastAPI(
        title="afterhours",
        description="After-hours phone and SMS router for mental-health care teams.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.include_router(
        voice_router, responses=api_errors.WEBHOOK_RESPONSES, default_response_class=TwiML
    )
    app.include_router(
        sms_router, responses=api_errors.WEBHOOK_RESPONSES, default_response_class=TwiML
    )
    app.include_router(
        page_router, responses=api_errors.WEBHOOK_RESPONSES, default_response_class=TwiML
    )
    app.include_router(api_router)  # every /api/v1 router, with its documented errors
    app.include_router(health.router)
    app.include_router(web_router)
    api_errors.install(app)
    web_refusals.install(app)  # pages answer a refusal in HTML
    app.include_router(metrics.router)
    app.add_middleware(metrics.WebhookTimer)
    app.add_middleware(ArrivalStamp)  # the voice deadline counts from arrival
    return app
