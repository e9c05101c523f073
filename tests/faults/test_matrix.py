"""The fault matrix (S1, S4, S5) on a real PostgreSQL and Redis that fail on purpose: every
call ends at a human, every contact exists once with the right outcome, and every intended
message exists once. Recovery times are reported after the run, never asserted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from policies.delivery import SEND_BACKLOG_LIMIT, SEND_GRACE
from router import background
from router.core.db import session_scope
from router.failsafe import replay as recovery
from router.store.models import OutboundMessage
from router.twilio import gateway
from tests.clinic import CRISIS_LINE, LEE, PATEL, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for
from tests.deadlines import NEVER_WAITS_S
from tests.faults.servers import PrivatePostgres, PrivateRedis
from workers.jobs import sweep_due
from workers.scheduler import LOCK_KEY


def _incoming(sid: str) -> dict[str, str]:
    return {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def _dials_crisis_line(body: str) -> bool:
    return f">{CRISIS_LINE}</Dial>" in body


def _sent_to(number: str, containing: str) -> list[OutboundMessage]:
    with session_scope() as session:
        return [
            m
            for m in session.scalars(
                select(OutboundMessage).where(
                    OutboundMessage.to_number == number, OutboundMessage.kind == "sms"
                )
            )
            if containing in (m.body or "")
        ]


def _replay_until_written(within_s: float = 20.0) -> float:
    """Replays the spool until the database takes it; returns how long that took."""
    started = time.monotonic()
    while recovery.spool().pending():
        try:
            recovery.replay_spool()
        except Exception:  # noqa: BLE001 - the database is still coming back
            if time.monotonic() - started > within_s:
                raise
            time.sleep(0.1)
    return time.monotonic() - started


@pytest.fixture(autouse=True)
def _crisis_lines_known(request: pytest.FixtureRequest) -> None:
    """As the web app does at start-up: each number's crisis line is known before the
    database can fail (the roster here is loaded after the app started)."""
    if "roster" in request.fixturenames:
        request.getfixturevalue("roster")
        background.remember_crisis_lines_now()


# ---- the database -----------------------------------------------------------------------


def test_database_down_before_a_call_S1_S5(sim, roster, clock, postgres, recovered):
    sid = "CA" + "1" * 32
    postgres.stop()
    try:
        started = time.monotonic()
        answer = sim.post("/twilio/voice", _incoming(sid))
        assert time.monotonic() - started < NEVER_WAITS_S
        assert _dials_crisis_line(answer.text)
        sim.post(
            "/twilio/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "40"}
        )
    finally:
        postgres.start()
    recovered("database down before a call: spool written after restart", _replay_until_written())
    assert contact_count() == 1
    contact = contact_for(sid)
    assert contact["outcome"] == "crisis_line"
    assert contact["events"].count("failsafe") == 1
    assert contact["duration_s"] == 40


def test_database_down_during_a_call_S1_S5(sim, roster, clock, postgres, recovered):
    sid = "CA" + "2" * 32
    first = sim.post("/twilio/voice", _incoming(sid))
    assert LEE in first.text
    contact_id = contact_for(sid)["id"]
    postgres.stop()
    try:
        action = dict(_incoming(sid), DialCallStatus="no-answer")
        started = time.monotonic()
        answer = sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
        assert time.monotonic() - started < NEVER_WAITS_S
        assert _dials_crisis_line(answer.text)
    finally:
        postgres.start()
    recovered("database down during a call: spool written after restart", _replay_until_written())
    assert contact_count() == 1
    contact = contact_for(sid)
    assert contact["outcome"] == "crisis_line"
    assert "failsafe" in contact["events"]


def test_database_down_after_a_call_S5(sim, roster, clock, postgres, recovered):
    sid = "CA" + "3" * 32
    sim.post("/twilio/voice", _incoming(sid))
    contact_id = contact_for(sid)["id"]
    leg = {"CallSid": "CA" + "8" * 32, "ParentCallSid": sid, "To": LEE, "From": PRACTICE_NUMBER}
    sim.post(f"/twilio/voice/screen?c={contact_id}&n=0", leg)
    sim.post(f"/twilio/voice/screen/answer?c={contact_id}&n=0", dict(leg, Digits="1"))
    action = dict(_incoming(sid), DialCallStatus="completed", DialCallDuration="300")
    sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
    postgres.stop()
    try:
        sim.post(
            "/twilio/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "320"}
        )
    finally:
        postgres.start()
    recovered("database down after a call: spool written after restart", _replay_until_written())
    assert contact_count() == 1
    contact = contact_for(sid)
    assert contact["outcome"] == "connected"
    assert contact["connected_to"] == "dr-lee"
    assert contact["events"].count("ended") == 1


def test_database_hung_a_call_still_reaches_the_crisis_line_S1(
    sim, roster, clock, postgres, recovered
):
    sid = "CA" + "4" * 32
    postgres.freeze()
    try:
        started = time.monotonic()
        answer = sim.post("/twilio/voice", _incoming(sid))
        assert time.monotonic() - started < NEVER_WAITS_S
        assert _dials_crisis_line(answer.text)
    finally:
        postgres.thaw()
    recovered("database hung: spool written after thaw", _replay_until_written())
    assert contact_count() == 1
    assert contact_for(sid)["outcome"] == "crisis_line"


def test_database_hung_under_a_burst_of_calls_every_caller_reaches_the_crisis_line_S1_S5(
    sim, roster, clock, postgres, recovered
):
    """Load with the fault: more callers at once than the app has routing threads (40) or
    pooled connections, while the database hangs. Each is answered by the fail-safe (the
    deadline counts from the request's arrival, so a call waiting for a thread is cut off
    too), and after the thaw each is logged once, as the crisis line, and nothing more."""
    from concurrent.futures import ThreadPoolExecutor

    callers = 60
    sids = [f"CA{index:032d}" for index in range(callers)]

    def call(sid: str) -> tuple[float, str]:
        started = time.monotonic()
        answer = sim.post("/twilio/voice", _incoming(sid))
        return time.monotonic() - started, answer.text

    postgres.freeze()
    try:
        with ThreadPoolExecutor(max_workers=callers) as pool:
            answers = list(pool.map(call, sids))
    finally:
        postgres.thaw()
    assert all(_dials_crisis_line(text) for _, text in answers), [t for _, t in answers][:3]
    slowest = max(seconds for seconds, _ in answers)
    assert slowest < NEVER_WAITS_S
    recovered(f"database hung, {callers} callers at once: the slowest fail-safe answer", slowest)
    recovered(f"database hung, {callers} callers at once: spool written after thaw",
              _replay_until_written())  # fmt: skip
    assert contact_count() == callers
    for sid in sids:
        contact = contact_for(sid)
        assert contact["outcome"] == "crisis_line"
        assert contact["events"].count("failsafe") == 1
        assert "dialled" not in contact["events"]


# ---- Redis and the worker -----------------------------------------------------------------


def test_redis_down_and_back_while_texts_arrive_S4_S5(texting, redis_server, recovered):
    sim, jobs = texting.sim, texting.jobs
    redis_server.stop()
    try:
        reply = sim.text(SAM, PRACTICE_NUMBER, "redis is down tonight")
        assert reply.replied("on call")  # answered at once, as ever (S3)
        sim.device(LEE).expect_no_sms()  # its job was never queued
        jobs.clock.advance(seconds=SEND_GRACE.total_seconds() + 1)
        started = time.monotonic()
        sweep_due()  # what the web app does every 2 s
        recovered("Redis down: relay sent by the sweeper (plus grace and 2 s loop)",
                  time.monotonic() - started + SEND_GRACE.total_seconds())  # fmt: skip
        sim.flush()
        sim.device(LEE).expect_sms("redis is down tonight")
        # The ack window starts when the relay left: not a second before it is over.
        jobs.clock.advance(minutes=10, seconds=-5)
        sweep_due()
        sim.flush()
        sim.device(PATEL).expect_no_sms()
    finally:
        redis_server.start()
    jobs.clock.advance(seconds=10)
    sweep_due()
    jobs.settle()
    sim.device(PATEL).expect_sms("redis is down tonight")
    sim.device(PATEL).expect_no_sms()
    assert len(_sent_to(LEE, "redis is down tonight")) == 1
    assert len(_sent_to(PATEL, "redis is down tonight")) == 1
    # Back up: texts go through the queue again.
    sim.text(SAM, PRACTICE_NUMBER, "and again")
    jobs.settle()
    sim.device(PATEL).expect_sms("and again")
    assert contact_count() == 1


def _worker(redis_url: str, database_url: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TWILIO_ACCOUNT")}
    env.update(REDIS_URL=redis_url, DATABASE_URL=database_url, LOG_LEVEL="WARNING")
    afterhours = Path(sys.executable).parent / "afterhours"
    log = open(os.environ.get("AFTERHOURS_FAULT_WORKER_LOG", os.devnull), "ab")  # noqa: SIM115
    return subprocess.Popen([str(afterhours), "worker"], env=env, stdout=log, stderr=log)


def _lock_holder(redis_server: PrivateRedis) -> bytes | None:
    return redis_server.client().get(LOCK_KEY)


def _wait(condition: object, within_s: float, what: str = "") -> float:
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        if time.monotonic() - started > within_s:
            raise AssertionError(f"not within {within_s} s: {what}")
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_worker_killed_mid_job_loses_nothing_S4_S5(
    texting, redis_server, postgres: PrivatePostgres, database_url, recovered
):
    sim, jobs = texting.sim, texting.jobs
    first = _worker(redis_server.url, database_url)
    second = None
    try:
        _wait(lambda: _lock_holder(redis_server) is not None, 45, "a worker took the lock")
        holder = _lock_holder(redis_server)
        first.send_signal(signal.SIGSTOP)  # it takes no job until the database hangs
        sim.text(SAM, PRACTICE_NUMBER, "is anyone there")
        postgres.freeze()
        first.send_signal(signal.SIGCONT)
        time.sleep(1.0)  # it has taken the send job and waits on the database
        first.kill()
        first.wait()
        killed = time.monotonic()
        postgres.thaw()
        second = _worker(redis_server.url, database_url)
        _wait(lambda: _lock_holder(redis_server) not in (None, holder), 45, "the next took it")
        recovered("worker SIGKILLed: scheduler lock taken over by the next worker",
                  time.monotonic() - killed)  # fmt: skip
        # The send died with the worker; the web app's sweeper sends it once its try is due.
        jobs.clock.advance(seconds=SEND_GRACE.total_seconds() + 1)
        sweep_due()
        sim.flush()
        sim.device(LEE).expect_sms("is anyone there")
        sim.device(LEE).expect_no_sms()
        assert len(_sent_to(LEE, "is anyone there")) == 1
        assert contact_count() == 1
    finally:
        postgres.thaw()
        for worker in (first, second):
            if worker is not None and worker.poll() is None:
                worker.kill()
                worker.wait()


# ---- Twilio failing ---------------------------------------------------------------------


def test_twilio_5xx_and_429_are_tried_again_and_sent_once_S4_S5(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.rest_fails(503, times=2)
    sim.text(SAM, PRACTICE_NUMBER, "first try fails")
    jobs.settle()
    sim.device(LEE).expect_sms("first try fails")
    # Rate-limited past the gateway's own tries: the delivery ladder tries again later.
    sim.rest_fails(429, times=3)
    sim.text(SAM, PRACTICE_NUMBER, "rate limited")
    jobs.settle()
    sim.device(LEE).expect_no_sms()
    jobs.advance(seconds=31)
    sim.device(LEE).expect_sms("rate limited")
    assert len(_sent_to(LEE, "first try fails")) == 1
    assert len(_sent_to(LEE, "rate limited")) == 1
    assert contact_count() == 1


def test_twilio_hanging_holds_no_webhook_and_the_text_goes_later_S4_S5(
    texting, monkeypatch, recovered
):
    sim, jobs = texting.sim, texting.jobs
    monkeypatch.setattr(gateway, "TIMEOUTS", (0.2, 0.3))
    sim.rest.http_client().timeout = None  # the gateway sets its timeouts on this client
    sim.rest_hangs(30)
    try:
        started = time.monotonic()
        reply = sim.text(SAM, PRACTICE_NUMBER, "twilio is stuck")
        assert time.monotonic() - started < 1.0  # the webhook only queued the relay
        assert reply.replied("on call")
        jobs.settle()  # the send times out after 0.3 s: left for the ladder
        sim.device(LEE).expect_no_sms()
    finally:
        sim.rest_hangs(0)
    jobs.advance(seconds=31)
    sim.device(LEE).expect_sms("twilio is stuck")
    assert len(_sent_to(LEE, "twilio is stuck")) == 1
    recovered("Twilio hanging: relay sent on the ladder's next try", 30.0)


# ---- webhooks twice and out of order --------------------------------------------------------


def test_every_webhook_twice_and_out_of_order_S5(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "said twice")
    sim.redeliver_text(record)
    jobs.settle()
    sim.redeliver_text(record)
    jobs.settle()
    sim.device(LEE).expect_sms("said twice")
    sim.device(LEE).expect_no_sms()
    (relay,) = _sent_to(LEE, "said twice")
    # Status callbacks twice and backwards: the log keeps the furthest one.
    for status in ("delivered", "sent", "delivered", "sent"):
        sim.post("/twilio/sms/status", {"MessageSid": relay.sid or "", "MessageStatus": status})
    assert _sent_to(LEE, "said twice")[0].status == "delivered"
    sid = "CA" + "5" * 32
    sim.post("/twilio/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "9"})
    for _ in range(2):
        answer = sim.post("/twilio/voice", _incoming(sid))
        assert LEE in answer.text or _dials_crisis_line(answer.text)
    sim.post("/twilio/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "9"})
    assert contact_count() == 2
    assert contact_for(sid)["events"].count("ended") <= 1


def test_the_worker_schedules_again_after_a_redis_outage_S4(
    queue_backend, redis_server, database_url, recovered
):
    from datetime import timedelta

    from rq import Queue

    from router.core.jobs import QUEUE_NAME

    worker = _worker(redis_server.url, database_url)
    try:
        _wait(lambda: _lock_holder(redis_server) is not None, 45, "a worker took the lock")
        redis_server.stop()
        time.sleep(1.5)  # the worker and its scheduler see Redis gone
        redis_server.start()
        back = time.monotonic()
        _wait(lambda: _lock_holder(redis_server) is not None, 45, "a worker took the lock")
        # The stall was the worker dying: its job loop restarted while Redis was still down.
        assert worker.poll() is None, "the worker exited during the Redis outage"
        recovered("Redis restarted: the worker's scheduler holds its lock again",
                  time.monotonic() - back)  # fmt: skip
        # A delayed job scheduled after the outage runs (RQ's own scheduler: 10 minutes).
        queue = Queue(QUEUE_NAME, connection=redis_server.client())
        job = queue.enqueue_in(timedelta(seconds=1), "workers.jobs.sweep_due")
        _wait(lambda: job.get_status(refresh=True) == "finished", 45, "the delayed job ran")
        recovered("Redis restarted: a delayed job runs (1 s delay included)",
                  time.monotonic() - back)  # fmt: skip
    finally:
        worker.kill()
        worker.wait()


@pytest.fixture
def live_sweeper(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app's own sweeper loop runs, as in production (before the app starts)."""
    from router.core.settings import get_settings

    monkeypatch.setenv("SWEEP_INTERVAL_S", "30")
    get_settings.cache_clear()


