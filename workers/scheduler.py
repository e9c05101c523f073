"""The worker's scheduler for delayed jobs: moves RQ's scheduled jobs to the queue when due.

RQ's own scheduler dies with Redis and is restarted only every 10 minutes, and its lock
outlives a killed worker by a minute. This one is a thread of the worker that never gives up:
after a Redis outage it carries on at the next tick, and its lock lives `LOCK_TTL_S`, so the
next worker takes over within seconds of one that died. Only the lock holder moves jobs;
moving one twice would be harmless anyway (every job is idempotent).

The lock holder also queues the hourly staff checks (router.oncall.checks: coverage gaps,
overdue follow-ups, morning texts), once an hour for all workers together: a key in Redis
that lives an hour says they were queued. They run as a job, in a worker, never in the web
process that answers calls.
"""

from __future__ import annotations

import logging
import threading
import uuid

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from rq.job import Job
from rq.registry import ScheduledJobRegistry

from router.core.jobs import Job as JobName
from router.core.settings import get_settings

log = logging.getLogger("afterhours.worker")

TICK_S = 1.0
LOCK_TTL_S = 5
LOCK_KEY = "afterhours:scheduler-lock"
STAFF_CHECKS_KEY = "afterhours:staff-checks-queued"
STAFF_CHECKS_EVERY_S = 3600
STAFF_CHECKS_TIMEOUT_S = 1800  # a large roster's checks take seconds; never cut one short
# Take the lock if it is free, keep it if it is ours.
_ACQUIRE = """
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class Scheduler:
    def __init__(self, connection: Redis, queue_name: str) -> None:
        self.connection = connection
        self.queue_name = queue_name
        self.name = f"scheduler-{uuid.uuid4().hex[:12]}"
        self.holds_lock = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="afterhours-scheduler", daemon=True)
        self._thread.start()

    def ensure_running(self) -> None:
        """Starts the thread again if it ended without being asked to (it should not)."""
        if self._thread is not None and not self._thread.is_alive() and not self._stop.is_set():
            log.error("scheduler: thread ended unexpectedly, starting it again")
            self.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        try:
            self.connection.eval(_RELEASE, 1, LOCK_KEY, self.name)
        except RedisError:
            pass

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except RedisError as exc:
                if self.holds_lock:
                    log.warning("scheduler: Redis unavailable (%s), retrying", type(exc).__name__)
                self.holds_lock = False
            except Exception as exc:  # noqa: BLE001 - the scheduler must outlive any failure
                self.holds_lock = False
                log.error("scheduler tick failed: %s", type(exc).__name__)
            self._stop.wait(TICK_S)

    def tick(self) -> int:
        """Takes or keeps the lock; if held, queues every scheduled job that is due."""
        held = bool(self.connection.eval(_ACQUIRE, 1, LOCK_KEY, self.name, LOCK_TTL_S * 1000))
        if held and not self.holds_lock:
            log.info("scheduler: lock taken, scheduling delayed jobs")
        self.holds_lock = held
        if not held:
            return 0
        queue = Queue(self.queue_name, connection=self.connection)
        registry = ScheduledJobRegistry(queue=queue)  # type: ignore[no-untyped-call]
        moved = 0
        for job_id in registry.get_jobs_to_schedule():
            job = Job.fetch_many([job_id], connection=self.connection)[0]
            registry.remove(job_id)
            if job is not None:
                queue.enqueue_job(job)
                moved += 1
        self.queue_staff_checks(queue)
        return moved

    def queue_staff_checks(self, queue: Queue) -> bool:
        """Queues the staff checks if no worker has in the last hour (never with
        SWEEP_INTERVAL_S=0: something else drives the periodic jobs, as tests do)."""
        if get_settings().sweep_interval_s <= 0:
            return False
        if not self.connection.set(STAFF_CHECKS_KEY, self.name, nx=True, ex=STAFF_CHECKS_EVERY_S):
            return False
        queue.enqueue(
            JobName.STAFF_CHECKS.value,
            job_id="staff-checks",
            job_timeout=STAFF_CHECKS_TIMEOUT_S,
            result_ttl=3600,
            failure_ttl=7 * 86_400,
        )
        return True
