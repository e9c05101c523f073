"""The load scenario (issue 10): whole screened calls and texts arriving at fixed rates,
open-loop, against the app on PostgreSQL and Redis with real workers running.

Open-loop: arrivals follow a schedule fixed in advance (Poisson, seeded), and each arrival is
its own task, whether or not the earlier ones were answered. A slow app therefore shows as
latency and as calls in flight, never as a lower offered load (a closed loop of N callers
would wait for the app and offer less). Latency is counted from the request's send; each
arrival's lateness against its schedule is kept too, so a load generator that fell behind
(the machine is shared) is visible rather than hidden.

Bounded: `duration_s` of arrivals, then at most `drain_s` for the last answers.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from bench.load import (
    ACCOUNT,
    SMS_FAILSAFE,
    TEXT_BODY,
    Signer,
    UnitFailed,
    _dial_urls,
    clinician_leg_params,
    percentile,
    voice_params,
)

STEPS = ("voice", "screen", "answer", "next")


def schedule(rate_per_s: float, duration_s: float, rng: random.Random) -> list[float]:
    """Arrival offsets (seconds from the start) of a Poisson process at `rate_per_s`."""
    offsets: list[float] = []
    at = rng.expovariate(rate_per_s)
    while at < duration_s:
        offsets.append(at)
        at += rng.expovariate(rate_per_s)
    return offsets


@dataclass
class Stream:
    """What one kind of arrival measured."""

    name: str
    rate_per_s: float
    offered: int = 0  # arrivals started
    completed: int = 0  # arrivals that ran to their end without an error
    errors: list[str] = field(default_factory=list)
    lateness: list[float] = field(default_factory=list)  # send time - scheduled time (s)
    latencies: dict[str, list[float]] = field(default_factory=dict)  # step -> seconds
    failsafe: list[float] = field(default_factory=list)  # latency of each fail-safe answer

    def record(self, step: str, seconds: float) -> None:
        self.latencies.setdefault(step, []).append(seconds)


@dataclass
class Scenario:
    duration_s: float
    calls: Stream
    texts: Stream
    elapsed_s: float = 0.0  # first arrival to last answer
    arrivals_s: float = 0.0  # first to last arrival (the offered window)
    unfinished: int = 0  # arrivals still unanswered when the drain time ran out
    load_average: tuple[float, float, float] = (0.0, 0.0, 0.0)
    in_flight_max: float = float("nan")  # afterhours_webhooks_in_flight, max seen
    saturated_seen: int = 0  # /readyz samples that answered saturated
    app_failsafe: int = -1  # the app's own count of voice fail-safe answers (metrics delta)
    # The app's own /twilio/voice timings (afterhours_webhook_seconds): answers, and those
    # within 0.5 s and 1 s of their arrival in the app (the client's figures add the queue
    # in front of the app and the load generator's own lag).
    app_voice: dict[str, int] = field(default_factory=dict)
    app_threads: str = "40 (anyio's default)"  # the app's routing threads
    readyz_samples: int = 0

    def offered_rate(self, stream: Stream) -> float:
        """Arrivals started per second of the schedule."""
        return stream.offered / self.duration_s if self.duration_s > 0 else float("nan")

    def achieved_rate(self, stream: Stream) -> float:
        """Arrivals that took their route (every step, no error, not the fail-safe) per
        second, up to the last answer."""
        routed = stream.completed - len(stream.failsafe)
        return routed / self.elapsed_s if self.elapsed_s > 0 else float("nan")

    def ms(self, stream: Stream, step: str, q: float) -> float:
        return percentile(stream.latencies.get(step, []), q) * 1000

    def max_ms(self, stream: Stream, step: str) -> float:
        values = stream.latencies.get(step, [])
        return max(values) * 1000 if values else float("nan")

    def failsafe_share(self) -> float:
        answered = len(self.calls.latencies.get("voice", []))
        return len(self.calls.failsafe) / answered if answered else float("nan")

    def failsafe_max_ms(self) -> float:
        return max(self.calls.failsafe) * 1000 if self.calls.failsafe else float("nan")


class Arrivals:
    """The requests of one screened call and of one text, timed step by step."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        signer: Signer,
        to: str,
        callers: list[str],
        texters: list[str],
    ) -> None:
        self.client = client
        self.signer = signer
        self.to = to
        self.callers = callers
        self.texters = texters
        self._call = 0
        self._text = 0

    async def _post(self, path_and_query: str, params: dict[str, str]) -> tuple[str, float]:
        t0 = time.perf_counter()
        response = await self.client.post(
            path_and_query, data=params, headers=self.signer.headers(path_and_query, params)
        )
        seconds = time.perf_counter() - t0
        if response.status_code != 200:
            raise UnitFailed(f"{path_and_query.split('?')[0]}: HTTP {response.status_code}")
        return response.text, seconds

    async def call(self, stream: Stream) -> None:
        """voice -> screen -> answer (Digits=1) -> next, as Twilio posts them."""
        caller = self.callers[self._call % len(self.callers)]
        self._call += 1
        sid = "CA" + uuid.uuid4().hex
        body, seconds = await self._post("/twilio/voice", voice_params(sid, caller, self.to))
        stream.record("voice", seconds)
        try:
            screen_url, next_url, clinician = _dial_urls(body)
        except (LookupError, ET.ParseError):
            if "<Dial" in body:  # the crisis line: the fail-safe answered
                stream.failsafe.append(seconds)
                return
            raise UnitFailed("voice: no clinician Dial") from None
        leg = clinician_leg_params(sid, self.to, clinician)
        body, seconds = await self._post(screen_url, leg)
        stream.record("screen", seconds)
        gather = next(ET.fromstring(body).iter("Gather"), None)
        if gather is None or not gather.get("action"):
            raise UnitFailed("screen: no Gather")
        body, seconds = await self._post(gather.get("action") or "", leg | {"Digits": "1"})
        stream.record("answer", seconds)
        if "Connecting" not in body:
            raise UnitFailed("answer: not bridged")
        done = voice_params(sid, caller, self.to) | {
            "CallStatus": "in-progress",
            "DialCallSid": leg["CallSid"],
            "DialCallStatus": "completed",
            "DialBridged": "true",
            "DialCallDuration": "60",
        }
        body, seconds = await self._post(next_url, done)
        stream.record("next", seconds)
        if "<Hangup" not in body:
            raise UnitFailed("next: no Hangup")

    async def text(self, stream: Stream) -> None:
        texter = self.texters[self._text % len(self.texters)]
        self._text += 1
        sid = "SM" + uuid.uuid4().hex
        params = {
            "AccountSid": ACCOUNT,
            "ApiVersion": "2010-04-01",
            "MessageSid": sid,
            "SmsSid": sid,
            "From": texter,
            "To": self.to,
            "Body": TEXT_BODY,
            "NumMedia": "0",
            "NumSegments": "1",
        }
        body, seconds = await self._post("/twilio/sms", params)
        stream.record("sms", seconds)
        if "<Message" not in body:
            raise UnitFailed("sms: no Message")
        if SMS_FAILSAFE in body:
            stream.failsafe.append(seconds)


