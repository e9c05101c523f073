"""Triage on the evaluation set and the held-out sets, against the thresholds the README states.

Run `pytest -s tests/policies/test_triage_eval.py` to see the figures: page recall on texts
labelled high and the false-page rate on the others, per language and per category. The suite
fails when a set falls below what README.md states for it: the goals for the evaluation set
(what triage is tuned on), and for each held-out set (triage_heldout*.tsv) the row of the
README's held-out table, which says honestly what that set reaches. The failures of the first
three held-out sets were studied for the structural changes of the triage branch, the
fourth's for the cue families of the triage2 branch, the fifth's for those of the triage3
branch, the sixth's for those of the triage4 branch, the seventh's for those of the triage5
branch, the eighth's and the ninth's (the ninth written on triage7 before any rule changed
there, and measured as-is) for those of the triage7 branch, and the tenth's (written after the
triage7 changes and measured once untouched there) for those of the triage8 branch. The
eleventh was written on triage8 before any rule changed, measured as-is and once after the
triage8 changes, and its failures studied for the triage9 branch. The twelfth was written on
triage9 before any rule changed, measured as-is and once after the triage9 changes, and never
read for tuning, so its row is the figure to believe.

The report also prints, per language, the share of high texts at least asked "are you safe
right now?" (HIGH or POSSIBLE: not silent) and the share of routine texts asked (the cost); the
evaluation set is held to the README's figures for both.
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
HELD_OUT_SETS = tuple(sorted(HERE.glob("triage_heldout*.tsv")))
LANGUAGES = ("en", "es")
LABELS = ("high", "possible", "routine")


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    label: str
    category: str


def examples(path: Path = EVAL_SET) -> list[Example]:
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [Example(**row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def goal(pattern: str) -> float:
    found = re.search(pattern, README.read_text("utf-8"))
    assert found, f"README.md states no goal matching {pattern!r}"
    return float(found.group(1))


def rate(hits: int, total: int) -> float:
    return hits / total if total else 0.0


def figures(path: Path = EVAL_SET) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(language, group, category or "all") -> (hits, texts). Groups: "high" (paged), "not"
    (paged though not high), "possible" (asked or paged), "high asked" (high texts asked or
    paged: not silent) and "routine asked" (routine texts asked or paged: the cost)."""
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for example in examples(path):
        risk = triage(example.text).risk
        group = "high" if example.label == "high" else "not"
        for category in ("all", example.category):
            counts[(example.language, group, category)][0] += risk is Risk.HIGH
            counts[(example.language, group, category)][1] += 1
        if example.label == "possible":
            counts[(example.language, "possible", "all")][0] += risk is not Risk.ROUTINE
            counts[(example.language, "possible", "all")][1] += 1
        asked = {"high": "high asked", "routine": "routine asked"}.get(example.label)
        if asked:
            counts[(example.language, asked, "all")][0] += risk is not Risk.ROUTINE
            counts[(example.language, asked, "all")][1] += 1
    return {key: (hits, total) for key, (hits, total) in counts.items()}


def report(path: Path, results: dict[tuple[str, str, str], tuple[int, int]]) -> None:
    print(f"\ntriage on tests/policies/{path.name}")
    print(f"{'language':8} {'group':13} {'category':16} {'texts':>5}  figure")
    for (language, group, category), (hits, total) in sorted(results.items()):
        name = {"high": "recall", "not": "false pages"}.get(group, "asked or paged")
        print(f"{language:8} {group:13} {category:16} {total:5}  {name} {rate(hits, total):.2f}")


@pytest.mark.parametrize("path", [EVAL_SET, *HELD_OUT_SETS], ids=lambda path: path.stem)
def test_the_eval_set_is_large_labelled_and_bilingual(path: Path) -> None:
    rows = examples(path)
    assert len(rows) >= (300 if path == EVAL_SET else 100)
    assert {row.language for row in rows} == set(LANGUAGES)
    assert {row.label for row in rows} <= set(LABELS)
    for language in LANGUAGES:
        labels = {row.label for row in rows if row.language == language}
        assert labels == set(LABELS), language
    assert all(row.text.strip() and row.category for row in rows)
    assert len({row.text for row in rows}) == len(rows), "a text is listed twice"
    if path != EVAL_SET:
        tuned_on = {row.text.casefold() for row in examples()}
        assert not [row.text for row in rows if row.text.casefold() in tuned_on]


def test_triage_meets_the_readme_goals_in_each_language() -> None:
    recall_goal = goal(r"page recall on high texts[^|]*\|\s*at least ([0-9.]+)")
    false_page_goal = goal(r"false pages on texts that are not high[^|]*\|\s*at most ([0-9.]+)")
    results = figures()
    report(EVAL_SET, results)
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


def test_high_texts_are_at_least_asked_and_the_cost_is_what_the_readme_states() -> None:
    # A high text that does not page should still ask "are you safe right now?"; the cost is
    # routine texts asked, which the README states honestly.
    asked_goal = goal(r"high texts asked or paged[^|]*\|\s*at least ([0-9.]+)")
    cost_ceiling = goal(r"routine texts asked[^|]*\|\s*at most ([0-9.]+)")
    results = figures()
    for language in LANGUAGES:
        asked = rate(*results[(language, "high asked", "all")])
        cost = rate(*results[(language, "routine asked", "all")])
        assert asked >= asked_goal, f"{language}: high asked or paged {asked:.3f} < {asked_goal}"
        assert cost <= cost_ceiling, f"{language}: routine asked {cost:.3f} > {cost_ceiling}"


def held_out_thresholds(path: Path) -> tuple[float, float]:
    """The README row `| triage_heldoutN.tsv | recall at least | false pages at most |`."""
    name = re.escape(path.name)
    found = re.search(
        rf"\|\s*`{name}`\s*\|\s*([0-9.]+)\s*\|\s*([0-9.]+)\s*\|", README.read_text("utf-8")
    )
    assert found, f"README.md states no thresholds for {path.name}"
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize("path", HELD_OUT_SETS, ids=lambda path: path.stem)
def test_each_held_out_set_meets_what_the_readme_states_for_it(path: Path) -> None:
    recall_floor, false_page_ceiling = held_out_thresholds(path)
    results = figures(path)
    report(path, results)
    for language in LANGUAGES:
        recall = rate(*results[(language, "high", "all")])
        false_pages = rate(*results[(language, "not", "all")])
        assert recall >= recall_floor, f"{path.name} {language}: recall {recall:.2f}"
        assert false_pages <= false_page_ceiling, (
            f"{path.name} {language}: false pages {false_pages:.2f}"
        )


def test_there_are_held_out_sets_in_both_languages() -> None:
    assert len(HELD_OUT_SETS) >= 10
    for path in HELD_OUT_SETS:
        results = figures(path)
        for language in LANGUAGES:
            assert results[(language, "high", "all")][1]
            assert results[(language, "not", "all")][1]
