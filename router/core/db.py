"""Engine and sessions. The request or job commits at its boundary; services never commit."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from select import select as readable_now
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

from router.core.jobs import dispatch_committed
from router.core.settings import get_settings


def make_engine(url: str) -> Engine:
    # S7: SQL errors would otherwise quote their parameters (numbers, names, texts) in logs.
    kwargs: dict[str, Any] = {"future": True, "hide_parameters": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 5}
    else:
        # A dead database must fail fast: the voice webhook has a second to answer (S1).
        kwargs["connect_args"] = {"connect_timeout": 2}
        kwargs["pool_timeout"] = 2
        # Connections older than this are replaced rather than trusted (server-side limits).
        kwargs["pool_recycle"] = 1800
    engine = create_engine(url, **kwargs)
    if not url.startswith("sqlite"):
        _ping_when_idle(engine)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            # pysqlite's own transaction handling breaks SAVEPOINTs (a first savepoint would
            # commit on release): take over BEGIN, as SQLAlchemy documents for this driver.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            if ":memory:" not in url:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Any) -> None:
            # IMMEDIATE: concurrent writers wait (busy_timeout) instead of failing half-way.
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# Handing out a pooled connection costs no round trip when it is plainly alive: a server that
# shut down or restarted has written its goodbye (or closed the socket), which makes the socket
# readable, and that is checked without a round trip. Such a connection, or one idle longer
# than PING_IDLE_S (where a network could have dropped it silently), is pinged as
# `pool_pre_ping` pinged every one; a dead one is replaced before the request sees it. Under
# load the ping was one round trip in ten.
PING_IDLE_S = 10.0
# The bench's instrumented app counts the pings it makes (bench/instrumented.py).
on_ping: Callable[[], None] | None = None


def _has_news(dbapi_connection: Any) -> bool:
    """Whether the server sent something to a connection that is idle (so: it is closing)."""
    try:
        readable, _, _ = readable_now([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return True  # no socket to look at: let the ping decide
    return bool(readable)


def _ping_when_idle(engine: Engine) -> None:
    @event.listens_for(engine.pool, "connect")
    @event.listens_for(engine.pool, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info["afterhours_checkin"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("afterhours_checkin")
        recent = since is not None and time.monotonic() - since < PING_IDLE_S
        if recent and not _has_news(dbapi_connection):
            return  # used moments ago and nothing came from the server since
        if on_ping is not None:
            on_ping()
        try:
            alive = engine.dialect.do_ping(dbapi_connection)  # as pool_pre_ping does
        except Exception as error:
            alive = False
            cause: BaseException | None = error
        else:
            cause = None
        if not alive:
            # The pool discards this connection and checks out (or makes) another.
            raise exc.DisconnectionError("the pooled connection is gone") from cause


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


@contextmanager
def session_scope() -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on error."""
    session = get_sessionmaker()()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    run_after_commit(session)


def run_after_commit(session: Session) -> None:
    """Hands the jobs a committed unit of work asked for to the queue (never before commit)."""
    dispatch_committed(session)


def reset_caches() -> None:
    """Forget the engine and settings (tests and the demo switch databases)."""
    if get_engine.cache_info().currsize:
        get_engine().dispose()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()
    get_settings.cache_clear()
