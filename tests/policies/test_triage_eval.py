"""Triage on the evaluation set (triage_eval.tsv), against the goals the README states.

Run `pytest -s tests/policies/test_triage_eval.py` to see the figures: page recall on texts
labelled high and the false-page rate on the others, per language and per category.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from policies.triage import Risk, triage

HERE = Path(__file__).parent
README = HERE.parent.parent / "README.md"
EVAL_SET = HERE / "triage_eval.tsv"
LANGUAGES = ("en", "es")
LABELS = ("high", "possible", "routine")


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    label: str
    category: str


def examples() -> list[Example]:
    lines = [line for line in EVAL_SET.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [Example(**row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def goal(pattern: str) -> float:
    found = re.search(pattern, README.read_text("utf-8"))
    assert found, f"README.md states no goal matching {pattern!r}"
    return float(found.group(1))


def rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def figures() -> dict[tuple[str, str, str], tuple[int, int]]:
    """(language, high | not | possible, category or "all") -> (paged or asked, texts)."""
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for example in examples():
        risk = triage(example.text).risk
        group = "high" if example.label == "high" else "not"
        for category in ("all", example.category):
            counts[(example.language, group, category)][0] += risk is Risk.HIGH
            counts[(example.language, group, category)][1] += 1
        if example.label == "possible":
            counts[(example.language, "possible", "all")][0] += risk is not Risk.ROUTINE
            counts[(example.language, "possible", "all")][1] += 1
    return {key: (hits, total) for key, (hits, total) in counts.items()}


def test_the_eval_set_is_large_labelled_and_bilingual() -> None:
    rows = examples()
    assert len(rows) >= 300
    assert {row.language for row in rows} == set(LANGUAGES)
    assert {row.label for row in rows} <= set(LABELS)
    for language in LANGUAGES:
        labels = {row.label for row in rows if row.language == language}
        assert labels == set(LABELS), language
    assert all(row.text.strip() and row.category for row in rows)
    assert len({row.text for row in rows}) == len(rows), "a text is listed twice"


def test_triage_meets_the_readme_goals_in_each_language() -> None:
    recall_goal = goal(r"page recall on high texts[^|]*\|\s*at least ([0-9.]+)")
    false_page_goal = goal(r"false pages on texts that are not high[^|]*\|\s*at most ([0-9.]+)")
    results = figures()
    print("\ntriage on tests/policies/triage_eval.tsv")
    print(f"{'language':8} {'group':8} {'category':16} {'texts':>5}  figure")
    for (language, group, category), (hits, total) in sorted(results.items()):
        name = {"high": "recall", "not": "false pages", "possible": "asked or paged"}[group]
        print(f"{language:8} {group:8} {category:16} {total:5}  {name} {rate(hits, total):.2f}")
    for language in LANGUAGES:
        recall = rate(*results[(language, "high", "all")])
        false_pages = rate(*results[(language, "not", "all")])
        assert recall >= recall_goal, f"{language}: page recall {recall:.2f} < {recall_goal}"
        assert false_pages <= false_page_goal, (
            f"{language}: false pages {false_pages:.2f} > {false_page_goal}"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_of_the_set_is_lowered_below_its_label_by_much(language: str) -> None:
    # A high text read as routine would not even ask whether the patient is safe.
    silent = [
        row.text
        for row in examples()
        if row.language == language
        and row.label == "high"
        and triage(row.text).risk is Risk.ROUTINE
    ]
    assert len(silent) <= 0.03 * len(examples()), silent
