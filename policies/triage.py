"""How risky a text reads (SPEC §8): routine, possibly unsafe, or high enough to page.

Triage reads a text the way a clinician on call would, over the cues in `policies.cues`:

- Each clinical category is high on its own: being at or heading to a place (a bridge, a
  roof, the tracks), means at hand (a gun, a rope, a blade, pills counted out, a car running in
  a closed garage), any ingestion beyond the dose, preparatory acts (goodbye letters, giving
  things away), not being able to stay safe, ideation (explicit or euphemistic), self-harm, and
  someone else (a child) who swallowed something, which also raises `someone_else_swallowed`
  (the answer is 911 and poison control).
- Distress without a method ("what's the point", "ya no puedo más") is POSSIBLE: the patient
  is asked whether they are safe right now. A method, a means or a medicine named with nothing
  else is routine; it is high together with distress or a farewell, in this text or in the
  contact's recent texts (`context`): "bye" after "I have the pills here" pages.
- Scoping lowers only the cue it scopes: a negation within the clause ("not going to hurt
  myself"), the past and recovery ("8 months clean"), a question about a dose or a refill,
  idioms ("me muero de risa") and laughter. A denial never cancels another cue: in "i'm not
  suicidal but i took 30 of my pills" the pills are read on their own.

Words are compared as lemmas (simplemma, English and Spanish), so inflections and clitics read
alike ("me voy a colgar", "colgarme", "me colgué"); a word no dictionary knows is matched to
the nearest cue word one or two edits away (rapidfuzz), so "suicdal" and "seroquil" are read.
A result names the cues that made it (category and a short name), never the message text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import OSA

from policies import cues, wordlists


class Risk(StrEnum):
    ROUTINE = "routine"
    POSSIBLE = "possible"  # not clearly high, not clearly routine: ask "are you safe?"
    HIGH = "high"


PLACE = "place"
MEANS = "means"
INGESTION = "ingestion"
PREPARATORY = "preparatory"
CANT_STAY_SAFE = "cant_stay_safe"
IDEATION = "ideation"
SELF_HARM = "self_harm"
OTHER_INGESTION = "other_ingestion"
PRACTICE_PHRASE = "practice_phrase"
DISTRESS = "distress"
FAREWELL = "farewell"
MENTION = "mention"

CATEGORIES: tuple[str, ...] = (
    PLACE,
    MEANS,
    INGESTION,
    PREPARATORY,
    CANT_STAY_SAFE,
    IDEATION,
    SELF_HARM,
    OTHER_INGESTION,
    PRACTICE_PHRASE,
    DISTRESS,
    FAREWELL,
    MENTION,
)
HIGH_ON_THEIR_OWN = frozenset(CATEGORIES[: CATEGORIES.index(PRACTICE_PHRASE) + 1])

# What lowers a cue, and to what.
NEGATION = "negation"
PAST = "past"
RECOVERY = "recovery"
LAUGHTER = "laughter"
IDIOM = "idiom"
EVERYDAY = "everyday"
LOGISTICS = "logistics"
MEANS_MADE_SAFE = "means_made_safe"
SOMEONE_ELSE = "someone_else"


@dataclass(frozen=True)
class Cue:
    """One thing triage heard: a clinical category and a short name, never message text."""

    category: str
    name: str
    risk: Risk  # what this cue makes of the text, once scoping is read
    lowered_by: str | None = None  # NEGATION, PAST, ...: why it counts for less
    earlier: bool = False  # it reads together with one of the contact's recent texts


@dataclass(frozen=True)
class Triage:
    risk: Risk
    categories: tuple[str, ...]  # of the cues heard, in CATEGORIES order; never message text
    cues: tuple[Cue, ...] = field(default=())
    someone_else_swallowed: bool = False  # answer with 911 and poison control


def triage(text: str, *, extra_phrases: Iterable[str] = (), context: Sequence[str] = ()) -> Triage:
    """Read `text` for risk.

    `extra_phrases` are a practice's own words, high on their own. `context` holds the
    patient's earlier texts in the same contact, oldest first: they never raise a text alone,
    but a farewell or distress here reads together with a method or means named there.
    """
    clauses = _read(text)
    heard = _heard(clauses)
    practice = _compile_practice_phrases(tuple(extra_phrases))
    if practice and any(_has_practice_phrase(clause, practice) for clause in clauses):
        heard.append(Cue(PRACTICE_PHRASE, "practice_phrase", Risk.HIGH))
    earlier = [cue for past in context for cue in _heard(_read(past)) if cue.lowered_by is None]
    heard.extend(_together(heard, earlier))
    risk = max((cue.risk for cue in heard), key=_RANK.__getitem__, default=Risk.ROUTINE)
    return Triage(
        risk=risk,
        categories=tuple(c for c in CATEGORIES if any(cue.category == c for cue in heard)),
        cues=tuple(dict.fromkeys(heard)),
        someone_else_swallowed=any(cue.category == OTHER_INGESTION for cue in heard),
    )


_RANK = {Risk.ROUTINE: 0, Risk.POSSIBLE: 1, Risk.HIGH: 2}


# --- reading a text into clauses of words ---------------------------------------------------

_EMOJI = {
    "\N{PILL}": " pill ",
    "\N{HOCHO}": " knife ",
    "\N{PISTOL}": " gun ",
    "\N{KNOT}": " rope ",
    "\N{COFFIN}": " coffin ",
    "\N{HEADSTONE}": " coffin ",
    "\N{WAVING HAND SIGN}": " bye ",
    "\N{FACE WITH TEARS OF JOY}": " lol ",
    "\N{ROLLING ON THE FLOOR LAUGHING}": " lol ",
    "\N{CAT FACE WITH TEARS OF JOY}": " lol ",
}
_EMOJI_TABLE = str.maketrans(_EMOJI)
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u201b\u02bc\u0060\u00b4"), None)
_OD = re.compile(r"\bo\.?d['\u2019]?d\b|\bo\.d\.", re.IGNORECASE)  # "OD'd", "o.d."
# A full stop or a comma ends a clause when a space or the end follows ("want...to...die" is
# one); a line break always does.
_CLAUSE = re.compile(r"[.!?;,:]+(?=\s|$)|[()\[\]\"\n\u00bf\u00a1]+|\s-\s")
_MY_SELF = re.compile(r"\bmy\s+self\b")
_NO_ONE = re.compile(r"\bno\s+one\b")  # one word, so that its "no" negates nothing
_WORD = re.compile(r"[^\W\d_]+(?:[*#@$]+[^\W\d_]+)*[*#@$]*|\d+")
_CENSORED = re.compile(r"[*#@$]+")
_CLAUSE_WORDS = frozenset(cues.CLAUSE_WORDS.split())


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(word: str) -> str:
    return _strip_accents(word).casefold()


@dataclass(frozen=True)
class _Word:
    forms: frozenset[str]  # folded spellings: as typed, unstretched, squeezed, corrected
    keys: frozenset[str]  # forms and their English and Spanish lemmas, folded
    number: int | None
    known: bool  # a word of English or Spanish (unknown words are often medicine names)


_Clause = tuple[_Word, ...]


def _read(text: str) -> list[_Clause]:
    text = _OD.sub(" od ", text.translate(_EMOJI_TABLE))
    text = text.translate(_APOSTROPHES)  # before NFKC, which turns "´" into a space
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = _MY_SELF.sub("myself", text)
    text = _NO_ONE.sub("noone", text)
    clauses: list[_Clause] = []
    for part in _CLAUSE.split(text):
        words: list[_Word] = []
        for token in _WORD.findall(part):
            if _fold(token) in _CLAUSE_WORDS:
                if words:
                    clauses.append(tuple(words))
                words = []
                continue
            words.append(_read_word(token))
        if words:
            clauses.append(tuple(words))
    return clauses


def _squeeze(word: str) -> str:
    return re.sub(r"(\D)\1+", r"\1", word)


def _unstretch(word: str) -> str:
    return re.sub(r"(\D)\1{2,}", r"\1\1", word)


def _lemmas(word: str) -> set[str]:
    return {
        _fold(simplemma.lemmatize(word, lang="en")),
        _fold(simplemma.lemmatize(word, lang="es")),
    }


_ACCENTED = str.maketrans("aeiou", "\u00e1\u00e9\u00ed\u00f3\u00fa")


def _with_final_accent(word: str) -> set[str]:
    """A Spanish verb typed without its final accent: "corte", "trago" for "corté", "tragó"."""
    if len(word) < 4 or word[-1] not in "aeiou" or word != _strip_accents(word):
        return set()
    return {word[:-1] + word[-1].translate(_ACCENTED)}


def _lemmatised(word: str) -> bool:
    """Whether a dictionary recognises the word as a form of another: "matarte", "contarme"."""
    return any(simplemma.lemmatize(word, lang=lang) != word for lang in ("en", "es"))


def _is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="en") or simplemma.is_known(word, lang="es")


@lru_cache(maxsize=16384)
def _read_word(token: str) -> _Word:
    folded = _fold(token)
    if token.isdigit():
        number = MAX_NUMBER if len(token) > 6 else int(token)
        return _Word(frozenset({token}), frozenset({token}), number, True)
    forms = {folded, _unstretch(folded), _squeeze(folded)}
    forms |= {form.replace("ph", "f") for form in forms}
    forms |= {re.sub(r"k(?=[ei])", "qu", form) for form in forms}  # "kiero"
    known = any(_is_known(form) for form in (token, *forms))
    if _CENSORED.search(folded):  # "k*ll", "s*icide": the cue words it may stand for
        censored = re.compile("[a-z]{1,2}".join(map(re.escape, _CENSORED.split(folded))))
        forms |= {word for word in _TYPO_VOCABULARY if censored.fullmatch(word)}
    elif not known and not _lemmatised(token):
        forms |= _corrections(folded)
    keys = set(forms)
    for form in {token, *forms, *_with_final_accent(token)}:
        keys |= _lemmas(form)
    return _Word(frozenset(forms), frozenset(keys), _NUMBER_WORDS.get(folded), known)


MAX_NUMBER = 1_000_000  # longer digit strings are just "a lot"
MIN_TYPO_LENGTH = 5  # shorter words match exactly: "dye" is not "die"
_NUMBER_WORDS = {_fold(word): value for word, value in wordlists.NUMBER_WORDS.items()}


def _corrections(word: str) -> set[str]:
    """Cue words a word that no dictionary knows may be a typo of ("suicdal", "kil")."""
    found = set()
    squeezed = _squeeze(word)
    found |= _BY_SQUEEZED.get(squeezed, set())
    if len(word) >= MIN_TYPO_LENGTH:
        reach = 2 if len(word) >= 9 else 1
        for choice, _distance, _index in process.extract(
            word, _TYPO_VOCABULARY, scorer=OSA.distance, score_cutoff=reach, limit=3
        ):
            found.add(choice)
    return found


# --- patterns -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    keys: frozenset[str]  # matched by any form or lemma of a word
    exact: frozenset[str]  # matched by a form only ("=took")
    count: int | None = None  # "#5": a number at least this large, not a strength or a time
    counts_things: bool = True  # "%1": any number, a time or a strength too
    unknown: bool = False  # "@UNKNOWN": a word no dictionary knows
    gap: int = 0  # words allowed between the slot before and this one

    def can_match(self, keys: frozenset[str], forms: frozenset[str]) -> bool:
        """Whether any word of a clause (all its keys, all its forms) might fill this slot."""
        return (
            self.count is not None or self.unknown or bool(self.keys & keys or self.exact & forms)
        )

    def matches(self, word: _Word) -> bool:
        if self.count is not None:
            return word.number is not None and word.number >= self.count
        return bool(
            (self.unknown and not word.known) or word.keys & self.keys or word.forms & self.exact
        )


@dataclass(frozen=True)
class _Pattern:
    category: str
    name: str
    slots: tuple[_Slot, ...]
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
            sub_keys, sub_exact, _, _ = _alternatives("|".join(_CLASSES[alternative[1:]]))
            keys |= sub_keys
            exact |= sub_exact
        elif alternative.startswith("="):
            exact.add(_fold(alternative[1:]))
        elif alternative:
            keys.add(_fold(alternative))
    return keys, exact, count, unknown


def _compile(spec: str) -> tuple[_Slot, ...]:
    slots: list[_Slot] = []
    gap = 0
    for part in spec.split():
        if part in _GAPS:
            gap = _GAPS[part]
            continue
        keys, exact, count, unknown = _alternatives(part)
        things = not part.startswith("%")
        slots.append(_Slot(frozenset(keys), frozenset(exact), count, things, unknown, gap))
        gap = 0
    return tuple(slots)


def _patterns(category: str, entries: Iterable[cues.Entry]) -> list[_Pattern]:
    compiled = []
    for entry in entries:
        name, spec = entry[0], entry[1]
        everyday = frozenset(_fold(w) for w in entry[2].split()) if len(entry) == 3 else frozenset()
        compiled.append(_Pattern(category, name, _compile(spec), everyday))
    return compiled


_CLASSES: dict[str, tuple[str, ...]] = {
    name: tuple(words.split()) for name, words in cues.CLASSES.items()
}
_CLASSES["PILLS"] = (*_CLASSES["PILLS"], *wordlists.MEDICATION)

_UNITS = frozenset(
    _fold(w)
    for w in (
        *wordlists.STRENGTH_UNITS,
        *"am pm min mins minute minutes hour hours hr hrs day days week weeks month months".split(),
        *"year years time times dollars bucks percent horas minutos dias meses anos veces".split(),
        *"o clock mil pesos".split(),
    )
)

_CUES: list[_Pattern] = [
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
    *_patterns(MENTION, cues.MENTION),
]


def _marker_patterns(specs: Iterable[str]) -> list[tuple[_Slot, ...]]:
    return [_compile(spec) for spec in specs]


_PAST = _marker_patterns(cues.PAST)
_RECOVERY = _marker_patterns(cues.RECOVERY)
_IDIOMS = _marker_patterns(cues.IDIOMS)
_LOGISTICS = _marker_patterns(cues.LOGISTICS)
_MADE_SAFE = _marker_patterns(cues.MEANS_MADE_SAFE)
_NEGATORS = frozenset(cues.NEGATORS.split())
_NEGATION_STOPS = frozenset(cues.NEGATION_STOPS.split())
_LAUGHTER = re.compile(
    r"(?:lo+l|lmf?a+o+|rofl|(?:ha){2,}h?|(?:ja){2,}j?|(?:je){2,}|(?:ji){2,}|(?:js){2,}|xd+)"
)
_FIRST_PERSON = frozenset(_alternatives("@FIRST_PERSON")[0])
_OTHER_KEYS = frozenset(_alternatives("@OTHER")[0])

_TYPO_VOCABULARY = sorted(
    {
        word
        for pattern in _CUES
        for slot in pattern.slots
        for word in slot.keys | slot.exact
        if len(word) >= MIN_TYPO_LENGTH - 1 and word.isalpha()
    }
)
_BY_SQUEEZED: dict[str, set[str]] = {}
for _word in _TYPO_VOCABULARY:
    if _squeeze(_word) != _word:
        _BY_SQUEEZED.setdefault(_squeeze(_word), set()).add(_word)


def _find(clause: _Clause, slots: Sequence[_Slot], start: int = 0) -> tuple[int, int] | None:
    """The first place (start, end) where `slots` match in `clause`, from `start` on."""
    for at in range(start, len(clause)):
        if _slot_at(clause, slots[0], at):
            end = _rest(clause, slots, 1, at + 1)
            if end is not None:
                return at, end
    return None


def _rest(clause: _Clause, slots: Sequence[_Slot], index: int, at: int) -> int | None:
    if index == len(slots):
        return at
    slot = slots[index]
    for position in range(at, min(at + slot.gap + 1, len(clause))):
        if _slot_at(clause, slot, position):
            end = _rest(clause, slots, index + 1, position + 1)
            if end is not None:
                return end
    return None


def _slot_at(clause: _Clause, slot: _Slot, at: int) -> bool:
    word = clause[at]
    if not slot.matches(word):
        return False
    if slot.count is not None and slot.counts_things and at + 1 < len(clause):
        return not (clause[at + 1].forms & _UNITS)
    return True


def _any(clause: _Clause, markers: Iterable[Sequence[_Slot]]) -> bool:
    return any(_find(clause, slots) is not None for slots in markers)


# --- scoping --------------------------------------------------------------------------------


def _negated(clause: _Clause, start: int) -> bool:
    for at in range(start - 1, max(start - 1 - cues.NEGATION_REACH, -1), -1):
        forms = clause[at].forms
        if forms & _NEGATION_STOPS:
            return False
        if forms & _NEGATORS:
            return True
    return False


def _said_of_someone_else(clause: _Clause, start: int) -> bool:
    """Someone else is the subject: "my son swallowed ...", and no "I" in between."""
    for at in range(start - 1, -1, -1):
        word = clause[at]
        if word.forms & _FIRST_PERSON:
            return False
        if word.keys & _OTHER_KEYS:
            return True
    return False


def _overlaps_idiom(clause: _Clause, start: int, end: int) -> bool:
    for slots in _IDIOMS:
        found = _find(clause, slots)
        while found is not None:
            if found[0] < end and start < found[1]:
                return True
            found = _find(clause, slots, found[0] + 1)
    return False


_LOWERED_TO = {
    NEGATION: Risk.POSSIBLE,
    PAST: Risk.POSSIBLE,
    LAUGHTER: Risk.POSSIBLE,
    SOMEONE_ELSE: Risk.POSSIBLE,
    RECOVERY: Risk.ROUTINE,
    IDIOM: Risk.ROUTINE,
    EVERYDAY: Risk.ROUTINE,
    LOGISTICS: Risk.ROUTINE,
    MEANS_MADE_SAFE: Risk.ROUTINE,
}
_OWN_RISK = {DISTRESS: Risk.POSSIBLE, FAREWELL: Risk.ROUTINE, MENTION: Risk.ROUTINE}
# A method or a place denied outright ("I don't have a gun") is routine, not a question.
_DENIED_IS_ROUTINE = frozenset({PLACE, MEANS, INGESTION, PREPARATORY, DISTRESS, MENTION})
_LOWERED_BY_LAUGHTER = frozenset({IDEATION, SELF_HARM, DISTRESS, CANT_STAY_SAFE})
_LOWERED_BY_RECOVERY = frozenset({IDEATION, SELF_HARM, INGESTION, DISTRESS})
_LOGISTICS_CUES = frozenset(
    {
        "sedatives_with_alcohol",
        "pills_with_alcohol",
        "overdose",
        "enough_pills",
        "pills_counted_out",
        "pills",
    }
)
_MEANS_CUES = frozenset({MEANS, MENTION})


def _heard(clauses: Sequence[_Clause]) -> list[Cue]:
    words = {form for clause in clauses for word in clause for form in word.keys}
    laughing = any(
        _LAUGHTER.fullmatch(form) for clause in clauses for w in clause for form in w.forms
    )
    recovering = any(_any(clause, _RECOVERY) for clause in clauses)
    heard: list[Cue] = []
    for clause in clauses:
        clause_keys = frozenset().union(*(word.keys for word in clause))
        clause_forms = frozenset().union(*(word.forms for word in clause))
        past = _any(clause, _PAST)
        logistics = _any(clause, _LOGISTICS)
        taken: list[tuple[int, int]] = []  # spans already read as someone else's ingestion
        for pattern in _CUES:
            if not all(slot.can_match(clause_keys, clause_forms) for slot in pattern.slots):
                continue
            found = _find(clause, pattern.slots)
            if found is None:
                continue
            start, end = found
            category = pattern.category
            if category == INGESTION and any(s <= start < e or start <= s < end for s, e in taken):
                continue
            if category == INGESTION and _said_of_someone_else(clause, start):
                category = OTHER_INGESTION
            lowered = _lowered(
                pattern, category, clause, start, end, words, past, logistics, laughing, recovering
            )
            if pattern.category == OTHER_INGESTION and lowered is None:
                taken.append(found)
            risk = _OWN_RISK.get(category, Risk.HIGH)
            if lowered is not None:
                risk = _lowered_risk(category, lowered, risk)
            heard.append(Cue(category, pattern.name, risk, lowered))
    return heard


def _lowered(
    pattern: _Pattern,
    category: str,
    clause: _Clause,
    start: int,
    end: int,
    words: set[str],
    past: bool,
    logistics: bool,
    laughing: bool,
    recovering: bool,
) -> str | None:
    if pattern.everyday & words:
        return EVERYDAY
    if _overlaps_idiom(clause, start, end):
        return IDIOM
    if category == OTHER_INGESTION:
        return None
    if _negated(clause, start):
        return NEGATION
    if category in _MEANS_CUES and _any(clause[:start], _MADE_SAFE):
        return MEANS_MADE_SAFE
    if recovering and category in _LOWERED_BY_RECOVERY:
        return RECOVERY
    if past:
        return PAST
    if logistics and pattern.name in _LOGISTICS_CUES:
        return LOGISTICS
    if category == PLACE and _said_of_someone_else(clause, start):
        return SOMEONE_ELSE
    if laughing and category in _LOWERED_BY_LAUGHTER:
        return LAUGHTER
    return None


def _lowered_risk(category: str, lowered: str, risk: Risk) -> Risk:
    if risk is not Risk.HIGH:
        return Risk.ROUTINE
    if lowered == NEGATION and category in _DENIED_IS_ROUTINE:
        return Risk.ROUTINE
    return _LOWERED_TO[lowered]


# --- cues that count together ---------------------------------------------------------------

# What a method or means named with a farewell or distress is a cue of.
_MENTIONED = {
    "pills": INGESTION,
    "gun": MEANS,
    "rope": MEANS,
    "blade": MEANS,
    "means": MEANS,
    "place": PLACE,
}
_PARTNERS_OF_A_FAREWELL = frozenset(
    {MENTION, PLACE, MEANS, INGESTION, IDEATION, SELF_HARM, DISTRESS, PREPARATORY, CANT_STAY_SAFE}
)


def _together(now: Sequence[Cue], earlier: Sequence[Cue]) -> list[Cue]:
    """High cues made of two that are not high alone; one of them is in this text."""
    standing = [cue for cue in now if cue.lowered_by is None]
    found: list[Cue] = []
    farewells = {cue.name for cue in standing if cue.category == FAREWELL}
    if len(farewells) >= 2:
        found.append(Cue(PREPARATORY, "farewells", Risk.HIGH))
    pairs = [(a, b, False) for a in standing for b in standing if a is not b]
    pairs += [(a, b, True) for a in standing for b in earlier]
    pairs += [(b, a, True) for a in standing for b in earlier]
    for a, b, is_earlier in pairs:
        if a.category == FAREWELL and b.category in _PARTNERS_OF_A_FAREWELL:
            partner = _MENTIONED.get(b.name, PREPARATORY) if b.category == MENTION else b.category
            joint = "after" if is_earlier else "with"
            found.append(Cue(partner, f"{a.name}_{joint}_{b.name}", Risk.HIGH, None, is_earlier))
        elif a.category == MENTION and b.category == DISTRESS:
            joint = "after" if is_earlier else "with"
            found.append(
                Cue(_MENTIONED[a.name], f"{a.name}_{joint}_{b.name}", Risk.HIGH, None, is_earlier)
            )
    return found


# --- a practice's own phrases ---------------------------------------------------------------


@lru_cache(maxsize=64)
def _compile_practice_phrases(entries: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    phrases = []
    for entry in entries:
        words = tuple(_fold(w) for w in _WORD.findall(entry.casefold()) if not w.isdigit())
        if words:
            phrases.append(words)
    return tuple(phrases)


def _practice_word(word: _Word, wanted: str) -> bool:
    if wanted in word.forms:
        return True
    return len(wanted) >= MIN_TYPO_LENGTH and any(
        OSA.distance(form, wanted) <= 1 for form in word.forms
    )


def _has_practice_phrase(clause: _Clause, phrases: Sequence[tuple[str, ...]]) -> bool:
    for phrase in phrases:
        for start in range(len(clause) - len(phrase) + 1):
            if all(_practice_word(clause[start + i], w) for i, w in enumerate(phrase)):
                return True
    return False


# Dictionaries load on first use, seconds per language: read one word of each at import so
# that the first text of the night is not the one that waits.
_read("warm up: calentar")
