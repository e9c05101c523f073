"""`afterhours serve` with counters, for the profile run (never for the measured run).

Counts, per webhook path: SQL round trips (statements, BEGIN/COMMIT/ROLLBACK, pool
pre-pings), the time spent in them, thread hops (anyio.to_thread.run_sync calls) and the
threads the SQL ran on. GET /__bench/counts returns the totals. Statement shapes are
SQLAlchemy's parameterised text: no parameter values are kept (S7).

    python -m bench.instrumented --port P   (DATABASE_URL etc. from the env)
"""

from __future__ import annotations

import argparse
import contextvars
import re
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from sqlalchemy import event

from router.core import db


@dataclass
class RequestStats:
    path: str
    statements: int = 0
    transactions: int = 0  # BEGIN .. COMMIT/ROLLBACK pairs (2 round trips each)
    pings: int = 0
    sql_s: float = 0.0
    hops: int = 0
    threads: set[int] = field(default_factory=set)
    shapes: Counter[str] = field(default_factory=Counter)


current: contextvars.ContextVar[RequestStats | None] = contextvars.ContextVar(
    "bench_request", default=None
)
totals: dict[str, dict[str, Any]] = defaultdict(
    lambda: {
        "requests": 0,
        "statements": 0,
        "transactions": 0,
        "pings": 0,
        "sql_s": 0.0,
        "wall_s": 0.0,
        "hops": 0,
        "threads": 0,
        "shapes": Counter(),
    }
)
_lock = threading.Lock()


def _shape(statement: str) -> str:
    text = re.sub(r"\s+", " ", statement).strip()
    text = re.sub(r"\(%\(.*?\)s(, %\(.*?\)s)*\)", "(...)", text)
    return text[:140]


def install(engine: Any) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        stats = current.get()
        if stats is None:
            return
        stats.statements += 1
        stats.sql_s += time.perf_counter() - conn.info.pop("bench_t0", time.perf_counter())
        stats.threads.add(threading.get_ident())
        stats.shapes[_shape(statement)] += 1

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        stats = current.get()
        if stats is not None:
            stats.transactions += 1

    def _pinged() -> None:
        stats = current.get()
        if stats is not None:
            stats.pings += 1  # a checkout's SELECT 1 (only for a connection idle a while)

    db.on_ping = _pinged


_run_sync = anyio.to_thread.run_sync


async def _counted_run_sync(*args: Any, **kwargs: Any) -> Any:
    stats = current.get()
    if stats is not None:
        stats.hops += 1
    return await _run_sync(*args, **kwargs)


class Counting:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/__bench/counts":
            import json

            with _lock:
                body = json.dumps(
                    {
                        path: {
                            k: (dict(v.most_common(100)) if k == "shapes" else v)
                            for k, v in row.items()
                        }
                        for path, row in totals.items()
                    }
                ).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        stats = RequestStats(scope["path"])
        token = current.set(stats)
        t0 = time.perf_counter()
        try:
            await self.app(scope, receive, send)
        finally:
            current.reset(token)
            with _lock:
                row = totals[stats.path]
                row["requests"] += 1
                row["statements"] += stats.statements
                row["transactions"] += stats.transactions
                row["pings"] += stats.pings
                row["sql_s"] += stats.sql_s
                row["wall_s"] += time.perf_counter() - t0
                row["hops"] += stats.hops
                row["threads"] += len(stats.threads)
                row["shapes"].update(stats.shapes)


def main() -> None:
    import uvicorn

    from router.app import create_app
    from router.core.db import get_engine
    from router.core.logging import configure_logging

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    anyio.to_thread.run_sync = _counted_run_sync  # type: ignore[assignment]
    install(get_engine())
    configure_logging()
    uvicorn.run(Counting(create_app()), host="127.0.0.1", port=args.port, proxy_headers=True)


if __name__ == "__main__":
    main()
