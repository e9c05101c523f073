"""`afterhours worker`: runs jobs without forking, beside its own scheduler for delayed jobs.

RQ's default worker forks a work horse per job, which costs most of a job's time here (jobs
are a few queries and one Twilio request); `SimpleWorker` runs them in the worker process.
A job that crashes the process is lost with it, but its state is in the database: the web
app's sweeper redoes a lost send or escalation within seconds (router.texts.sweep).
"""

from __future__ import annotations

import sys

from redis import Redis
from rq import Queue, SimpleWorker

from router.core.jobs import QUEUE_NAME
from router.core.settings import get_settings
from workers.scheduler import Scheduler


class Worker(SimpleWorker):  # type: ignore[misc]
    # RQ waits up to a minute between reconnects to a Redis that went away; back to work
    # within seconds of it instead.
    max_connection_wait_time = 2.0


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
    scheduler = Scheduler(Redis.from_url(settings.redis_url), QUEUE_NAME)
    if burst:
        scheduler.tick()  # what is due now, then drain the queue
    else:
        scheduler.start()
    try:
        Worker([queue], connection=connection).work(burst=burst)
    finally:
        scheduler.stop()
