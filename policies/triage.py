"""How risky a text reads (SPEC §8): routine, or high enough to page a clinician by a call.

Triage only ever raises urgency. Nothing in a text lowers it: negations ("I'm not going to
kill myself") and context ("refill") are left for clinicians to weigh. A missed high-risk text
costs far more than an extra page, so when in doubt a rule leans towards HIGH.

The rules, over the lists in `policies.wordlists`:
- a SELF_HARM phrase, a MEANS_ACCESS phrase, an overdose amount or a practice's own phrase is
  HIGH on its own;
- a METHOD word or a MEDICATION name is HIGH only together with an INTENT cue anywhere in the
  text ("stuck on the bridge in traffic" and "can you refill my sertraline" stay routine);
- an overdose amount is a quantity closely followed by something swallowed: "20 tablets",
  "all my meds", "a whole bottle", "todo el frasco" (ten or more, or a totality word), or a
  past ingestion verb with five or more, a container or a looser amount ("took 6 xanax",
  "took a bottle of tylenol", "took the rest of my pills"). "50 mg" is a strength, not a count.

Reading is forgiving: case, accents, apostrophes, punctuation and emoji are ignored (except
pill, knife, pistol and knot, read as methods, and coffin and headstone, as "death");
doubled or stretched letters match ("diiiie", "kil"); phrases match across extra space and
one filler word ("want to just die"); "ph" reads as "f" and "qu" as "k" ("ibuprophen",
"kiero morir"); a word of five or more letters tolerates one typo (insertion, deletion,
substitution or swap: "suicdal", "overdoes", "seroquil") when it is a one-word self-harm
entry, a medicine name, one of a few telling phrase words ("myself", "quiero") or a word of
a practice's own phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from policies import wordlists


class Risk(StrEnum):
    ROUTINE = "routine"
    HIGH = "high"


@dataclass(frozen=True)
class Triage:
    risk: Risk
    categories: tuple[str, ...]  # what matched, in CATEGORIES order; never message text


SELF_HARM = "self_harm"
MEANS_ACCESS = "means_access"
METHOD = "method"
MEDICATION = "medication"
MEDICATION_OVERDOSE = "medication_overdose"
INTENT = "intent"
PRACTICE_PHRASE = "practice_phrase"

CATEGORIES: tuple[str, ...] = (
    SELF_HARM,
    MEANS_ACCESS,
    METHOD,
    MEDICATION,
    MEDICATION_OVERDOSE,
    INTENT,
    PRACTICE_PHRASE,
)
HIGH_ON_THEIR_OWN = frozenset({SELF_HARM, MEANS_ACCESS, MEDICATION_OVERDOSE, PRACTICE_PHRASE})
HIGH_WITH_INTENT = frozenset({METHOD, MEDICATION})

MIN_TYPO_LENGTH = 5  # shorter keywords match exactly: "dye" is not "die"
COUNT_ALONE = 10  # "20 tablets" is an overdose amount with no verb
COUNT_AFTER_INGESTION = 5  # "took 6 xanax"
AMOUNT_REACH = 3  # words from a quantity to the thing swallowed: "all (of) (my) meds"
INGESTION_REACH = 3  # words from the verb to the quantity: "took (like) (maybe) 30"
MAX_NUMBER = 1_000_000  # longer digit strings are just "a lot"


def triage(text: str, *, extra_phrases: Iterable[str] = ()) -> Triage:
    """Read `text` for risk; `extra_phrases` are a practice's own words, high on their own."""
    words = [_read_word(token) for token in _TOKEN.findall(_fold(text))]
    found: set[str] = set()
    for phrase in _matches(words, _BUILT_IN_INDEX, _has_key):
        found.add(phrase.category)
    practice = _compile_practice_phrases(tuple(extra_phrases))
    if practice and _matches(words, _index(practice), _matches_practice_key):
        found.add(PRACTICE_PHRASE)
    if _has_overdose_amount(words):
        found.add(MEDICATION_OVERDOSE)
    high = bool(found & HIGH_ON_THEIR_OWN) or (INTENT in found and bool(found & HIGH_WITH_INTENT))
    return Triage(
        risk=Risk.HIGH if high else Risk.ROUTINE,
        categories=tuple(category for category in CATEGORIES if category in found),
    )


# --- reading a text into words -------------------------------------------------------------

_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u201b\u02bc\u0060\u00b4"), None)
_EMOJI = str.maketrans(wordlists.EMOJI_WORDS)


