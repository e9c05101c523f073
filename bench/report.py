"""bench/results.md and the README's Performance section, from one run's figures."""

from __future__ import annotations

import math
import re
import textwrap
from pathlib import Path
from typing import Any

from bench.load import Cell, percentile
from bench.report_load import LOAD_PARAGRAPH, load_section, load_targets

TARGET_CONCURRENCY = 8
LABELS = {
    "floor": "floor (bare FastAPI, signature check, fixed TwiML)",
    "voice": "`/twilio/voice`",
    "call": "screened call (voice, screen, answer 1, next)",
    "sms": "`/twilio/sms`",
}


def _merged(cells: list[Cell], target: str, concurrency: int) -> dict[str, float]:
    mine = [c for c in cells if c.target == target and c.concurrency == concurrency]
    latencies = [x for c in mine for x in c.latencies]
    elapsed = sum(c.elapsed for c in mine)
    return {
        "n": len(latencies),
        "p50": percentile(latencies, 50) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "rps": len(latencies) / elapsed if elapsed else float("nan"),
        "errors": sum(c.errors for c in mine),
        "failsafe": sum(c.failsafe for c in mine),
    }


def _per_round_ratio(res: Any, target: str, what: str) -> tuple[float, float]:
    ratios = []
    for round_ in sorted(set(res.cell_rounds)):
        cells = [c for c, r in zip(res.cells, res.cell_rounds, strict=True) if r == round_]
        mine = _merged(cells, target, TARGET_CONCURRENCY)
        floor = _merged(cells, "floor", TARGET_CONCURRENCY)
        if floor[what]:
            ratios.append(mine[what] / floor[what])
    return (min(ratios), max(ratios)) if ratios else (math.nan, math.nan)


def _f(value: float, digits: int = 1) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"


def targets(res: Any) -> list[tuple[str, str, str, bool]]:
    """(target, figure, limit, met) for each SPEC §10 target, then issue 10's."""
    return _spec_targets(res) + load_targets(res)


def _spec_targets(res: Any) -> list[tuple[str, str, str, bool]]:
    rows: list[tuple[str, str, str, bool]] = []
    if not res.cells:  # BENCH_ONLY: the webhook rounds did not run
        return rows
    c = TARGET_CONCURRENCY
    floor, voice, sms = (_merged(res.cells, t, c) for t in ("floor", "voice", "sms"))
    ratio = voice["p99"] / floor["p99"]
    rows.append(
        (
            f"`/twilio/voice` p99 vs the floor's, {c} concurrent",
            f"{_f(ratio, 2)}x ({_f(voice['p99'])} ms vs {_f(floor['p99'])} ms)",
            "<= 1.5x",
            ratio <= 1.5,
        )
    )
    ratio = voice["rps"] / floor["rps"]
    rows.append(
        (
            f"`/twilio/voice` throughput vs the floor's, {c} concurrent",
            f"{_f(ratio, 2)}x ({_f(voice['rps'], 0)} vs {_f(floor['rps'], 0)} req/s)",
            ">= 0.7x",
            ratio >= 0.7,
        )
    )
    ratio = sms["p99"] / floor["p99"]
    rows.append(
        (
            f"`/twilio/sms` p99 vs the floor's, {c} concurrent",
            f"{_f(ratio, 2)}x ({_f(sms['p99'])} ms vs {_f(floor['p99'])} ms)",
            "<= 2x",
            ratio <= 2.0,
        )
    )
    if res.lookups:
        small, big = res.lookups[0], res.lookups[-1]
        ratio = big.plan_for_p50_ms / small.plan_for_p50_ms
        rows.append(
            (
                f"route lookup at {big.windows:,} windows vs {small.windows:,} (p50)",
                f"{_f(ratio, 2)}x ({_f(big.plan_for_p50_ms, 2)} ms vs "
                f"{_f(small.plan_for_p50_ms, 2)} ms)",
                "<= 1.5x",
                ratio <= 1.5,
            )
        )
    load = res.roster_load
    if load:
        rows.append(
            (
                f"`roster load` throughput ({load['windows']:,} windows, "
                f"{load['patients']:,} patients)",
                f"{_f(load['windows_per_s'], 0)} windows/s ({_f(load['load_s'])} s)",
                ">= 5,000 windows/s",
                load["windows_per_s"] >= 5000,
            )
        )
        rows.append(
            (
                "unchanged reload writes nothing",
                f"{load['reload_rows_written']:,} rows written in {_f(load['reload_s'])} s",
                "0 rows",
                load["reload_rows_written"] == 0,
            )
        )
    return rows


def _growth_rows(growth: dict[str, Any]) -> list[str]:
    lines = []
    before, mid, after = growth["before"], growth["after_calls"], growth["after_texts"]
    calls, texts = growth["calls"] or 1, growth["texts"] or 1
    for table in before:
        rows_c = (mid[table][0] - before[table][0]) * 10_000 / calls
        bytes_c = (mid[table][1] - before[table][1]) * 10_000 / calls
        rows_t = (after[table][0] - mid[table][0]) * 10_000 / texts
        bytes_t = (after[table][1] - mid[table][1]) * 10_000 / texts
        lines.append(
            f"| `{table}` | {rows_c:,.0f} | {bytes_c / 2**20:,.2f} | {rows_t:,.0f} | "
            f"{bytes_t / 2**20:,.2f} | {after[table][0]:,} |"
        )
    return lines


