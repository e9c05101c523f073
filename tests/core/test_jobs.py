"""The job queue: after-commit enqueueing, the in-process default, RQ with its scheduler."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from router.core import clock as app_clock
from router.core.db import session_scope
from router.core.jobs import InProcessQueue, JobRequest, RQQueue, defer, get_queue
from tests.clinic import LEE, PRACTICE_NUMBER, SAM
from tests.conftest import REDIS_URL

RAN: list[str] = []


def record_run(label: str) -> None:
    """A job for these tests: notes that it ran."""
    RAN.append(label)
    if REDIS_URL:
        from redis import Redis

        Redis.from_url(REDIS_URL).rpush("afterhours-test-ran", label)


@pytest.fixture(autouse=True)
def _clean() -> None:
    RAN.clear()


def test_a_job_is_queued_only_after_its_transaction_commits(database_url, clock):
    def failing_request() -> None:
        with session_scope() as session:
            defer(session, "tests.core.test_jobs.record_run", "rolled back")
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        failing_request()
    assert RAN == []
    with session_scope() as session:
        defer(session, "tests.core.test_jobs.record_run", "committed")
        assert RAN == []  # not while the transaction is open
    assert RAN == ["committed"]


def test_in_process_queue_runs_a_delayed_job_when_the_clock_passes_it(database_url, clock):
    queue = get_queue()
    assert isinstance(queue, InProcessQueue)
    queue.submit(
        JobRequest(
            "tests.core.test_jobs.record_run", ("later",), "job-1", clock.at + timedelta(minutes=10)
        )
    )
    assert queue.run_due() == 0
    clock.advance(minutes=10)
    assert queue.run_due() == 1
    assert RAN == ["later"]


def test_a_job_id_names_one_pending_job_and_can_be_cancelled(database_url, clock):
    queue = get_queue()
    assert isinstance(queue, InProcessQueue)
    at = clock.at + timedelta(minutes=1)
    queue.submit(JobRequest("tests.core.test_jobs.record_run", ("first",), "same", at))
    queue.submit(JobRequest("tests.core.test_jobs.record_run", ("second",), "same", at))
    queue.submit(JobRequest("tests.core.test_jobs.record_run", ("other",), "other", at))
    queue.submit(JobRequest("", (), "other", None, cancel=True))
    clock.advance(minutes=1)
    queue.run_due()
    assert RAN == ["second"]


def test_worker_without_redis_says_so_in_one_line(database_url):
    from typer.testing import CliRunner

    from router.cli import app

    result = CliRunner().invoke(app, ["worker", "--burst"])
    assert result.exit_code == 1
    assert "REDIS_URL is not set" in result.output


def test_without_credentials_texts_are_recorded_as_simulated(roster, clock, sim):
    from sqlalchemy import select

    from router.store.models import OutboundMessage

    sim.text(SAM, PRACTICE_NUMBER, "hello")
    with session_scope() as session:
        relay = session.scalars(select(OutboundMessage)).one()
        assert relay.status == "simulated"
        assert relay.to_number == LEE
        assert relay.sid is not None


redis_only = pytest.mark.skipif(not REDIS_URL, reason="needs TEST_REDIS_URL")


@pytest.fixture
def rq_queue(database_url, monkeypatch):
    from redis import Redis

    assert REDIS_URL is not None
    Redis.from_url(REDIS_URL).flushdb()
    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    get_queue.cache_clear()
    from router.core.settings import get_settings

    get_settings.cache_clear()
    queue = get_queue()
    assert isinstance(queue, RQQueue)
    yield queue
    queue.connection.flushdb()
    get_queue.cache_clear()


def _ran_on_redis() -> list[str]:
    from redis import Redis

    assert REDIS_URL is not None
    return [v.decode() for v in Redis.from_url(REDIS_URL).lrange("afterhours-test-ran", 0, -1)]


def _work(queue: RQQueue) -> None:
    from rq import SimpleWorker

    SimpleWorker([queue.queue], connection=queue.connection).work(burst=True, with_scheduler=True)


if REDIS_URL:

    def test_rq_scheduler_runs_a_delayed_job_when_it_is_due(rq_queue):
        app_clock.set_source(None)
        soon = app_clock.now() + timedelta(seconds=1)
        rq_queue.submit(JobRequest("tests.core.test_jobs.record_run", ("due",), "escalate-x", soon))
        _work(rq_queue)
        assert _ran_on_redis() == []
        time.sleep(1.3)
        _work(rq_queue)
        assert _ran_on_redis() == ["due"]

    def test_rq_cancel_removes_a_scheduled_job(rq_queue):
        app_clock.set_source(None)
        soon = app_clock.now() + timedelta(seconds=1)
        never = JobRequest("tests.core.test_jobs.record_run", ("never",), "escalate-y", soon)
        rq_queue.submit(never)
        rq_queue.submit(JobRequest("", (), "escalate-y", None, cancel=True))
        time.sleep(1.3)
        _work(rq_queue)
        assert _ran_on_redis() == []

    def test_rq_job_id_replaces_the_pending_job(rq_queue):
        app_clock.set_source(None)
        now = app_clock.now()
        rq_queue.submit(JobRequest("tests.core.test_jobs.record_run", ("old",), "escalate-z", now))
        rq_queue.submit(JobRequest("tests.core.test_jobs.record_run", ("new",), "escalate-z", now))
        time.sleep(0.1)
        _work(rq_queue)
        assert _ran_on_redis() == ["new"]

    def test_the_staff_checks_run_in_a_worker_once_an_hour_never_in_the_web_process(
        rq_queue, roster, clock, monkeypatch
    ):
        """The coverage check and the morning texts are seconds of pure Python at a large
        roster: the scheduler's lock holder queues them hourly for every worker together,
        and with Redis the web process's loop does not run them (it answers calls)."""
        import asyncio

        from sqlalchemy import func, select

        from router import background
        from router.store.models import OutboundMessage
        from workers.scheduler import STAFF_CHECKS_KEY, Scheduler

        def gap_texts() -> int:
            with session_scope() as session:
                return session.scalar(
                    select(func.count())
                    .select_from(OutboundMessage)
                    .where(OutboundMessage.purpose == "coverage_gap")
                )

        monkeypatch.setenv("SWEEP_INTERVAL_S", "30")  # as in production (tests set 0)
        from router.core.settings import get_settings

        get_settings.cache_clear()
        # With Redis set, the web process's coverage loop returns at once (no thread).
        asyncio.run(asyncio.wait_for(background._coverage_loop(), timeout=1))
        assert gap_texts() == 0

        first, second = Scheduler(rq_queue.connection, "afterhours"), None
        first.tick()
        assert rq_queue.connection.ttl(STAFF_CHECKS_KEY) > 3500
        second = Scheduler(rq_queue.connection, "afterhours")
        rq_queue.connection.delete("afterhours:scheduler-lock")  # the first worker died
        second.tick()  # takes the lock over, but the checks are queued for this hour
        assert [j.id for j in rq_queue.queue.jobs] == ["staff-checks"]
        _work(rq_queue)
        told = gap_texts()
        assert told > 0  # the test roster has gaps in the next 48 hours
        _work(rq_queue)
        assert gap_texts() == told