def _fold(text: str) -> str:
    """Lower case, no accents, no apostrophes ("don't" is "dont"); emoji read as words."""
    # Apostrophes go before decomposing ("´" decomposes to a space) and after (full width "＇").
    text = text.translate(_EMOJI).translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", text).translate(_APOSTROPHES)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _squeeze(word: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", word)


def _unstretch(word: str) -> str:
    return re.sub(r"([a-z])\1{2,}", r"\1\1", word)


def _spell(word: str) -> str:
    return word.replace("ph", "f").replace("qu", "k")


def _key(word: str) -> str:
    """How a keyword word is compared; "=" marks one whose doubled letters must be there."""
    spelled = _spell(word)
    if spelled in _DOUBLED:
        return "=" + spelled
    return _squeeze(spelled)


_DOUBLED = frozenset(_spell(word) for word in wordlists.DOUBLED_FOR_A_REASON)


@dataclass(frozen=True)
class _Word:
    squeezed: str
    keys: frozenset[str]  # every keyword key this word of the text may stand for
    number: int | None


@dataclass(frozen=True)
class _Phrase:
    keys: tuple[str, ...]
    category: str


_Index = dict[str, list[_Phrase]]


def _index(phrases: Iterable[_Phrase]) -> _Index:
    index: _Index = {}
    for phrase in phrases:
        index.setdefault(phrase.keys[0], []).append(phrase)
    return index


def _words_of(phrase: str) -> list[str]:
    return _TOKEN.findall(_fold(phrase))


def _phrases(entries: Iterable[str], category: str) -> list[_Phrase]:
    found: list[_Phrase] = []
    for entry in entries:
        words = _words_of(entry)
        variants = [words]
        if "myself" in words:  # "kill my self"
            at = words.index("myself")
            variants.append([*words[:at], "my", "self", *words[at + 1 :]])
        found.extend(_Phrase(tuple(_key(w) for w in variant), category) for variant in variants)
    return found


_BUILT_IN: list[_Phrase] = [
    *_phrases(wordlists.SELF_HARM, SELF_HARM),
    *_phrases(wordlists.MEANS_ACCESS, MEANS_ACCESS),
    *_phrases(wordlists.METHOD, METHOD),
    *_phrases(wordlists.MEDICATION, MEDICATION),
    *_phrases(wordlists.INTENT, INTENT),
]


def _keys(entries: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(word) for entry in entries for word in _words_of(entry))


_FILLERS = frozenset(_squeeze(_spell(word)) for word in wordlists.FILLERS)
_NOT_MISSPELLINGS = frozenset(_squeeze(_spell(word)) for word in wordlists.NOT_MISSPELLINGS)
_DOSE_WORDS = _keys((*wordlists.PILL_UNITS, *wordlists.CONTAINERS, *wordlists.MEDICATION))
_CONTAINERS = _keys(wordlists.CONTAINERS)
_TOTALITY = _keys(wordlists.TOTALITY)
_SOME_OF = _keys(wordlists.SOME_OF)
_INGESTION = _index(_phrases(wordlists.INGESTION, "ingestion"))
_STRENGTH_UNITS = _keys(wordlists.STRENGTH_UNITS)
_NUMBER_WORDS = {_key(word): value for word, value in wordlists.NUMBER_WORDS.items()}

_TYPO_TOLERANT = frozenset(
    key
    for key in (
        *(_key(e) for e in wordlists.SELF_HARM if len(_words_of(e)) == 1),
        *(_key(e) for e in wordlists.MEDICATION if len(_words_of(e)) == 1),
        *(_key(w) for w in wordlists.TYPO_TOLERANT),
    )
    if not key.startswith("=") and len(key) >= MIN_TYPO_LENGTH
)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _build_typo_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for key in _TYPO_TOLERANT:
        for variant in {key, *_deletions(key)}:
            index.setdefault(variant, set()).add(key)
    return index


_TYPO_INDEX = _build_typo_index()


def _one_typo_apart(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1: one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    if len(a) > len(b):
        return any(a[:i] + a[i + 1 :] == b for i in range(len(a)))
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diffs) == 1:
        return True
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def _typo_keys(squeezed: str) -> set[str]:
    if len(squeezed) < MIN_TYPO_LENGTH - 1 or squeezed in _NOT_MISSPELLINGS:
        return set()
    candidates: set[str] = set()
    for variant in {squeezed, *_deletions(squeezed)}:
        candidates |= _TYPO_INDEX.get(variant, set())
    return {key for key in candidates if _one_typo_apart(squeezed, key)}