def render(res: Any) -> str:
    p = res.plan
    out: list[str] = []
    mode = (
        "QUICK (BENCH_QUICK=1: small roster, few requests; not the SPEC sizes)"
        if p.quick
        else ("full")
    )
    out.append("# Benchmark results (`make bench`)")
    out.append("")
    out.append(f"Run {res.started:%Y-%m-%d %H:%M} UTC, {mode}, {res.duration_s:.0f} s in all.")
    machine = ", ".join(f"{k} {v}" for k, v in res.machine.items())
    out.append(f"Machine: {machine}.")
    out.append(
        f"Roster: {p.clinicians:,} clinicians, {p.patients:,} patients, "
        f"{p.clinicians * p.windows_per_clinician:,} windows in PostgreSQL "
        f"(bulk COPY: {res.bulk.get('rows', 0):,} rows in {res.bulk.get('seconds', 0):.1f} s); "
        f"migrations {res.migrate_s:.1f} s."
    )
    out.append(
        "The machine is shared (2 cores; other work may run at the same time and the load "
        "generator itself runs on the same cores): treat single figures as noisy, and the "
        "ratios between app and floor, measured in the same interleaved rounds, as the signal."
    )
    out.append("")
    if res.only:
        out.append(f"BENCH_ONLY={res.only}: only that phase ran; the other figures are absent.")
        out.append("")
    out.append("## SPEC §10 and issue-10 targets")
    out.append("")
    out.append("| target | figure | limit | |")
    out.append("|---|---|---|---|")
    for name, figure, limit, met in targets(res):
        out.append(f"| {name} | {figure} | {limit} | {'PASS' if met else 'MISS'} |")
    out.append("")
    if res.cells:
        out.extend(_webhook_section(res))
    if getattr(res, "scenario", None) is not None:
        out.extend(load_section(res.scenario))
    if res.lookups:
        out.extend(_lookup_section(res))
    out.extend(_rest(res))
    return "\n".join(out) + "\n"


def _webhook_section(res: Any) -> list[str]:
    p = res.plan
    out: list[str] = []
    out.append("## Webhooks")
    out.append("")
    out.append(
        f"{p.rounds} interleaved rounds; each round runs every target at every concurrency "
        "(the order of targets rotates between rounds). Latency is per unit: one request, or "
        "for the screened call the four requests of one call in turn. Signed form POSTs over "
        "loopback with keep-alive, async httpx; callers are the roster's patients "
        "(fictional +1 NPA 555 01XX numbers)."
    )
    out.append("")
    out.append(
        "| endpoint | conc. | units | p50 ms | p99 ms | units/s | p50 x floor | p99 x floor "
        "| rate x floor | errors | fail-safe |"
    )
    out.append("|---|---|---|---|---|---|---|---|---|---|---|")
    for concurrency in p.concurrencies:
        floor = _merged(res.cells, "floor", concurrency)
        for target in ("floor", "voice", "call", "sms"):
            m = _merged(res.cells, target, concurrency)
            out.append(
                f"| {LABELS[target]} | {concurrency} | {m['n']:,} | {_f(m['p50'])} | "
                f"{_f(m['p99'])} | {_f(m['rps'], 0)} | {_f(m['p50'] / floor['p50'], 2)} | "
                f"{_f(m['p99'] / floor['p99'], 2)} | {_f(m['rps'] / floor['rps'], 2)} | "
                f"{m['errors']} | {m['failsafe']} |"
            )
    out.append("")
    lo, hi = _per_round_ratio(res, "voice", "p99")
    slo, shi = _per_round_ratio(res, "sms", "p99")
    rlo, rhi = _per_round_ratio(res, "voice", "rps")
    out.append(
        f"Spread over rounds at {TARGET_CONCURRENCY} concurrent: voice p99 {_f(lo, 2)}-"
        f"{_f(hi, 2)}x the floor's, voice throughput {_f(rlo, 2)}-{_f(rhi, 2)}x, sms p99 "
        f"{_f(slo, 2)}-{_f(shi, 2)}x."
    )
    out.append(
        f"First `/twilio/voice` after `/readyz` answered: {_f(res.first_call_ms)} ms "
        "(informational; the routing deadline is 800 ms)."
    )
    out.append(
        "`fail-safe` counts voice answers that were the crisis-line fail-safe (routing missed "
        "its deadline); `errors` counts non-200 answers or unexpected TwiML."
    )
    out.append("")
    return out


