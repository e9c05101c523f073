"""One interface for jobs: RQ on Redis in production, an in-process queue when embedded.

Services never enqueue directly: they `defer` a job on their session, and the job goes to the
queue only after that session's transaction commits (and is dropped if it rolls back). Jobs are
named by their dotted path (`Job`), resolved when they run: `router` never imports `workers`.
"""

from __future__ import annotations

import heapq
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import import_module
from typing import Any, Protocol

from redis.exceptions import RedisError
from sqlalchemy import event
from sqlalchemy.orm import Session

from router.core import clock
from router.core.settings import get_settings

log = logging.getLogger("afterhours.jobs")
QUEUE_NAME = "afterhours"
_DEFERRED = "afterhours_deferred_jobs"
REDIS_TIMEOUT_S = 1.0


class Job(StrEnum):
    """The job entry points in `workers/jobs.py`, by dotted path."""

    ESCALATE_TEXT = "workers.jobs.escalate_text"
    CHECK_REPLY = "workers.jobs.check_reply"
    RELAY_BACKLOG = "workers.jobs.relay_backlog"
    SEND_MESSAGE = "workers.jobs.send_message"
    PLACE_CALL = "workers.jobs.place_call"
    SAFETY_CHECK_TIMEOUT = "workers.jobs.safety_check_timeout"
    STAFF_CHECKS = "workers.jobs.staff_checks"  # queued hourly by the worker's scheduler


# Job ids name one pending job each (RQ ids: letters, digits, - and _).
def escalation_job_id(contact_id: str, step: int) -> str:
    """One pending escalation per contact and step."""
    return f"escalate-{contact_id}-{step}"


def reply_job_id(contact_id: str, inbound_sid: str) -> str:
    """One pending answer check per patient text."""
    return f"reply-{contact_id}-{inbound_sid}"


def backlog_job_id(contact_id: str, minute_end: datetime) -> str:
    """One pending flood backlog per contact and minute."""
    return f"backlog-{contact_id}-{int(minute_end.timestamp())}"


def safety_check_job_id(contact_id: str, inbound_sid: str) -> str:
    """One pending safety check per patient text that asked "Are you safe right now?"."""
    return f"safety-{contact_id}-{inbound_sid}"


def message_job_id(kind: str, message_id: str) -> str:
    """One pending send per message (kind: sms or call)."""
    return f"{kind}-{message_id}"


@dataclass(frozen=True)
class JobRequest:
    func: str  # dotted path, e.g. "workers.jobs.escalate_text"
    args: tuple[Any, ...]
    job_id: str | None = None
    at: datetime | None = None  # None: as soon as possible
    cancel: bool = False  # True: remove the job with job_id instead


class JobQueue(Protocol):
    def submit(self, request: JobRequest) -> None: ...

    def waiting(self, job_ids: list[str]) -> set[str]:
        """Those of `job_ids` still waiting in the queue for a worker to take them."""
        ...


def resolve(func: str) -> Callable[..., Any]:
    module, _, name = func.rpartition(".")
    return getattr(import_module(module), name)  # type: ignore[no-any-return]


@dataclass(order=True)
class _Scheduled:
    at: datetime
    seq: int
    request: JobRequest = field(compare=False)


class InProcessQueue:
    """The embedded default: jobs due now run in the caller's thread once its commit is done;
    delayed jobs wait in a heap and run when `run_due` sees the app clock pass them.

    A poller thread calls `run_due` every `poll_s` seconds and as soon as a job is due now, so
    that no webhook waits on what a job does (Twilio). With `poll_s` 0 the caller runs them
    after its commit, as tests do.
    """

    def __init__(self, poll_s: float = 1.0) -> None:
        self._heap: list[_Scheduled] = []
        self._cancelled: set[str] = set()
        self._lock = threading.RLock()
        self._seq = 0
        self._running = threading.local()
        self._wake = threading.Event()
        self._poller = poll_s > 0
        if self._poller:
            threading.Thread(target=self._poll, args=(poll_s,), daemon=True).start()

    def submit(self, request: JobRequest) -> None:
        if request.cancel:
            self.cancel(request.job_id or "")
            return
        with self._lock:
            if request.job_id:
                self._cancelled.discard(request.job_id)
                self._heap = [s for s in self._heap if s.request.job_id != request.job_id]
                heapq.heapify(self._heap)
            self._seq += 1
            heapq.heappush(self._heap, _Scheduled(request.at or clock.now(), self._seq, request))
        if request.at is None or request.at <= clock.now():
            if self._poller:
                self._wake.set()
            else:
                self.run_due()

    def cancel(self, job_id: str) -> None:
        with self._lock:
            self._heap = [s for s in self._heap if s.request.job_id != job_id]
            heapq.heapify(self._heap)

    def waiting(self, job_ids: list[str]) -> set[str]:
        """None: a job due now runs at once here, so a late send is the sweeper's to do."""
        return set()

    def scheduled(self) -> list[tuple[datetime, JobRequest]]:
        with self._lock:
            return [(s.at, s.request) for s in sorted(self._heap)]

    def run_due(self) -> int:
        """Runs every job that is due by the app clock, in order; returns how many ran."""
        if getattr(self._running, "active", False):
            return 0  # a job's own follow-ups run when it returns, not inside it
        ran = 0
        self._running.active = True
        try:
            while True:
                with self._lock:
                    if not self._heap or self._heap[0].at > clock.now():
                        break
                    item = heapq.heappop(self._heap)
                try:
                    _run(item.request)
                except Exception as exc:  # as RQ does: a failed job is logged, others still run
                    log.error("job %s failed: %s", item.request.func, type(exc).__name__)
                ran += 1
        finally:
            self._running.active = False
        return ran

    def _poll(self, every_s: float) -> None:
        while True:
            self._wake.wait(every_s)
            self._wake.clear()
            self.run_due()


