"""PostgreSQL connections the event loop awaits, for the one write of a call answered from
the route snapshot (router/calls/quick.py): no thread hop, no BEGIN and no COMMIT.

Only for PostgreSQL (SQLite has no asynchronous driver and writes locally anyway). The pool
lives with the web app (its lifespan opens and closes it). Its connections are autocommit
and fail fast: a dead database must not hold a call past its deadline (S1).
"""

from __future__ import annotations

import logging

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool, PoolTimeout
from sqlalchemy.engine import make_url

from router.core.settings import get_settings

log = logging.getLogger("afterhours.db")

OPEN_WAIT_S = 2.0
MAX_CONNECTIONS = 16  # calls written at once; a 2-core process runs a few, bursts queue briefly

_pool: AsyncConnectionPool[AsyncConnection] | None = None
_opened_for = ""  # the DATABASE_URL the pool connects to


def conninfo(database_url: str) -> str | None:
    """The driver's connection string for a PostgreSQL URL; None for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return None
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def open_pool() -> None:
    """Opens the pool for the configured database (nothing for SQLite), with a connection
    made before the app says it is ready; a database that is away costs at most
    OPEN_WAIT_S of start-up."""
    global _pool, _opened_for
    settings = get_settings()
    target = conninfo(settings.database_url)
    if target is None or settings.route_snapshot == "off":
        return
    pool: AsyncConnectionPool[AsyncConnection] = AsyncConnectionPool(
        target,
        min_size=1,
        max_size=MAX_CONNECTIONS,
        kwargs={"autocommit": True, "connect_timeout": 2},
        open=False,
        name="afterhours-calls",
    )
    try:
        # The first call finds a connection ready (SPEC §10: no cold first call) ...
        await pool.open(wait=True, timeout=OPEN_WAIT_S)
    except PoolTimeout:
        # ... unless the database is away: the pool keeps connecting in the background and
        # calls are routed from the tables (or the fail-safe) meanwhile.
        log.warning("the call write pool has no connection yet; it keeps trying")
    _pool, _opened_for = pool, settings.database_url


async def close_pool() -> None:
    global _pool
    pool, _pool = _pool, None
    if pool is not None:
        await pool.close(timeout=2)


def pool() -> AsyncConnectionPool[AsyncConnection] | None:
    """The pool, while it serves the configured database (tests and the demo switch)."""
    if _pool is None or _opened_for != get_settings().database_url:
        return None
    return _pool
