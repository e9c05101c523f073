"""Admission control (issue 10): when webhooks pile up, /readyz says the app is saturated
(503 with the reason, so a load balancer sends new calls elsewhere) and the gauges show it,
while every held call is still answered (S1: a webhook is never refused for saturation).

Driven by state, not by time: calls are held in flight by a stub that blocks until released.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from router import metrics
from router.calls import service as calls
from router.core import db_async
from router.core.settings import get_settings
from tests.clinic import PRACTICE_NUMBER, SAM

HELD = 3
HANGUP = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>'


def _gauge(name: str) -> float | None:
    return metrics.REGISTRY.get_sample_value(name)


def _until(condition: Any, what: str) -> None:
    """Waits for a state (bounded, so that a broken app fails instead of hanging)."""
    end = time.monotonic() + 30
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"never reached: {what}")
        time.sleep(0.01)


@dataclass
class Held:
    release: threading.Event = field(default_factory=threading.Event)
    entered: list[str] = field(default_factory=list)
    answers: list[httpx.Response] = field(default_factory=list)
    threads: list[threading.Thread] = field(default_factory=list)


@pytest.fixture
def held_calls(sim: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """`HELD` incoming calls whose routing blocks until `release` is set."""
    held = Held()
    monkeypatch.setenv("VOICE_DEADLINE_S", "60")  # the stub, not the deadline, ends them
    get_settings.cache_clear()
    monkeypatch.setattr(metrics, "IN_FLIGHT_LIMIT", HELD)
    monkeypatch.setattr(metrics, "SLOW_VOICE_S", 3600.0)  # the count decides, not the age

    def blocking_start_call(_session: object, params: Any, _now: object, **_kw: object) -> str:
        held.entered.append(params["CallSid"])
        held.release.wait(30)
        return HANGUP

    monkeypatch.setattr(calls, "start_call", blocking_start_call)
    monkeypatch.setattr(db_async, "pool", lambda: None)  # start_call routes every call

    def one_call(index: int) -> None:
        params = {
            "CallSid": f"CA{index:032d}",
            "From": SAM,
            "To": PRACTICE_NUMBER,
            "CallStatus": "ringing",
            "Direction": "inbound",
        }
        held.answers.append(sim.post("/twilio/voice", params))

    for index in range(HELD):
        thread = threading.Thread(target=one_call, args=(index,), daemon=True)
        held.threads.append(thread)
        thread.start()
    try:
        yield held
    finally:
        held.release.set()
        for thread in held.threads:
            thread.join(30)


def test_readyz_says_saturated_while_webhooks_pile_up_and_ready_again_after_S1(client, held_calls):
    _until(lambda: len(held_calls.entered) == HELD, "every call held in its routing thread")
    _until(lambda: metrics.in_flight() == HELD, "every call counted in flight")

    saturated = client.get("/readyz")
    assert saturated.status_code == 503
    body = saturated.json()
    assert body["ready"] == "false"
    assert body["load"] == f"saturated: {HELD} webhooks in flight (limit {HELD})"
    assert _gauge("afterhours_webhooks_in_flight") == HELD
    assert _gauge("afterhours_saturated") == 1.0
    exposed = client.get("/metrics").text
    assert f"afterhours_webhooks_in_flight {float(HELD)}" in exposed

    held_calls.release.set()
    for thread in held_calls.threads:
        thread.join(30)
    # S1: saturation refused no webhook; each held call got its answer.
    assert [answer.status_code for answer in held_calls.answers] == [200] * HELD
    assert all("<Hangup" in answer.text for answer in held_calls.answers)

    assert metrics.in_flight() == 0
    assert _gauge("afterhours_webhooks_in_flight") == 0
    assert _gauge("afterhours_saturated") == 0.0
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["load"] == "ok (0 webhooks in flight)"


def test_below_the_limit_the_app_is_ready_with_calls_in_flight(
    client, held_calls, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(metrics, "IN_FLIGHT_LIMIT", HELD + 1)
    _until(lambda: metrics.in_flight() == HELD, "every call counted in flight")
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["load"] == f"ok ({HELD} webhooks in flight)"
    assert _gauge("afterhours_saturated") == 0.0


def test_a_voice_webhook_in_flight_near_its_deadline_means_saturated(
    client, held_calls, monkeypatch: pytest.MonkeyPatch
):
    _until(lambda: metrics.in_flight() == HELD, "every call counted in flight")
    monkeypatch.setattr(metrics, "IN_FLIGHT_LIMIT", HELD + 1)
    monkeypatch.setattr(metrics, "SLOW_VOICE_S", 0.0)  # every held call counts as slow
    saturated = client.get("/readyz")
    assert saturated.status_code == 503
    assert "a voice webhook in flight for" in saturated.json()["load"]
    assert _gauge("afterhours_saturated") == 1.0


def test_requests_waiting_for_a_routing_thread_mean_saturated(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(metrics, "_sample_threads", lambda: None)  # outside an event loop
    monkeypatch.setattr(metrics._load, "threads_waiting", 2)
    assert metrics.saturation() == "2 requests waiting for a routing thread"
    assert _gauge("afterhours_saturated") == 1.0
    monkeypatch.setattr(metrics._load, "threads_waiting", 0)
    assert metrics.saturation() is None
