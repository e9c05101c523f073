"""Micro benchmark: the time triage takes per text over the evaluation set (not a test).

    .venv/bin/python bench/triage_bench.py [--rounds N]

Prints p50, p99 and the slowest time per text, for words already seen (the usual case: a
word's reading is cached) and for a cold cache (every word read for the first time).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "policies" / "triage_eval.tsv"


def texts() -> list[str]:
    lines = [line for line in EVAL_SET.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [line.split("\t", 1)[0] for line in lines[1:]]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{label:12} texts {len(ms):5}  p50 {percentile(ms, 0.50):6.3f} ms  "
        f"p99 {percentile(ms, 0.99):6.3f} ms  max {max(ms):6.3f} ms  "
        f"mean {statistics.fmean(ms):6.3f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds

    started = time.perf_counter()
    from policies import triage as triage_module

    print(f"import (dictionaries loaded): {time.perf_counter() - started:.2f} s")
    corpus = texts()

    cold: list[float] = []
    triage_module._read_word.cache_clear()
    for text in corpus:
        began = time.perf_counter()
        triage_module.triage(text)
        cold.append(time.perf_counter() - began)
    report("cold words", cold)

    # Each text's best of several rounds: the machine's other work is not triage's time.
    best = [float("inf")] * len(corpus)
    for _ in range(rounds):
        for i, text in enumerate(corpus):
            began = time.perf_counter()
            triage_module.triage(text)
            best[i] = min(best[i], time.perf_counter() - began)
    report("warm", best)


if __name__ == "__main__":
    main()
