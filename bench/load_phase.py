"""The issue-10 load scenario: screened calls and texts arriving open-loop at fixed rates
against a fresh app on PostgreSQL and Redis with its real workers, and the app's own counts
(fail-safe answers, voice answers by time, saturation) read from /metrics around it."""

from __future__ import annotations

import asyncio
import os
import random
import sys
from pathlib import Path
from typing import Any

from bench import load, openloop, servers
from bench.common import HERE, REDIS_URL, flush_redis, say


def _metric(exposition: str, name: str, *labels: str) -> float:
    """The sum of a metric's samples in Prometheus text (those with every one of `labels`)."""
    total = 0.0
    for line in exposition.splitlines():
        if line.startswith(name) and all(label in line for label in labels):
            head, _, value = line.rpartition(" ")
            if head == name or head.startswith(name + "{"):
                total += float(value)
    return total


async def _app_counts(client: Any) -> dict[str, float]:
    """The app's own counts: voice fail-safe answers, and /twilio/voice answers by time
    (afterhours_webhook_seconds, from the request's arrival in the app to its answer)."""
    exposition = (await client.get("/metrics")).text
    voice = 'route="/twilio/voice"'
    bucket = "afterhours_webhook_seconds_bucket"
    return {
        "failsafe": _metric(exposition, "afterhours_failsafe_answers_total", 'channel="voice"'),
        "voice": _metric(exposition, "afterhours_webhook_seconds_count", voice),
        "voice_500ms": _metric(exposition, bucket, voice, 'le="0.5"'),
        "voice_1s": _metric(exposition, bucket, voice, 'le="1.0"'),
    }


async def _probe(client: Any) -> tuple[float, bool]:
    """The app's own view while loaded: webhooks in flight (gauge) and /readyz saturated?"""
    exposition = (await client.get("/metrics")).text
    gauge = _metric(exposition, "afterhours_webhooks_in_flight")
    ready = await client.get("/readyz")
    return gauge, ready.status_code == 503 and "saturated" in ready.text


async def _open_loop(
    p: Any, app: servers.Server, token: str, callers: list[str], texters: list[str], to: str
) -> openloop.Scenario:
    client = load.client_for(app.base_url, connections=512)
    probe_client = load.client_for(app.base_url)
    try:
        arrivals = openloop.Arrivals(client, load.Signer(token, app.base_url), to, callers, texters)
        # Warm-up at the same rates, not measured (connections, caches, the workers' first jobs).
        await openloop.run(
            arrivals,
            call_rate=p.load_call_rate,
            text_rate=p.load_text_rate,
            duration_s=p.load_warmup_s,
            seed=9,
        )
        await asyncio.sleep(1)
        before = await _app_counts(probe_client)
        scenario = await openloop.run(
            arrivals,
            call_rate=p.load_call_rate,
            text_rate=p.load_text_rate,
            duration_s=p.load_duration_s,
            seed=10,
            probe=lambda: _probe(probe_client),
        )
        after = await _app_counts(probe_client)
        # The app's whole exposition, for reading afterwards (fail-safe reasons, how calls
        # were routed): bench/.run/load-metrics.txt.
        (HERE / ".run" / "load-metrics.txt").write_text((await probe_client.get("/metrics")).text)
        scenario.app_failsafe = int(after["failsafe"] - before["failsafe"])
        scenario.app_voice = {k: int(after[k] - before[k]) for k in after if k != "failsafe"}
        return scenario
    finally:
        await client.aclose()
        await probe_client.aclose()


def load_phase(
    p: Any,
    res: Any,
    token: str,
    url: str,
    run_dir: Path,
    patient_phones: list[str],
    practice_number: str,
) -> None:
    """The load scenario on a fresh app (an empty queue) with `load_workers` real workers."""
    flush_redis()
    rng = random.Random(10)
    phones = patient_phones[:]
    rng.shuffle(phones)
    half = len(phones) // 2
    port = servers.free_port()
    env = servers.base_env(token, port) | {"DATABASE_URL": url, "REDIS_URL": REDIS_URL}
    app = None
    workers: list[servers.Server] = []
    try:
        threads = os.environ.get("BENCH_LOAD_THREADS", "").strip()
        argv = [servers.tool("afterhours"), "serve", "--port", str(port)]
        if threads:  # an experiment: fewer routing threads than anyio's default 40
            argv = [sys.executable, "-m", "bench.threads_app", "--port", str(port)]
            argv += ["--threads", str(int(threads))]
            env = env | {"PYTHONPATH": str(HERE.parent)}
        app = servers.start("app-load", argv, env, run_dir, port, "/readyz")
        for index in range(p.load_workers):
            workers.append(servers.start_worker(f"worker-{index + 1}", env, run_dir))
        say(
            f"load scenario: {p.load_call_rate:g} screened calls/s and {p.load_text_rate:g} "
            f"texts/s, open-loop, {p.load_duration_s:g} s (after {p.load_warmup_s:g} s warm-up); "
            f"app on :{port}, {p.load_workers} workers"
        )
        res.scenario = asyncio.run(
            _open_loop(p, app, token, phones[:half], phones[half:], practice_number)
        )
        res.scenario.load_average = os.getloadavg()
        if threads:
            res.scenario.app_threads = f"{int(threads)} (BENCH_LOAD_THREADS, bench/threads_app.py)"
        s = res.scenario
        say(
            f"  calls offered {s.offered_rate(s.calls):.1f}/s, achieved "
            f"{s.achieved_rate(s.calls):.1f}/s; voice p50 {s.ms(s.calls, 'voice', 50):.0f} ms, "
            f"p99 {s.ms(s.calls, 'voice', 99):.0f} ms, max {s.max_ms(s.calls, 'voice'):.0f} ms; "
            f"fail-safe {len(s.calls.failsafe)}; load average {s.load_average[0]:.2f}"
        )
        for worker in workers:
            if worker.process.poll() is not None:
                res.notes.append(f"{worker.name} exited during the load scenario")
    finally:
        for server in [*workers, app]:
            if server is not None:
                server.stop()
