"""Reading a text into clauses of words (policies.triage).

Emoji that name a means or a farewell become words, apostrophes and accents do not matter,
stretched letters are unstretched ("dieeee"), censored words ("k*ll") and typos of cue words
("suicdal") are read as the cue words they stand for, and every word carries its English and
Spanish lemmas (simplemma), so "me colgué", "colgarme" and "me voy a colgar" read alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from policies import cues
from policies.triage_patterns import BY_SQUEEZED, TYPO_VOCABULARY
from policies.triage_words import (
    MAX_NUMBER,
    MIN_TYPO_LENGTH,
    NUMBER_WORDS,
    Clause,
    Word,
    fold,
    is_known,
    lemmas,
    lemmatised,
    squeeze,
    unstretch,
    with_final_accent,
)

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
WORD = re.compile(r"[^\W\d_]+(?:[*#@$]+[^\W\d_]+)*[*#@$]*|\d+")
_CENSORED = re.compile(r"[*#@$]+")
_CLAUSE_WORDS = frozenset(cues.CLAUSE_WORDS.split())


def read(text: str) -> list[Clause]:
    text = _OD.sub(" od ", text.translate(_EMOJI_TABLE))
    text = text.translate(_APOSTROPHES)  # before NFKC, which turns "´" into a space
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = _MY_SELF.sub("myself", text)
    text = _NO_ONE.sub("noone", text)
    clauses: list[Clause] = []
    for part in _CLAUSE.split(text):
        words: list[Word] = []
        for token in WORD.findall(part):
            if fold(token) in _CLAUSE_WORDS:
                if words:
                    clauses.append(tuple(words))
                words = []
                continue
            words.append(read_word(token))
        if words:
            clauses.append(tuple(words))
    return clauses


@lru_cache(maxsize=16384)
def read_word(token: str) -> Word:
    folded = fold(token)
    if token.isdigit():
        number = MAX_NUMBER if len(token) > 6 else int(token)
        return Word(frozenset({token}), frozenset({token}), number, True)
    forms = {folded, unstretch(folded), squeeze(folded)}
    forms |= {form.replace("ph", "f") for form in forms}
    forms |= {re.sub(r"k(?=[ei])", "qu", form) for form in forms}  # "kiero"
    known = any(is_known(form) for form in (token, *forms))
    if _CENSORED.search(folded):  # "k*ll", "s*icide": the cue words it may stand for
        censored = re.compile("[a-z]{1,2}".join(map(re.escape, _CENSORED.split(folded))))
        forms |= {word for word in TYPO_VOCABULARY if censored.fullmatch(word)}
    elif not known and not lemmatised(token):
        forms |= _corrections(folded)
    keys = set(forms)
    for form in {token, *forms, *with_final_accent(token)}:
        keys |= lemmas(form)
    return Word(frozenset(forms), frozenset(keys), NUMBER_WORDS.get(folded), known)


def _corrections(word: str) -> set[str]:
    """Cue words a word that no dictionary knows may be a typo of ("suicdal", "kil")."""
    found = set()
    squeezed = squeeze(word)
    found |= BY_SQUEEZED.get(squeezed, set())
    if len(word) >= MIN_TYPO_LENGTH:
        reach = 2 if len(word) >= 9 else 1
        for choice, _distance, _index in process.extract(
            word, TYPO_VOCABULARY, scorer=OSA.distance, score_cutoff=reach, limit=3
        ):
            found.add(choice)
    return found