async def _arrive(
    stream: Stream,
    unit: Callable[[Stream], Awaitable[None]],
    scheduled: float,
) -> None:
    stream.offered += 1
    stream.lateness.append(time.perf_counter() - scheduled)
    try:
        await unit(stream)
    except (UnitFailed, httpx.HTTPError, ET.ParseError) as exc:
        stream.errors.append(type(exc).__name__ if not isinstance(exc, UnitFailed) else str(exc))
        return
    stream.completed += 1


async def run(
    arrivals: Arrivals,
    *,
    call_rate: float,
    text_rate: float,
    duration_s: float,
    drain_s: float = 20.0,
    seed: int = 10,
    probe: Callable[[], Awaitable[tuple[float, bool]]] | None = None,
) -> Scenario:
    """Both streams for `duration_s`; `probe` (in-flight gauge, saturated?) every 0.5 s."""
    rng = random.Random(seed)
    scenario = Scenario(duration_s, Stream("call", call_rate), Stream("sms", text_rate))
    plan = sorted(
        [(at, scenario.calls, arrivals.call) for at in schedule(call_rate, duration_s, rng)]
        + [(at, scenario.texts, arrivals.text) for at in schedule(text_rate, duration_s, rng)],
        key=lambda item: item[0],
    )
    tasks: list[asyncio.Task[None]] = []
    in_flight: list[float] = []
    stop_probe = asyncio.Event()

    async def probing() -> None:
        assert probe is not None
        while not stop_probe.is_set():
            try:
                gauge, saturated = await probe()
                in_flight.append(gauge)
                scenario.readyz_samples += 1
                scenario.saturated_seen += int(saturated)
            except httpx.HTTPError:
                pass
            try:
                await asyncio.wait_for(stop_probe.wait(), 0.5)
            except TimeoutError:
                pass

    prober = asyncio.create_task(probing()) if probe is not None else None
    started = time.perf_counter()
    for at, stream, unit in plan:
        scheduled = started + at
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_arrive(stream, unit, scheduled)))
    scenario.arrivals_s = time.perf_counter() - started
    _, pending = await asyncio.wait(tasks, timeout=drain_s) if tasks else (set(), set())
    for task in pending:
        task.cancel()
    scenario.unfinished = len(pending)
    scenario.elapsed_s = time.perf_counter() - started
    stop_probe.set()
    if prober is not None:
        await prober
    scenario.in_flight_max = max(in_flight) if in_flight else float("nan")
    return scenario