def _lookup_section(res: Any) -> list[str]:
    out: list[str] = []
    out.append("## Route lookup")
    out.append("")
    out.append(
        "What a call pays for its route: `router.contacts.routes.plan_for` (care team, "
        "schedules and pauses from PostgreSQL, then `policies.route.plan_route`), for the "
        "same sampled "
        "patients and instants (the next 7 days) at each size; `pure` is `plan_route` alone "
        "on the fetched schedules. Growth model: 1,000 clinicians keep one weekly window each; "
        "every further window is a one-off 12-hour window spread over 5 years back and 1 "
        "ahead (5% duty, 3% off windows)."
    )
    out.append("")
    out.append("| windows | plan_for p50 ms | plan_for p99 ms | pure p50 ms | windows fetched |")
    out.append("|---|---|---|---|---|")
    for r in res.lookups:
        out.append(
            f"| {r.windows:,} | {r.plan_for_p50_ms:.2f} | {r.plan_for_p99_ms:.2f} | "
            f"{r.pure_p50_ms:.3f} | {r.rows_fetched:,.1f} |"
        )
    out.append("")
    return out


def _rest(res: Any) -> list[str]:
    out: list[str] = []
    load = res.roster_load
    if load:
        out.append("## Roster load")
        out.append("")
        out.append(
            f"`afterhours roster load` of a generated file with {load['clinicians']:,} "
            f"clinicians, {load['patients']:,} patients and {load['windows']:,} windows into "
            f"the bench database, a practice of its own beside the big roster (which is "
            f"bulk-loaded with COPY, to save time): first load {load['load_s']:.1f} s = "
            f"{load['windows_per_s']:,.0f} "
            f"windows/s; unchanged reload {load['reload_s']:.1f} s = "
            f"{load['reload_windows_per_s']:,.0f} windows/s, {load['reload_rows_written']:,} "
            "rows inserted, updated or deleted (pg_stat_user_tables); each includes the "
            "process start (about 0.5-0.8 s). The progress bar shows on a terminal only."
        )
        out.append("")
    if res.growth:
        g = res.growth
        out.append("## Growth and memory")
        out.append("")
        out.append(
            f"Measured over {g['calls']:,} screened calls, then {g['texts']:,} texts (8 "
            "concurrent), extrapolated to 10,000 (pg_total_relation_size: table, indexes, "
            "TOAST). Texts come from distinct patients, so each opens a contact."
        )
        out.append("")
        out.append(
            "| table | rows per 10k calls | MiB per 10k calls | rows per 10k texts "
            "| MiB per 10k texts | rows at the end |"
        )
        out.append("|---|---|---|---|---|---|")
        out.extend(_growth_rows(g))
        out.append("")
    if res.memory:
        m = res.memory
        out.append(
            f"App resident memory at the end: {m['app_rss_kib'] / 1024:.0f} MiB (peak "
            f"{m['app_peak_kib'] / 1024:.0f} MiB); the floor's: {m['floor_rss_kib'] / 1024:.0f} "
            "MiB."
        )
        out.append("")
    out.append(
        "Run it: `make bench` (about 13 minutes; `BENCH_QUICK=1 make bench` for a quick "
        "check; `BENCH_ONLY=load make bench` for the load scenario alone). It exits 1 while a "
        "target is missed. Profile: bench/PROFILE.md."
    )
    return out


def readme_section(res: Any) -> str:
    intro = (
        "`make bench` measures SPEC §10 on PostgreSQL (its own database, afterhours_bench on "
        "127.0.0.1:5432; Redis db 14) against a bare FastAPI floor that only checks the "
        "signature, and exits 1 while a target is missed; `BENCH_QUICK=1 make bench` is a "
        "small, fast run. Latest full run "
        f"{res.started:%Y-%m-%d}, {res.machine['nproc']} cores {res.machine['cpu']}, on a "
        "machine shared with other work (noisy figures); the whole table is in "
        "[bench/results.md](bench/results.md) and where the time goes in "
        "[bench/PROFILE.md](bench/PROFILE.md):"
    )
    lines = [
        "## Performance",
        "",
        *textwrap.wrap(intro, 95, break_on_hyphens=False),
        "",
        "| target | figure | limit | |",
        "|---|---|---|---|",
    ]
    for name, figure, limit, met in targets(res):
        lines.append(f"| {name} | {figure} | {limit} | {'PASS' if met else 'MISS'} |")
    lines.append("")
    lines.extend(textwrap.wrap(LOAD_PARAGRAPH, 95, break_on_hyphens=False))
    lines.append("")
    return "\n".join(lines)


def write(res: Any, results: Path, readme: Path) -> list[str]:
    results.write_text(render(res))
    if not res.plan.quick and not res.only:  # the README quotes whole full runs only
        text = readme.read_text()
        section = readme_section(res)
        pattern = re.compile(r"^## Performance\n.*?(?=^## |\Z)", re.S | re.M)
        if pattern.search(text):
            text = pattern.sub(lambda _: section + "\n", text, count=1)
        else:
            text = text.rstrip("\n") + "\n\n" + section
        readme.write_text(text.rstrip("\n") + "\n")
    return [name for name, _, _, met in targets(res) if not met]
