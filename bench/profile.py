"""`make bench-profile`: where the time goes on the webhooks, under the bench's load.

Builds the bench roster (BENCH_QUICK=1: the small one), starts the app with counters
(bench.instrumented), and for each of /twilio/voice, /twilio/sms and the screened call drives
8 concurrent signed requests while py-spy samples every thread of the app process. Writes
bench/.run/profile-summary.md (SQL round trips, thread hops, top frames) and the raw
collapsed stacks beside it; bench/PROFILE.md is the reading of them.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from redis import Redis

from bench import load, servers
from bench.common import HERE, say
from bench.roster import bulk_load, generate
from bench.roster_phase import afterhours
from bench.run import plan
from router.core.db import make_engine

SECONDS = 20
# Its own database and Redis db (env to override), so that a profile never disturbs a
# `make bench` (afterhours_bench, Redis db 14) running at the same time.
DB_NAME = os.environ.get("BENCH_PROFILE_DB", "afterhours_bench_profile")
REDIS_URL = os.environ.get("BENCH_PROFILE_REDIS_URL", "redis://127.0.0.1:6379/7")


def flush_redis() -> None:
    Redis.from_url(REDIS_URL, socket_timeout=2).flushdb()


def _counts(base: str) -> dict[str, Any]:
    return httpx.get(base + "/__bench/counts", timeout=5).json()  # type: ignore[no-any-return]


def _diff(after: dict[str, Any], before: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path, row in after.items():
        old = before.get(path, {})
        delta = {}
        for key, value in row.items():
            if key == "shapes":
                shapes = Counter(value)
                shapes.subtract(Counter(old.get("shapes", {})))
                delta[key] = {k: v for k, v in shapes.most_common(80) if v > 0}
            else:
                delta[key] = value - old.get(key, 0)
        if delta["requests"]:
            out[path] = delta
    return out


def _top_frames(
    raw: Path, limit: int = 25
) -> tuple[list[tuple[str, float]], list[tuple[str, float]], int]:
    """(inclusive, self) shares of samples per frame from py-spy's collapsed stacks."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [
            f.split(" (")[0] + " (" + f.split(" (")[-1].split(":")[0].split("/")[-1] + ")"
            if " (" in f
            else f
            for f in stack.split(";")
        ]
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    if not total:
        return [], [], 0
    return (
        [(f, n / total) for f, n in inclusive.most_common(limit)],
        [(f, n / total) for f, n in own.most_common(limit)],
        total,
    )


async def _drive(target: load.Target, seconds: float) -> load.Cell:
    return await load.run_cell(
        target.unit, target=target.name, concurrency=8, count=10**6, time_cap_s=seconds
    )


