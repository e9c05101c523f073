"""`make bench`: the SPEC §10 measurements in one run, written to bench/results.md.

Phases: a fresh PostgreSQL database (afterhours_bench), `afterhours roster load` of a
medium roster and its unchanged reload, the big roster bulk-loaded, the floor and the app
side by side under interleaved rounds of signed webhooks, table growth and resident memory,
then the route lookup as the window table grows, and last the load scenario of issue 10
(screened calls and texts arriving open-loop at fixed rates, against a fresh app with its
workers). Exits 1 when a SPEC §10 or issue-10 target is missed.

BENCH_QUICK=1: a small roster and few requests (development). BENCH_KEEP_DB=1 keeps the
database afterwards. BENCH_ONLY=load: only the big roster and the load scenario.
"""

from __future__ import annotations

import asyncio
import os
import platform
import random
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import load, lookup, openloop, report, servers
from bench.common import DB_NAME, HERE, REDIS_URL, flush_redis, say
from bench.load_phase import load_phase
from bench.roster import bulk_load, generate
from bench.roster_phase import afterhours, measure_roster_load, table_sizes
from router.core.db import make_engine


@dataclass
class Plan:
    quick: bool
    clinicians: int
    patients: int
    windows_per_clinician: int
    load_clinicians: int
    load_patients: int
    load_windows_per_clinician: int
    rounds: int
    counts: dict[int, int]  # concurrency -> units per cell (requests)
    call_counts: dict[int, int]  # concurrency -> screened calls per cell
    time_cap_s: float
    growth_calls: int
    growth_cap_s: float
    lookup_sizes: list[int]
    lookup_samples: int
    lookup_repeat: int
    concurrencies: tuple[int, ...] = (1, 8, 32)
    # The load scenario (issue 10): whole screened calls and texts per second, open-loop.
    load_call_rate: float = 10.0
    load_text_rate: float = 5.0
    load_duration_s: float = 30.0
    load_warmup_s: float = 5.0
    load_workers: int = 2


def plan(quick: bool) -> Plan:
    if quick:
        return Plan(
            quick=True,
            clinicians=100,
            patients=2_000,
            windows_per_clinician=20,
            load_clinicians=20,
            load_patients=200,
            load_windows_per_clinician=25,
            rounds=2,
            counts={1: 20, 8: 80, 32: 128},
            call_counts={1: 5, 8: 24, 32: 64},
            time_cap_s=5.0,
            growth_calls=100,
            growth_cap_s=20.0,
            lookup_sizes=[1_000, 10_000, 50_000],
            lookup_samples=50,
            lookup_repeat=1,
            load_duration_s=10.0,
            load_warmup_s=3.0,
        )
    return Plan(
        quick=False,
        clinicians=1_000,
        patients=20_000,
        windows_per_clinician=50,
        # SPEC §10's roster size through the CLI: 50,000 windows (15,000 patients, so that its
        # numbers and the big roster's fit the fictional 555-01XX range together).
        load_clinicians=1_000,
        load_patients=15_000,
        load_windows_per_clinician=50,
        rounds=3,
        counts={1: 100, 8: 500, 32: 640},
        call_counts={1: 25, 8: 120, 32: 192},
        time_cap_s=8.0,
        growth_calls=1_000,
        growth_cap_s=30.0,
        lookup_sizes=[1_000, 100_000, 1_000_000],
        lookup_samples=200,
        lookup_repeat=2,
    )


@dataclass
class Results:
    plan: Plan
    started: datetime
    machine: dict[str, str]
    notes: list[str] = field(default_factory=list)
    migrate_s: float = 0.0
    roster_load: dict[str, Any] = field(default_factory=dict)
    bulk: dict[str, Any] = field(default_factory=dict)
    first_call_ms: float = float("nan")
    cells: list[load.Cell] = field(default_factory=list)
    cell_rounds: list[int] = field(default_factory=list)
    growth: dict[str, Any] = field(default_factory=dict)
    memory: dict[str, int] = field(default_factory=dict)
    lookups: list[lookup.LookupResult] = field(default_factory=list)
    scenario: openloop.Scenario | None = None
    only: str = ""  # BENCH_ONLY: the one phase run ("" for all)
    duration_s: float = 0.0