def _run(request: JobRequest) -> None:
    log.info("job %s %s", request.func.rsplit(".", 1)[-1], request.job_id or "")
    resolve(request.func)(*request.args)


class RQQueue:
    """RQ on Redis; delayed jobs go to RQ's scheduler (`afterhours worker` runs it)."""

    def __init__(self, redis_url: str) -> None:
        from redis import Redis
        from rq import Queue

        # A hung Redis must not hold a webhook: a request gives up quickly and the sweeper
        # finds what was not queued.
        self.connection = Redis.from_url(
            redis_url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S
        )
        self.queue = Queue(QUEUE_NAME, connection=self.connection)

    def submit(self, request: JobRequest) -> None:
        from rq import Retry

        if request.cancel:
            self.cancel(request.job_id or "")
            return
        if request.job_id:
            self.cancel(request.job_id)  # a job id names one pending job at a time
        options: dict[str, Any] = {
            "job_id": request.job_id,
            "retry": Retry(max=3, interval=[5, 30, 120]),
            "result_ttl": 3600,
            "failure_ttl": 7 * 86_400,
        }
        if request.at is None:
            self.queue.enqueue(request.func, *request.args, **options)
            return
        # The app clock may be moved in tests and the demo; Redis schedules in real time.
        delay = max(request.at - clock.now(), timedelta(0))
        options["meta"] = {"due": request.at.isoformat()}  # the app clock's time, for tests
        self.queue.enqueue_at(datetime.now(UTC) + delay, request.func, *request.args, **options)

    def waiting(self, job_ids: list[str]) -> set[str]:
        """Jobs in the queue, not taken by a worker yet; none when Redis does not answer (the
        sweeper then sends them itself)."""
        from rq.job import Job, JobStatus

        if not job_ids:
            return set()
        try:
            jobs = Job.fetch_many(job_ids, connection=self.connection)
        except RedisError:
            return set()
        return {
            job.id
            for job in jobs
            if job is not None and job.get_status(refresh=False) == JobStatus.QUEUED
        }

    def cancel(self, job_id: str) -> None:
        from rq.exceptions import NoSuchJobError
        from rq.job import Job

        try:
            job = Job.fetch(job_id, connection=self.connection)
        except NoSuchJobError:
            return
        job.delete()


@lru_cache
def get_queue() -> JobQueue:
    settings = get_settings()
    if settings.redis_url:
        return RQQueue(settings.redis_url)
    return InProcessQueue(poll_s=settings.embedded_queue_poll_s)


def defer(
    session: Session,
    func: str,
    *args: Any,
    job_id: str | None = None,
    at: datetime | None = None,
) -> None:
    """Asks for a job once `session` commits."""
    session.info.setdefault(_DEFERRED, []).append(JobRequest(str(func), args, job_id, at))


def defer_cancel(session: Session, job_id: str) -> None:
    session.info.setdefault(_DEFERRED, []).append(JobRequest("", (), job_id, None, cancel=True))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    requests = session.info.pop(_DEFERRED, [])
    if requests:
        session.info.setdefault("afterhours_committed_jobs", []).extend(requests)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_DEFERRED, None)


def dispatch_committed(session: Session) -> None:
    """Called at the unit-of-work boundary, after commit and close: hands jobs to the queue."""
    requests: list[JobRequest] = session.info.pop("afterhours_committed_jobs", [])
    if not requests:
        return
    try:
        queue = get_queue()
        for request in requests:
            queue.submit(request)
    except (RedisError, OSError) as exc:
        # The commit stands; the sweeper finds what was not queued (router.texts.sweep).
        log.error("job queue unavailable, left for the sweeper: %s", type(exc).__name__)
