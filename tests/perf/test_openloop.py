"""The load scenario's own parts (bench/openloop.py, bench/report.py), without services: the
arrival schedule is open-loop (fixed in advance, at the rate asked), an arrival does not wait
for the one before it, and the issue-10 targets read the figures right."""

from __future__ import annotations

import asyncio
import random
from types import SimpleNamespace

from bench import openloop, report


def test_the_schedule_is_poisson_at_the_rate_and_fixed_by_its_seed():
    first = openloop.schedule(10.0, 200.0, random.Random(3))
    again = openloop.schedule(10.0, 200.0, random.Random(3))
    assert first == again
    assert first == sorted(first)
    assert all(0 <= at < 200.0 for at in first)
    assert 1_800 < len(first) < 2_200  # 10 a second, give or take Poisson's spread


class SlowArrivals:
    """Every call takes until `release`: a closed loop would offer one at a time."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.started = 0

    async def call(self, stream: openloop.Stream) -> None:
        self.started += 1
        await self.release.wait()
        stream.record("voice", 0.1)

    async def text(self, stream: openloop.Stream) -> None:
        stream.record("sms", 0.05)


def test_arrivals_do_not_wait_for_the_answers_before_them():
    async def scenario() -> tuple[openloop.Scenario, int]:
        arrivals = SlowArrivals()
        running = asyncio.create_task(
            openloop.run(arrivals, call_rate=200.0, text_rate=50.0, duration_s=0.2, drain_s=5)  # type: ignore[arg-type]
        )
        while not running.done() and arrivals.started < 10:
            await asyncio.sleep(0.01)
        in_flight = arrivals.started  # all started, none answered yet
        arrivals.release.set()
        return await running, in_flight

    result, in_flight = asyncio.run(scenario())
    assert in_flight >= 10
    assert result.calls.offered == result.calls.completed == len(result.calls.latencies["voice"])
    assert result.unfinished == 0


def _scenario(voice: list[float], failsafe: list[float], app_failsafe: int) -> object:
    calls = openloop.Stream("call", 10.0, offered=len(voice), completed=len(voice))
    calls.latencies["voice"] = voice
    calls.failsafe = failsafe
    texts = openloop.Stream("sms", 5.0)
    s = openloop.Scenario(30.0, calls, texts, elapsed_s=30.5, app_failsafe=app_failsafe)
    return SimpleNamespace(scenario=s)


def test_the_load_targets_pass_when_no_call_meets_the_failsafe_and_p99_is_low():
    rows = report.load_targets(_scenario([0.05] * 300, [], 0))
    assert [met for *_, met in rows] == [True, True, True, True]


def test_the_load_targets_miss_a_failsafe_answer_a_slow_p99_and_a_late_failsafe():
    rows = report.load_targets(_scenario([0.05] * 290 + [1.2] * 10, [1.2], 1))
    met = {name.split(":")[-1].strip(): ok for name, _, _, ok in rows}
    assert met == {
        "calls answered by the fail-safe, database healthy": False,
        "`/twilio/voice` p99": False,
        "every fail-safe answer within the deadline": False,
        "every arrival answered (errors, unanswered)": True,
    }