def test_the_web_app_relays_a_text_that_came_while_redis_was_down_S4(
    live_sweeper, texting, redis_server, recovered
):
    sim, jobs = texting.sim, texting.jobs
    redis_server.stop()
    try:
        sim.text(SAM, PRACTICE_NUMBER, "nobody queued this")
        jobs.clock.advance(seconds=SEND_GRACE.total_seconds() + 1)  # the send is due

        def relayed() -> bool:
            return any(m.sid is not None for m in _sent_to(LEE, "nobody queued this"))

        recovered("Redis down: the web app's own loop sent the relay (after grace)",
                  _wait(relayed, within_s=10) + SEND_GRACE.total_seconds())  # fmt: skip
    finally:
        redis_server.start()
    sim.flush()
    sim.device(LEE).expect_sms("nobody queued this")
    assert len(_sent_to(LEE, "nobody queued this")) == 1


def test_a_backlog_behind_busy_workers_is_theirs_not_the_web_apps_until_its_limit_S4(texting):
    """A send whose job still waits in a queue that answers is a backlog (busy workers), not
    a loss: the web app, which answers calls, leaves it to them for SEND_BACKLOG_LIMIT, then
    sends it itself; the job that takes it later sends nothing twice."""
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "still in the queue")  # no worker runs: the job waits
    jobs.clock.advance(seconds=SEND_GRACE.total_seconds() + 1)
    assert sweep_due() == 0
    assert [m.status for m in _sent_to(LEE, "still in the queue")] == ["queued"]
    jobs.clock.advance(seconds=SEND_BACKLOG_LIMIT.total_seconds())
    assert sweep_due() == 1  # waited out: the web app sends it
    jobs.settle()  # the job runs at last and finds it sent
    sim.device(LEE).expect_sms("still in the queue")
    sim.device(LEE).expect_no_sms()
    assert len(_sent_to(LEE, "still in the queue")) == 1
