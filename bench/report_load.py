"""The load scenario's part of bench/results.md and the README: its issue-10 targets, its
section, and the paragraph that says what it is."""

from __future__ import annotations

from typing import Any

from bench.load import percentile


def _f(value: float, digits: int = 1) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"


VOICE_P99_LIMIT_MS = 500.0
FAILSAFE_LIMIT_MS = 1000.0


def load_targets(res: Any) -> list[tuple[str, str, str, bool]]:
    """(target, figure, limit, met) for each issue-10 target of the load scenario."""
    s = getattr(res, "scenario", None)
    if s is None:
        return []
    rates = f"{s.calls.rate_per_s:g} calls/s + {s.texts.rate_per_s:g} texts/s open-loop"
    answered = len(s.calls.latencies.get("voice", []))
    failsafe = len(s.calls.failsafe)
    app_count = "n/a" if s.app_failsafe < 0 else str(s.app_failsafe)
    p99 = s.ms(s.calls, "voice", 99)
    worst = s.failsafe_max_ms()
    failed = len(s.calls.errors) + len(s.texts.errors) + s.unfinished
    return [
        (
            f"load ({rates}): calls answered by the fail-safe, database healthy",
            f"{failsafe} of {answered:,} ({_f(100 * s.failsafe_share(), 1)}%; "
            f"the app's count: {app_count})",
            "0",
            failsafe == 0 and s.app_failsafe <= 0,
        ),
        (
            f"load ({rates}): `/twilio/voice` p99",
            f"{_f(p99)} ms (p50 {_f(s.ms(s.calls, 'voice', 50))}, max "
            f"{_f(s.max_ms(s.calls, 'voice'))})",
            f"< {VOICE_P99_LIMIT_MS:,.0f} ms",
            p99 < VOICE_P99_LIMIT_MS,
        ),
        (
            "load: every fail-safe answer within the deadline",
            "none answered by the fail-safe"
            if not failsafe
            else f"max {_f(worst)} ms over {failsafe}",
            f"< {FAILSAFE_LIMIT_MS:,.0f} ms",
            not failsafe or worst < FAILSAFE_LIMIT_MS,
        ),
        (
            "load: every arrival answered (errors, unanswered)",
            f"{failed} ({len(s.calls.errors)} call errors, {len(s.texts.errors)} text errors, "
            f"{s.unfinished} unanswered)",
            "0",
            failed == 0,
        ),
    ]


def load_section(s: Any) -> list[str]:
    out = ["## Load scenario (issue 10)", ""]
    la = " ".join(f"{x:.2f}" for x in s.load_average)
    lateness = [x * 1000 for x in s.calls.lateness + s.texts.lateness]
    out.append(
        f"Open-loop: {s.calls.rate_per_s:g} whole screened calls a second (voice, screen, "
        f"answer 1, next, each call in turn) and {s.texts.rate_per_s:g} texts a second, "
        f"Poisson arrivals on a schedule fixed in advance, each arrival its own task, for "
        f"{s.duration_s:g} s after an unmeasured warm-up at the same rates. A fresh app on "
        "PostgreSQL and Redis with its `afterhours worker`s running, on the big roster. "
        f"Load average at the end: {la} (2 cores, shared; the load generator runs on them "
        f"too). Routing threads: {s.app_threads}. Latency per request, from its send."
    )
    out.append("")
    out.append("| stream | step | requests | p50 ms | p99 ms | max ms |")
    out.append("|---|---|---|---|---|---|")
    for stream, steps in ((s.calls, ("voice", "screen", "answer", "next")), (s.texts, ("sms",))):
        for step in steps:
            values = stream.latencies.get(step, [])
            out.append(
                f"| {stream.name} | {step} | {len(values):,} | {_f(s.ms(stream, step, 50))} | "
                f"{_f(s.ms(stream, step, 99))} | {_f(s.max_ms(stream, step))} |"
            )
    out.append("")
    out.append(
        "| stream | offered /s | achieved /s (routed) | arrivals | routed | fail-safe | errors |"
    )
    out.append("|---|---|---|---|---|---|---|")
    for stream in (s.calls, s.texts):
        out.append(
            f"| {stream.name} | {_f(s.offered_rate(stream), 2)} | "
            f"{_f(s.achieved_rate(stream), 2)} | {stream.offered:,} | "
            f"{stream.completed - len(stream.failsafe):,} | {len(stream.failsafe)} | "
            f"{len(stream.errors)} |"
        )
    out.append("")
    kinds = sorted(set(s.calls.errors + s.texts.errors))
    out.append(
        f"Fail-safe answers: {len(s.calls.failsafe)} calls "
        f"({_f(100 * s.failsafe_share(), 2)}% of answered calls; the app's own counter "
        f"{'n/a' if s.app_failsafe < 0 else s.app_failsafe}), slowest "
        f"{_f(s.failsafe_max_ms())} ms; texts answered by the fail-safe reply: "
        f"{len(s.texts.failsafe)}. Unanswered when the drain ended: {s.unfinished}."
        + (f" Errors: {', '.join(kinds)}." if kinds else "")
    )
    if s.app_voice.get("voice"):
        v = s.app_voice
        out.append(
            f"The app's own timing of `/twilio/voice` (afterhours_webhook_seconds, arrival in "
            f"the app to answer): {v['voice_500ms']:,} of {v['voice']:,} within 500 ms "
            f"({100 * v['voice_500ms'] / v['voice']:.1f}%), {v['voice_1s']:,} within 1 s "
            f"({100 * v['voice_1s'] / v['voice']:.1f}%); the rest of the client's figure is "
            "time before the app read the request (socket backlog, a busy event loop) and the "
            "load generator's own lag."
        )
    out.append(
        f"Load generator lateness against its schedule: p99 {_f(percentile(lateness, 99))} "
        f"ms, max {_f(max(lateness) if lateness else float('nan'))} ms. The app's own view, "
        f"sampled every 0.5 s: at most {_f(s.in_flight_max, 0)} webhooks in flight; /readyz "
        f"answered saturated in {s.saturated_seen} of {s.readyz_samples} samples."
    )
    out.append("")
    return out


LOAD_PARAGRAPH = (
    "The load scenario (issue 10, the last rows): 10 whole screened calls a second (voice, "
    "screen, answer 1, next) and 5 texts a second for 30 s, open-loop (Poisson arrivals on a "
    "schedule fixed in advance, each its own task, so a slow app shows as latency and never "
    "as less offered load), against a fresh app on PostgreSQL and Redis with two `afterhours "
    "worker`s, on the big roster. Its targets: no call answered by the fail-safe while the "
    "database is healthy, `/twilio/voice` p99 under 500 ms, every fail-safe answer within 1 "
    "s, every arrival answered. `BENCH_ONLY=load make bench` runs it alone (about 2 "
    "minutes with the roster build); the app's saturation shows in `/readyz` (503 "
    '"saturated: ...") and in the `afterhours_webhooks_in_flight` and '
    "`afterhours_saturated` gauges."
)
