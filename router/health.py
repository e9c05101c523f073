"""/healthz (the process answers) and /readyz (what it depends on answers too)."""

from __future__ import annotations

import threading
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from redis import Redis, RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from router.core.db import get_engine
from router.core.settings import get_settings
from router.failsafe.spooling import spool

router = APIRouter(tags=["health"])

_warm = threading.Event()


def mark_warm() -> None:
    """The warm-up has run (router/background.py): /readyz may say ready."""
    _warm.set()


def mark_cold() -> None:
    """A new app in this process (tests) warms up again before it is ready."""
    _warm.clear()


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
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
            Redis.from_url(settings.redis_url, socket_timeout=1).ping()
            checks["redis"] = "ok"
        except (RedisError, OSError) as exc:
            checks["redis"] = f"unreachable ({type(exc).__name__})"
    else:
        checks["redis"] = "embedded (in-process queue)"
    checks["warm_up"] = "ok" if _warm.is_set() else "warming up"
    checks["spool"] = "pending" if spool().pending() else "empty"
    if Path(f"{spool().path}.rejected").exists():
        # Records the replay could not use: a person should look (the app still serves).
        checks["spool_rejected"] = f"see {spool().path}.rejected"
    ready = all(
        v == "ok" or v.startswith("embedded")
        for k, v in checks.items()
        if k not in ("spool", "spool_rejected")
    )
    return JSONResponse(checks | {"ready": str(ready).lower()}, status_code=200 if ready else 503)
