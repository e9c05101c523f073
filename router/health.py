"""/healthz (the process answers) and /readyz (what it depends on answers too), and what the
app says at start about a configuration that cannot serve real patients."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

import anyio.to_thread
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from redis import Redis, RedisError
from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from router import metrics
from router.core.db import get_engine
from router.core.settings import Settings, get_settings
from router.failsafe.spooling import spool
from router.store.migrate import MIGRATIONS

log = logging.getLogger("afterhours.health")
router = APIRouter(tags=["health"])

_warm = threading.Event()


def mark_warm() -> None:
    """The warm-up has run (router/background.py): /readyz may say ready."""
    _warm.set()


def mark_cold() -> None:
    """A new app in this process (tests) warms up again before it is ready."""
    _warm.clear()


def warnings(settings: Settings) -> list[str]:
    """What an operator must know before trusting this process with a real night."""
    said = []
    if settings.sends_simulated:
        said.append("sends are SIMULATED: no text or call leaves this machine")
    if settings.signs_with_development_token:
        said.append("webhooks are signed with the DEVELOPMENT token, not Twilio's")
    return said


def check_deploy() -> None:
    """At start: refuse a production deploy that is wrong (UnsafeDeploy from the settings),
    and say loudly what a development one only pretends to do."""
    settings = get_settings()
    for warning in warnings(settings):
        log.warning("NOT FOR REAL PATIENTS: " + warning)  # code's own sentence (S7)


@lru_cache(maxsize=1)
def _code_heads() -> frozenset[str]:
    return frozenset(ScriptDirectory(str(MIGRATIONS)).get_heads())


def _schema(connection: Connection) -> tuple[bool, str]:
    """Whether the database is at the migrations this code ships with."""
    current = frozenset(MigrationContext.configure(connection).get_current_heads())
    heads = _code_heads()
    if current == heads:
        return True, "ok"
    code = ",".join(sorted(heads))
    if not current:
        return False, f"missing (no schema; code needs {code}: run afterhours db upgrade)"
    script = ScriptDirectory(str(MIGRATIONS))
    known = {revision.revision for revision in script.walk_revisions()}
    at = ",".join(sorted(current))
    if current <= known:
        return False, f"behind (database at {at}, code needs {code}: run afterhours db upgrade)"
    # Migrated by a newer release (a rolling deploy): this code still serves.
    return True, f"ahead (database at {at}, code knows {code})"


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    responses={
        200: {"description": "Ready: the database (at this code's schema) and Redis answer."},
        503: {
            "description": "Not ready, with what fails: the database, its schema, Redis, or "
            "saturated (admission control); the body names each check.",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
    },
)
async def readyz() -> JSONResponse:
    """Ready, or 503 with what fails. Saturated (admission control) is answered at once, in
    the event loop, without waiting for a routing thread: a load balancer then sends new
    calls to another instance. Webhooks are never refused for it (S1)."""
    saturated = metrics.saturation()
    if saturated is not None:
        log.warning("readiness: saturated")  # the numbers are in the answer and the gauges
        body = {"ready": "false", "load": f"saturated: {saturated}"}
        return JSONResponse(body, status_code=503)
    return await anyio.to_thread.run_sync(_readiness)


def _readiness() -> JSONResponse:
    checks: dict[str, str] = {}
    failing: list[str] = []
    checks["load"] = f"ok ({metrics.in_flight()} webhooks in flight)"
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
            checks["database"] = "ok"
            ready, checks["schema"] = _schema(connection)
            if not ready:
                failing.append("schema")
    except SQLAlchemyError as exc:
        checks["database"] = f"unreachable ({type(exc).__name__})"
        failing.append("database")
    settings = get_settings()
    if settings.redis_url:
        try:
            Redis.from_url(settings.redis_url, socket_timeout=1).ping()
            checks["redis"] = "ok"
        except (RedisError, OSError) as exc:
            checks["redis"] = f"unreachable ({type(exc).__name__})"
            failing.append("redis")
    else:
        checks["redis"] = "embedded (in-process queue)"
    checks["warm_up"] = "ok" if _warm.is_set() else "warming up"
    checks["spool"] = "pending" if spool().pending() else "empty"
    if Path(f"{spool().path}.rejected").exists():
        # Records the replay could not use: a person should look (the app still serves).
        checks["spool_rejected"] = f"see {spool().path}.rejected"
    checks["sends"] = "simulated" if settings.sends_simulated else "twilio"
    checks["webhook_signing"] = (
        "development token" if settings.signs_with_development_token else "twilio auth token"
    )
    checks["environment"] = settings.afterhours_env
    body: dict[str, object] = dict(checks)
    said = warnings(settings)
    if said:
        body["warnings"] = said
    body["ready"] = "false" if failing else "true"
    return JSONResponse(body, status_code=503 if failing else 200)
