"""The worker's own loop around RQ's (workers/run.py), without a Redis: the cause of the stall
after a Redis restart (S4), pinned. RQ's job loop can end on a Redis error outside its wait
for jobs; the loop then builds a new RQ worker, which talks to Redis (CLIENT SETNAME). Built
while Redis was still down, it raised out of the loop and the process ended, its scheduler
thread with it: no delayed job (an escalation) ran again."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from workers import run


class FakeScheduler:
    def __init__(self, *_: object) -> None:
        self.started = 0
        self.stopped = False
        self.checked = 0

    def tick(self) -> int:
        return 0

    def start(self) -> None:
        self.started += 1

    def ensure_running(self) -> None:
        self.checked += 1

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Worker construction and job loops following a script; no sleeping, no Redis."""
    state: dict[str, Any] = {"built": 0, "refused": 0, "loops": 0, "scheduler": None}
    # What each construction does: "ok" builds, "down" raises as RQ does with Redis down.
    constructions = ["ok", "down", "down", "down", "ok"]
    # What each job loop does: "lost" raises a Redis error, "stop" ends as on SIGTERM during
    # a job, "idle-stop" as on SIGTERM while waiting for one (RQ sets only the date then).
    loops: list[str] = state.setdefault("loops_script", ["lost", "stop"])

    class FakeWorker:
        def __init__(self, *_: object, **__: object) -> None:
            if constructions.pop(0) == "down":
                state["refused"] += 1
                raise RedisConnectionError("Error 111 connecting to 127.0.0.1. Connection refused.")
            state["built"] += 1
            self._stop_requested = False
            self._shutdown_requested_date: object = None

        def work(self, burst: bool = False) -> bool:
            state["loops"] += 1
            what = loops.pop(0)
            if what == "lost":
                raise RedisConnectionError("Connection closed by server.")
            if what == "idle-stop":
                self._shutdown_requested_date = "now"
                return False
            self._stop_requested = True
            return True

    def scheduler(*args: object) -> FakeScheduler:
        state["scheduler"] = FakeScheduler(*args)
        return state["scheduler"]

    monkeypatch.setattr(run, "Worker", FakeWorker)
    monkeypatch.setattr(run, "Scheduler", scheduler)
    monkeypatch.setattr(run, "get_settings", lambda: SimpleNamespace(redis_url="redis://x/0"))
    monkeypatch.setattr(run.time, "sleep", lambda _s: None)
    return state


def test_the_worker_outlives_redis_being_down_when_its_job_loop_restarts_S4(scripted):
    run.run_worker()  # returns only when the (scripted) SIGTERM stops it
    assert scripted["refused"] == 3  # Redis was still down three times: it waited
    assert scripted["built"] == 2
    assert scripted["loops"] == 2  # the job loop ran again once Redis answered
    scheduler = scripted["scheduler"]
    assert scheduler.started == 1
    assert scheduler.checked == 2  # supervised at each start of the job loop
    assert scheduler.stopped


def test_a_warm_shutdown_of_an_idle_worker_stops_it_instead_of_restarting_its_loop(scripted):
    scripted["loops_script"][:] = ["idle-stop"]
    run.run_worker()
    assert scripted["loops"] == 1
    assert scripted["built"] == 1
    assert scripted["scheduler"].stopped


def test_a_burst_worker_still_reports_redis_down(scripted, monkeypatch: pytest.MonkeyPatch):
    def refuse(*_: object, **__: object) -> None:
        raise RedisConnectionError("Connection refused.")

    monkeypatch.setattr(run, "Worker", refuse)
    with pytest.raises(RedisConnectionError):
        run.run_worker(burst=True)