@lru_cache(maxsize=8192)
def _read_word(token: str) -> _Word:
    if token.isdigit():
        number = MAX_NUMBER if len(token) > 6 else int(token)
        return _Word(token, frozenset({token}), number)
    spelled = _spell(token)
    squeezed = _squeeze(spelled)
    keys = {squeezed, "=" + _unstretch(spelled), *_typo_keys(squeezed)}
    return _Word(squeezed, frozenset(keys), _NUMBER_WORDS.get(squeezed))


# --- phrases -------------------------------------------------------------------------------

_BUILT_IN_INDEX = _index(_BUILT_IN)


def _has_key(word: _Word, key: str) -> bool:
    return key in word.keys


def _matches_practice_key(word: _Word, key: str) -> bool:
    if key in word.keys:
        return True
    return (
        not key.startswith("=")
        and len(key) >= MIN_TYPO_LENGTH
        and len(word.squeezed) >= MIN_TYPO_LENGTH - 1
        and word.squeezed not in _NOT_MISSPELLINGS
        and _one_typo_apart(word.squeezed, key)
    )


def _matches(
    words: Sequence[_Word], index: _Index, matches_key: Callable[[_Word, str], bool]
) -> list[_Phrase]:
    found = []
    for start, word in enumerate(words):
        for first in _first_keys(word, index, matches_key):
            for phrase in index[first]:
                if _phrase_end(words, start + 1, phrase.keys[1:], matches_key) is not None:
                    found.append(phrase)
    return found


def _first_keys(
    word: _Word, index: _Index, matches_key: Callable[[_Word, str], bool]
) -> Iterable[str]:
    if matches_key is _has_key:
        return [key for key in word.keys if key in index]
    return [key for key in index if matches_key(word, key)]


def _phrase_end(
    words: Sequence[_Word],
    at: int,
    keys: Sequence[str],
    matches_key: Callable[[_Word, str], bool],
) -> int | None:
    """Where the rest of a phrase from `at` ends, one filler word allowed before each word."""
    for key in keys:
        if at < len(words) and matches_key(words[at], key):
            at += 1
        elif (
            at + 1 < len(words)
            and words[at].squeezed in _FILLERS
            and matches_key(words[at + 1], key)
        ):
            at += 2
        else:
            return None
    return at


@lru_cache(maxsize=64)
def _compile_practice_phrases(entries: tuple[str, ...]) -> tuple[_Phrase, ...]:
    phrases = []
    for entry in entries:
        words = _words_of(entry)
        if words:
            phrases.append(_Phrase(tuple(_key(w) for w in words), PRACTICE_PHRASE))
    return tuple(phrases)


# --- amounts -------------------------------------------------------------------------------


def _count(words: Sequence[_Word], at: int) -> int | None:
    """The number of things at `at`, unless it is a strength ("50 mg")."""
    number = words[at].number
    if number is None:
        return None
    if at + 1 < len(words) and words[at + 1].keys & _STRENGTH_UNITS:
        return None
    return number


def _dose_within(words: Sequence[_Word], start: int, stop: int) -> bool:
    return any(words[at].keys & _DOSE_WORDS for at in range(start, min(stop, len(words))))


def _has_overdose_amount(words: Sequence[_Word]) -> bool:
    for at, word in enumerate(words):
        count = _count(words, at)
        # "20 tablets", "all my meds", "a whole bottle", "todas mis pastillas"
        if ((count is not None and count >= COUNT_ALONE) or word.keys & _TOTALITY) and (
            _dose_within(words, at + 1, at + 1 + AMOUNT_REACH)
        ):
            return True
        for verb_end in _ingestion_ends(words, at):
            for amount_at in range(verb_end, min(verb_end + INGESTION_REACH, len(words))):
                if _is_amount_after_ingestion(words, amount_at):
                    return True
    return False


def _ingestion_ends(words: Sequence[_Word], at: int) -> Iterable[int]:
    for first in words[at].keys & _INGESTION.keys():
        for phrase in _INGESTION[first]:
            end = _phrase_end(words, at + 1, phrase.keys[1:], _has_key)
            if end is not None:
                yield end


def _is_amount_after_ingestion(words: Sequence[_Word], at: int) -> bool:
    """After an ingestion verb: "took [6 | a bottle | the rest] of ..."; a container will do."""
    word = words[at]
    if word.keys & _CONTAINERS:
        return True
    count = _count(words, at)
    amount = (count is not None and count >= COUNT_AFTER_INGESTION) or bool(
        word.keys & (_TOTALITY | _SOME_OF)
    )
    return amount and _dose_within(words, at + 1, at + 1 + AMOUNT_REACH)