def main() -> int:
    p = plan(os.environ.get("BENCH_QUICK", "") not in ("", "0"))
    run_dir = HERE / ".run"
    run_dir.mkdir(exist_ok=True)
    url = servers.pg_url(DB_NAME)
    servers.recreate_database(DB_NAME)
    flush_redis()
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    app = None
    sections: list[str] = []
    try:
        afterhours(["db", "upgrade"], url, run_dir)
        roster = generate(
            practice_id="bench",
            clinicians=p.clinicians,
            patients=p.patients,
            windows_per_clinician=p.windows_per_clinician,
            number_offset=0,
            today=datetime.now(UTC),
        )
        bulk_load(engine, roster)
        token = secrets.token_hex(16)
        port = servers.free_port()
        env = servers.base_env(token, port) | {
            "DATABASE_URL": url,
            "REDIS_URL": REDIS_URL,
            "PYTHONPATH": str(HERE.parent),
        }
        app = servers.start(
            "app-instrumented",
            [sys.executable, "-m", "bench.instrumented", "--port", str(port)],
            env,
            run_dir,
            port,
            "/readyz",
        )
        phones = [pt["phones"][0] for pt in roster.patients]
        number = roster.practice["numbers"][0]

        async def phases() -> None:
            client = load.client_for(app.base_url)
            signer = load.Signer(token, app.base_url)
            third = len(phones) // 3
            targets = [
                load.VoiceTarget("voice", client, signer, number, phones[:third]),
                load.SmsTarget("sms", client, signer, number, phones[third : 2 * third]),
                load.ScreenedCallTarget("call", client, signer, number, phones[2 * third :]),
            ]
            try:
                for target in targets:  # warm-up
                    await load.run_cell(
                        target.unit, target=target.name, concurrency=4, count=20, time_cap_s=10
                    )
                for target in targets:
                    raw = run_dir / f"profile-{target.name}.txt"
                    before = _counts(app.base_url)
                    spy = subprocess.Popen(
                        [
                            servers.tool("py-spy"),
                            "record",
                            "--pid",
                            str(app.process.pid),
                            "--duration",
                            str(SECONDS),
                            "--rate",
                            "250",
                            "--format",
                            "raw",
                            "--output",
                            str(raw),
                            "--nonblocking",
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.STDOUT,
                    )
                    await asyncio.sleep(1.0)
                    cell = await _drive(target, SECONDS - 2)
                    spy.wait(timeout=60)
                    counts = _diff(_counts(app.base_url), before)
                    sections.append(_section(target.name, cell, counts, raw))
                    say(f"profiled {target.name}: {len(cell.latencies)} units")
            finally:
                await client.aclose()

        asyncio.run(phases())
    finally:
        if app is not None:
            app.stop()
        engine.dispose()
        if os.environ.get("BENCH_KEEP_DB", "") in ("", "0"):
            servers.drop_database(DB_NAME)
        flush_redis()
    summary = run_dir / "profile-summary.md"
    header = (
        f"# Profile run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({'quick' if p.quick else 'full'}"
        f" roster: {p.clinicians} clinicians, {p.patients} patients, "
        f"{p.clinicians * p.windows_per_clinician} windows), 8 concurrent, py-spy at 250 Hz on "
        f"all threads, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n"
    )
    summary.write_text(header + "\n".join(sections))
    print(summary.read_text())
    return 0


def _section(name: str, cell: load.Cell, counts: dict[str, Any], raw: Path) -> str:
    out = [f"\n## {name}\n"]
    lat = cell.latencies
    out.append(
        f"{len(lat)} units in {cell.elapsed:.1f} s ({len(lat) / cell.elapsed:.0f}/s), p50 "
        f"{load.percentile(lat, 50) * 1000:.1f} ms, p99 {load.percentile(lat, 99) * 1000:.1f} ms,"
        f" errors {cell.errors}, fail-safe {cell.failsafe}\n"
    )
    out.append(
        "| path | requests | SQL statements/req | transactions/req | pool checkouts/req "
        "| round trips/req | SQL ms/req | wall ms/req | thread hops/req | SQL threads/req |"
    )
    out.append("|---|---|---|---|---|---|---|---|---|---|")
    for path, row in sorted(counts.items()):
        n = row["requests"]
        trips = row["statements"] + 2 * row["transactions"] + row["pings"]
        out.append(
            f"| {path} | {n} | {row['statements'] / n:.1f} | {row['transactions'] / n:.1f} | "
            f"{row['pings'] / n:.1f} | {trips / n:.1f} | {row['sql_s'] * 1000 / n:.2f} | "
            f"{row['wall_s'] * 1000 / n:.2f} | {row['hops'] / n:.1f} | {row['threads'] / n:.1f} |"
        )
    for path, row in sorted(counts.items()):
        out.append(f"\nStatements on {path} (count per request, shape):\n")
        for shape, count in row["shapes"].items():
            out.append(f"- {count / row['requests']:.1f}x `{shape}`")
    if raw.exists():
        inclusive, own, total = _top_frames(raw)
        out.append(
            f"\nTop frames by inclusive share of {total} samples (all threads, idle excluded):\n"
        )
        out.extend(f"- {share:5.1%} {frame}" for frame, share in inclusive)
        out.append("\nTop frames by self share:\n")
        out.extend(f"- {share:5.1%} {frame}" for frame, share in own)
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
