"""The cue tables of policies.cues compiled into patterns, and finding them in a clause.

A pattern is a row of slots (the grammar is described in policies.cues); a slot matches one
word by any of its spellings or lemmas, a number, or a word no dictionary knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from policies import cues, wordlists
from policies.triage_categories import (
    CANT_STAY_SAFE,
    COLOURING,
    DISTRESS,
    FAREWELL,
    FINALITY,
    IDEATION,
    INGESTION,
    MEANS,
    MENTION,
    OTHER_INGESTION,
    PLACE,
    PREPARATORY,
    REFERENCE,
    SELF_HARM,
)
from policies.triage_words import MIN_TYPO_LENGTH, Clause, Word, fold, squeeze


@dataclass(frozen=True)
class Slot:
    keys: frozenset[str]  # matched by any form or lemma of a word
    exact: frozenset[str]  # matched by a form only ("=took")
    count: int | None = None  # "#5": a number at least this large, not a strength or a time
    counts_things: bool = True  # "%1": any number, a time or a strength too
    unknown: bool = False  # "@UNKNOWN": a word no dictionary knows
    gap: int = 0  # words allowed between the slot before and this one
    first: bool = False  # "^": the first word of its clause

    def can_match(self, keys: frozenset[str], forms: frozenset[str]) -> bool:
        """Whether any word of a clause (all its keys, all its forms) might fill this slot."""
        return (
            self.count is not None or self.unknown or bool(self.keys & keys or self.exact & forms)
        )

    def matches(self, word: Word) -> bool:
        if self.count is not None:
            return word.number is not None and word.number >= self.count
        return bool(
            (self.unknown and not word.known) or word.keys & self.keys or word.forms & self.exact
        )


@dataclass(frozen=True)
class Pattern:
    category: str
    name: str
    slots: tuple[Slot, ...]
    everyday: frozenset[str] = frozenset()


_GAPS = {"*": 3, "**": 6}


def _alternatives(spec: str) -> tuple[set[str], set[str], int | None, bool]:
    keys: set[str] = set()
    exact: set[str] = set()
    count = None
    unknown = False
    for alternative in spec.split("|"):
        if alternative.startswith(("#", "%")):
            count = int(alternative[1:])
        elif alternative == "@UNKNOWN":
            unknown = True
        elif alternative.startswith("@"):
            sub_keys, sub_exact, _, _ = _alternatives("|".join(CLASSES[alternative[1:]]))
            keys |= sub_keys
            exact |= sub_exact
        elif alternative.startswith("="):
            exact.add(fold(alternative[1:]))
        elif alternative:
            keys.add(fold(alternative))
    return keys, exact, count, unknown


def compile_spec(spec: str) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    gap = 0
    first = False
    for part in spec.split():
        if part in _GAPS:
            gap = _GAPS[part]
            continue
        if part == "^":
            first = True
            continue
        keys, exact, count, unknown = _alternatives(part)
        things = not part.startswith("%")
        slots.append(Slot(frozenset(keys), frozenset(exact), count, things, unknown, gap, first))
        gap = 0
        first = False
    return tuple(slots)


def _patterns(category: str, entries: Iterable[cues.Entry]) -> list[Pattern]:
    compiled = []
    for entry in entries:
        name, spec = entry[0], entry[1]
        everyday = frozenset(fold(w) for w in entry[2].split()) if len(entry) == 3 else frozenset()
        compiled.append(Pattern(category, name, compile_spec(spec), everyday))
    return compiled


CLASSES: dict[str, tuple[str, ...]] = {
    name: tuple(words.split()) for name, words in cues.CLASSES.items()
}
CLASSES["PILLS"] = (*CLASSES["PILLS"], *wordlists.MEDICATION)

UNITS = frozenset(
    fold(w)
    for w in (
        *wordlists.STRENGTH_UNITS,
        *"am pm min mins minute minutes hour hours hr hrs day days week weeks month months".split(),
        *"year years time times dollars bucks percent horas minutos dias meses anos veces".split(),
        *"o clock mil pesos".split(),
    )
)

CUES: list[Pattern] = [
    *_patterns(PLACE, cues.PLACE),
    *_patterns(MEANS, cues.MEANS),
    *_patterns(OTHER_INGESTION, cues.OTHER_INGESTION),
    *_patterns(INGESTION, cues.INGESTION),
    *_patterns(PREPARATORY, cues.PREPARATORY),
    *_patterns(CANT_STAY_SAFE, cues.CANT_STAY_SAFE),
    *_patterns(IDEATION, cues.IDEATION),
    *_patterns(SELF_HARM, cues.SELF_HARM),
    *_patterns(DISTRESS, cues.DISTRESS),
    *_patterns(FAREWELL, cues.FAREWELL),
    *_patterns(FINALITY, cues.FINALITY),
    *_patterns(MENTION, cues.MENTION),
    *_patterns(REFERENCE, cues.REFERENCE),
    *_patterns(COLOURING, cues.COLOURING),
]
ACROSS_CLAUSES = [pattern for pattern in CUES if pattern.name in cues.ACROSS_CLAUSES]


class PatternIndex:
    """The patterns a clause may hold, in table order: each pattern is filed under the words of
    its narrowest slot, so a clause is tried only against patterns one of whose words it has."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self._patterns = tuple(patterns)
        self._always: list[int] = []
        self._by_word: dict[str, list[int]] = {}
        for index, pattern in enumerate(self._patterns):
            words = [
                slot.keys | slot.exact
                for slot in pattern.slots
                if slot.count is None and not slot.unknown
            ]
            if not words:
                self._always.append(index)
                continue
            for word in min(words, key=len):
                self._by_word.setdefault(word, []).append(index)

    def candidates(self, keys: frozenset[str]) -> list[Pattern]:
        found = set(self._always)
        for key in keys:
            found.update(self._by_word.get(key, ()))
        return [self._patterns[index] for index in sorted(found)]


