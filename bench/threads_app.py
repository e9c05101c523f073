"""`afterhours serve` with fewer routing threads: an experiment of the load scenario, never
the measured default (BENCH_LOAD_THREADS=N makes the load scenario start this instead).

The app runs each webhook's unit of work on anyio's default thread pool (40 threads), and its
database pool holds 15 connections. Under load, 40 busy threads contend for the GIL with the
event loop, which also answers the fail-safe: this caps the pool at N to see whether fewer
threads keep the loop, and so the deadline, on time.

    python -m bench.threads_app --port P --threads N   (DATABASE_URL etc. from the env)
"""

from __future__ import annotations

import argparse
from typing import Any

import anyio.to_thread


class Limited:
    """Sets the event loop's default thread limiter to `threads` before the first request."""

    def __init__(self, app: Any, threads: int) -> None:
        self.app = app
        self.threads = threads
        self.done = False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self.done:
            anyio.to_thread.current_default_thread_limiter().total_tokens = self.threads
            self.done = True
        await self.app(scope, receive, send)


def main() -> None:
    import uvicorn

    from router.app import create_app
    from router.core.logging import configure_logging

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=12)
    args = parser.parse_args()
    configure_logging()
    app = Limited(create_app(), args.threads)
    uvicorn.run(app, host="127.0.0.1", port=args.port, proxy_headers=True)


if __name__ == "__main__":
    main()
