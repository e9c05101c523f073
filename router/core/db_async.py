"""PostgreSQL connections the event loop awaits, for the one write of a call answered from
the route snapshot (router/calls/quick.py): no thread hop, no BEGIN and no COMMIT.

Only for PostgreSQL (SQLite has no asynchronous driver and writes locally anyway). The pool
lives with the web app (its lifespan opens and closes it). Its connections are autocommit
and fail fast: a dead database must not hold a call past its deadline (S1).
"""

from __future__ import annotations

import logging

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool
from sqlalchemy.engine import make_url

from router.core.settings import get_settings

log = logging.getLogger("afterhours.db")

MAX_CONNECTIONS = 8  # as many as calls a 2-core process writes at once, with room

_pool: AsyncConnectionPool[AsyncConnection] | None = None


def conninfo(database_url: str) -> str | None:
    """The driver's connection string for a PostgreSQL URL; None for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return None
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


async def open_pool() -> None:
    """Opens the pool for the configured database (nothing for SQLite). It connects in the
    background: a database that is away costs no start-up, and calls read the tables."""
    global _pool
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
    await pool.open(wait=False)
    _pool = pool


async def close_pool() -> None:
    global _pool
    pool, _pool = _pool, None
    if pool is not None:
        await pool.close(timeout=2)


def pool() -> AsyncConnectionPool[AsyncConnection] | None:
    return _pool
