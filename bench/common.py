"""What every bench phase shares: where it writes, its database and Redis, its progress line."""

from __future__ import annotations

import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DB_NAME = "afterhours_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def flush_redis() -> None:
    from redis import Redis

    Redis.from_url(REDIS_URL, socket_timeout=2).flushdb()