CUE_INDEX = PatternIndex(CUES)
ACROSS_CLAUSES_INDEX = PatternIndex(ACROSS_CLAUSES)


def _marker_patterns(specs: Iterable[str]) -> list[tuple[Slot, ...]]:
    return [compile_spec(spec) for spec in specs]


PAST_MARKERS = _marker_patterns(cues.PAST)
RECOVERY_MARKERS = _marker_patterns(cues.RECOVERY)
IDIOM_MARKERS = _marker_patterns(cues.IDIOMS)
LOGISTICS_MARKERS = _marker_patterns(cues.LOGISTICS)
MADE_SAFE_MARKERS = _marker_patterns(cues.MEANS_MADE_SAFE)
NEGATORS = frozenset(cues.NEGATORS.split())
NEGATION_STOPS = frozenset(cues.NEGATION_STOPS.split())
NEGATION_VOIDED_BY = frozenset(cues.NEGATION_VOIDED_BY.split())
NEGATION_PATH = frozenset(cues.NEGATION_PATH.split())
LAUGHTER_MARK = re.compile(
    r"(?:lo+l|lmf?a+o+|rofl|(?:ha){2,}h?|(?:ja){2,}j?|(?:je){2,}|(?:ji){2,}|(?:js){2,}|xd+)"
)
COMPANY_MARKERS = _marker_patterns(cues.COMPANY)
ANSWERED_NO_MARKERS = _marker_patterns(cues.ANSWERED_NO)
ANSWERED_YES_MARKERS = _marker_patterns(cues.ANSWERED_YES)
ASKED_KEYS = frozenset(cues.ASKED.split())
TIME_OF_DAY = frozenset(cues.TIME_OF_DAY.split())
OTHER_SUBJECTS = frozenset(cues.OTHER_SUBJECTS.split())
SELF_IN_THE_CUE = frozenset(cues.SELF_IN_THE_CUE.split())
SOMEONE_ELSE_DOES_IT = frozenset(cues.SOMEONE_ELSE_DOES_IT.split())
RELATIVE = frozenset(cues.RELATIVE.split())
HYPOTHETICAL = frozenset(cues.HYPOTHETICAL.split())
QUOTED_WORKS = frozenset(cues.QUOTED_WORKS.split())
FIRST_PERSON = frozenset(_alternatives("@FIRST_PERSON")[0])
OTHER_KEYS = frozenset(_alternatives("@OTHER")[0])
ALL_KEYS = frozenset(_alternatives("@ALL")[0])

# The words a typo is corrected to: every cue word long enough to be mistyped.
TYPO_VOCABULARY = sorted(
    {
        word
        for pattern in CUES
        for slot in pattern.slots
        for word in slot.keys | slot.exact
        if len(word) >= MIN_TYPO_LENGTH - 1 and word.isalpha()
    }
)
BY_SQUEEZED: dict[str, set[str]] = {}
for _word in TYPO_VOCABULARY:
    if squeeze(_word) != _word:
        BY_SQUEEZED.setdefault(squeeze(_word), set()).add(_word)


def find(clause: Clause, slots: Sequence[Slot], start: int = 0) -> tuple[int, int] | None:
    """The first place (start, end) where `slots` match in `clause`, from `start` on."""
    for at in range(start, 1 if slots[0].first else len(clause)):
        if _slot_at(clause, slots[0], at):
            end = _rest(clause, slots, 1, at + 1)
            if end is not None:
                return at, end
    return None


def _rest(clause: Clause, slots: Sequence[Slot], index: int, at: int) -> int | None:
    if index == len(slots):
        return at
    slot = slots[index]
    for position in range(at, min(at + slot.gap + 1, len(clause))):
        if _slot_at(clause, slot, position):
            end = _rest(clause, slots, index + 1, position + 1)
            if end is not None:
                return end
    return None


def _slot_at(clause: Clause, slot: Slot, at: int) -> bool:
    word = clause[at]
    if not slot.matches(word):
        return False
    if slot.count is not None and slot.counts_things:
        # "50 mg", "8 am" and "at 11", "a las 10" are a strength and times, not counts.
        if at + 1 < len(clause) and clause[at + 1].forms & UNITS:
            return False
        return not (at > 0 and clause[at - 1].forms & TIME_OF_DAY)
    return True


@lru_cache(maxsize=4096)
def vocabulary(clause: Clause) -> tuple[frozenset[str], frozenset[str]]:
    """All the keys and all the forms of a clause's words: what any slot could match."""
    return (
        frozenset().union(*(word.keys for word in clause)),
        frozenset().union(*(word.forms for word in clause)),
    )


@lru_cache(maxsize=65536)
def spans(clause: Clause, slots: tuple[Slot, ...]) -> tuple[tuple[int, int], ...]:
    """Every place (start, end) where `slots` match in `clause`, by start."""
    keys, forms = vocabulary(clause)
    if not all(slot.can_match(keys, forms) for slot in slots):
        return ()
    found_spans = []
    found = find(clause, slots)
    while found is not None:
        found_spans.append(found)
        found = find(clause, slots, found[0] + 1)
    return tuple(found_spans)


def found_any(clause: Clause, markers: Iterable[tuple[Slot, ...]]) -> bool:
    return any(spans(clause, slots) for slots in markers)
