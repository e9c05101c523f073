"""`afterhours worker`: runs jobs without forking, beside its own scheduler for delayed jobs.

RQ's default worker forks a work horse per job, which costs most of a job's time here (jobs
are a few queries and one Twilio request); `SimpleWorker` runs them in the worker process.
A job that crashes the process is lost with it, but its state is in the database: the web
app's sweeper redoes a lost send or escalation within seconds (router.texts.sweep).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker

from router.core.jobs import QUEUE_NAME
from router.core.settings import get_settings
from workers.scheduler import Scheduler

log = logging.getLogger("afterhours.worker")
RESTART_PAUSE_S = 1.0
RESTART_PAUSE_MAX_S = 5.0
REDIS_TIMEOUT_S = 2.0


class Worker(SimpleWorker):
    # RQ waits up to a minute between reconnects to a Redis that went away; back to work
    # within seconds of it instead.
    max_connection_wait_time = 2.0


def stopping(worker: Worker) -> bool:
    """Whether a signal asked the worker to stop. RQ sets `_stop_requested` only when the
    signal comes during a job; an idle worker's loop just ends (StopRequested), with the
    request's date set: without this check a warm shutdown restarted the loop instead."""
    return bool(worker._stop_requested or getattr(worker, "_shutdown_requested_date", None))


def new_worker(queue: Queue, connection: Redis, *, burst: bool = False) -> Worker:
    """RQ's worker, once Redis answers: building one talks to Redis (CLIENT SETNAME), so a
    Redis that is down raises here. The old loop built it outside its `try`, and a Redis
    still down when the job loop was restarted killed the process with its scheduler thread
    (the stall after a Redis restart): wait for Redis instead, however long it takes."""
    pause = RESTART_PAUSE_S
    while True:
        try:
            return Worker([queue], connection=connection)
        except (RedisError, OSError) as exc:
            if burst:
                raise
            log.warning("worker: Redis unavailable (%s), retrying", type(exc).__name__)
            time.sleep(pause)
            pause = min(pause * 2, RESTART_PAUSE_MAX_S)


def run_worker(*, burst: bool = False) -> None:
    settings = get_settings()
    if not settings.redis_url:
        print(
            "afterhours: REDIS_URL is not set; without Redis the app runs its jobs in-process "
            "and no worker is needed",
            file=sys.stderr,
        )
        raise SystemExit(1)
    # No read waits forever on a Redis that went away (RQ sets the worker's read timeout).
    connection = Redis.from_url(settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT_S)
    queue = Queue(QUEUE_NAME, connection=connection)
    scheduler_connection = Redis.from_url(
        settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S
    )
    scheduler = Scheduler(scheduler_connection, QUEUE_NAME)
    # A first tick in this thread, before the scheduler has its own: what is due now runs,
    # and the libraries' lazy imports are done before two threads could race for them.
    with contextlib.suppress(RedisError):
        scheduler.tick()
    if not burst:
        scheduler.start()
    try:
        while True:
            scheduler.ensure_running()
            worker = new_worker(queue, connection, burst=burst)
            try:
                worker.work(burst=burst)
            except (RedisError, OSError) as exc:  # raised while it was tidying up, Redis gone
                log.warning("worker: Redis unavailable (%s)", type(exc).__name__)
            if burst or stopping(worker):
                return
            # RQ's loop quits on a Redis error outside its wait for jobs: start it again.
            log.warning("worker: job loop ended unexpectedly, starting it again")
            time.sleep(RESTART_PAUSE_S)
            if stopping(worker):  # a SIGTERM during the pause (RQ's handler is in place)
                return
    finally:
        scheduler.stop()
