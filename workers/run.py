"""`afterhours worker`: an RQ worker with its scheduler, for delayed jobs."""

from __future__ import annotations

import sys

from redis import Redis
from rq import Queue, Worker

from router.core.jobs import QUEUE_NAME
from router.core.settings import get_settings


def run_worker(*, burst: bool = False) -> None:
    settings = get_settings()
    if not settings.redis_url:
        print(
            "afterhours: REDIS_URL is not set; without Redis the app runs its jobs in-process "
            "and no worker is needed",
            file=sys.stderr,
        )
        raise SystemExit(1)
    connection = Redis.from_url(settings.redis_url)
    queue = Queue(QUEUE_NAME, connection=connection)
    Worker([queue], connection=connection).work(with_scheduler=True, burst=burst)