def machine() -> dict[str, str]:
    model = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem_kib = int(line.split()[1])
    pg = subprocess.run(
        ["psql", *servers.PG_ADMIN, "-tAc", "show server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "ram": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "postgresql": pg or "?",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


async def http_phase(
    p: Plan,
    res: Results,
    floor: servers.Server,
    app: servers.Server,
    token: str,
    engine: Any,
    patient_phones: list[str],
    clinician_phones: list[str],
    practice_number: str,
) -> None:
    del clinician_phones
    rng = random.Random(5)
    phones = patient_phones[:]
    rng.shuffle(phones)
    quarter = len(phones) // 4
    floor_client, app_client = load.client_for(floor.base_url), load.client_for(app.base_url)
    floor_signer = load.Signer(token, floor.base_url)
    app_signer = load.Signer(token, app.base_url)
    targets: dict[str, load.Target] = {
        "floor": load.FloorTarget("floor", floor_client, floor_signer, practice_number, phones),
        "voice": load.VoiceTarget(
            "voice", app_client, app_signer, practice_number, phones[:quarter]
        ),
        "call": load.ScreenedCallTarget(
            "call", app_client, app_signer, practice_number, phones[quarter : 2 * quarter]
        ),
        "sms": load.SmsTarget(
            "sms", app_client, app_signer, practice_number, phones[2 * quarter :]
        ),
    }
    try:
        # The first call after the app started (issue 9, item 3): informational.
        t0 = time.perf_counter()
        await targets["voice"].unit()
        res.first_call_ms = (time.perf_counter() - t0) * 1000
        for name, target in targets.items():  # warm-up, not measured
            await load.run_cell(target.unit, target=name, concurrency=4, count=20, time_cap_s=10)
        order = list(targets)
        for round_ in range(p.rounds):
            rotated = order[round_ % len(order) :] + order[: round_ % len(order)]
            for concurrency in p.concurrencies:
                for name in rotated:
                    target = targets[name]
                    count = (p.call_counts if name == "call" else p.counts)[concurrency]
                    failsafe_before = target.failsafe
                    cell = await load.run_cell(
                        target.unit,
                        target=name,
                        concurrency=concurrency,
                        count=count,
                        time_cap_s=p.time_cap_s,
                    )
                    cell.failsafe = target.failsafe - failsafe_before
                    res.cells.append(cell)
                    res.cell_rounds.append(round_)
            say(f"  round {round_ + 1}/{p.rounds} done")
        # Growth: a measured run of screened calls, then of texts. Requests a client gave up
        # on may still be running in the app: let them finish before each snapshot.
        await asyncio.sleep(3)
        before = table_sizes(engine)
        calls = await load.run_cell(
            targets["call"].unit,
            target="call",
            concurrency=8,
            count=p.growth_calls,
            time_cap_s=p.growth_cap_s,
        )
        await asyncio.sleep(3)
        after_calls = table_sizes(engine)
        texts = await load.run_cell(
            targets["sms"].unit,
            target="sms",
            concurrency=8,
            count=p.growth_calls,
            time_cap_s=p.growth_cap_s,
        )
        await asyncio.sleep(3)
        after_texts = table_sizes(engine)
        # Every call and every text (from distinct patients) opens one contact: the contacts
        # counted are the denominators, whether or not the client waited for the answer.
        res.growth = {
            "calls": after_calls["contacts"][0] - before["contacts"][0],
            "texts": after_texts["contacts"][0] - after_calls["contacts"][0],
            "call_errors": calls.errors,
            "text_errors": texts.errors,
            "before": before,
            "after_calls": after_calls,
            "after_texts": after_texts,
        }
        rss, hwm = app.rss_kib()
        floor_rss, _ = floor.rss_kib()
        res.memory = {"app_rss_kib": rss, "app_peak_kib": hwm, "floor_rss_kib": floor_rss}
    finally:
        await floor_client.aclose()
        await app_client.aclose()


def main() -> int:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    only = os.environ.get("BENCH_ONLY", "").strip()
    if only not in ("", "load"):
        say(f"BENCH_ONLY={only!r}: the phases that run alone are: load")
        return 2
    p = plan(quick)
    started = time.perf_counter()
    res = Results(plan=p, started=datetime.now(UTC), machine=machine(), only=only)
    run_dir = HERE / ".run"
    run_dir.mkdir(exist_ok=True)
    for stale in run_dir.glob("afterhours.spool*"):
        stale.unlink()
    url = servers.pg_url(DB_NAME)
    say(f"{'quick' if quick else 'full'} run; database {DB_NAME}, Redis db 14")
    servers.recreate_database(DB_NAME)
    flush_redis()
    engine = make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    floor = app = worker = None
    try:
        res.migrate_s, _ = afterhours(["db", "upgrade"], url, run_dir)
        if not only:
            measure_roster_load(p, engine, url, run_dir, res)

        say(
            f"building the roster: {p.clinicians} clinicians, {p.patients} patients, "
            f"{p.clinicians * p.windows_per_clinician} windows (bulk COPY)"
        )
        roster = generate(
            practice_id="bench",
            clinicians=p.clinicians,
            patients=p.patients,
            windows_per_clinician=p.windows_per_clinician,
            number_offset=0,
            today=datetime.now(UTC),
        )
        t0 = time.perf_counter()
        rows = bulk_load(engine, roster)
        res.bulk = {
            "rows": rows,
            "seconds": time.perf_counter() - t0,
            "windows": len(roster.windows),
        }
        say(f"  {rows} rows in {res.bulk['seconds']:.1f} s")

        token = secrets.token_hex(16)
        patient_phones = [ph for pt in roster.patients for ph in pt["phones"][:1]]
        practice_number = roster.practice["numbers"][0]
        if not only:
            floor_port, app_port = servers.free_port(), servers.free_port()
            floor = servers.start(
                "floor",
                [sys.executable, "-m", "bench.floor", "--port", str(floor_port)],
                servers.base_env(token, floor_port) | {"PYTHONPATH": str(HERE.parent)},
                run_dir,
                floor_port,
                "/docs",
            )
            app_env = servers.base_env(token, app_port) | {
                "DATABASE_URL": url,
                "REDIS_URL": REDIS_URL,
            }
            app = servers.start(
                "app",
                [servers.tool("afterhours"), "serve", "--port", str(app_port)],
                app_env,
                run_dir,
                app_port,
                "/readyz",
            )
            # The production shape (SPEC §3): an `afterhours worker` sends the relays and runs
            # the delayed jobs, as docker-compose runs one; without it the web process's own
            # sweep sends them, which no deploy does.
            worker = servers.start_worker("worker", app_env, run_dir)
            say(
                f"floor on :{floor_port}, app on :{app_port} with a worker; "
                f"{p.rounds} interleaved rounds"
            )
            asyncio.run(
                http_phase(
                    p,
                    res,
                    floor,
                    app,
                    token,
                    engine,
                    patient_phones,
                    [c["phone"] for c in roster.clinicians],
                    practice_number,
                )
            )
            worker.stop()
            app.stop()
            floor.stop()
        # On the big roster as built (the lookup phase below replaces its windows).
        load_phase(p, res, token, url, run_dir, patient_phones, practice_number)
        if not only:
            say(f"route lookup at {', '.join(f'{n:,}' for n in p.lookup_sizes)} windows")
            res.lookups = lookup.run(
                engine, "bench", p.lookup_sizes, p.lookup_samples, p.lookup_repeat
            )
    finally:
        for server in (worker, app, floor):
            if server is not None:
                server.stop()
        engine.dispose()
        if os.environ.get("BENCH_KEEP_DB", "") in ("", "0"):
            servers.drop_database(DB_NAME)
        flush_redis()
    res.duration_s = time.perf_counter() - started
    missed = report.write(res, HERE / "results.md", HERE.parent / "README.md")
    print((HERE / "results.md").read_text())
    if missed:
        say(f"{len(missed)} target(s) missed: {', '.join(missed)}")
        return 1
    say("every SPEC §10 and issue-10 target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
