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

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import OSA

from policies import cues, wordlists
from policies.triage_patterns import BY_SQUEEZED, CLASSES, TYPO_VOCABULARY
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
    "\N{DROP OF BLOOD}": " blood ",
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
_MARKS = {mark.replace("'", "\u2019"): words for mark, words in wordlists.TEXTING_MARKS.items()}
_MARKS.update(wordlists.TEXTING_MARKS)
_SHORTHAND_MARKS = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(_MARKS, key=len, reverse=True))) + ")",
    re.IGNORECASE,
)
_SHORTHAND = {fold(short): tuple(words.split()) for short, words in wordlists.TEXTING.items()}
# "my 3 yr old", "mi niña de 2 años": a small child, whoever swallowed something.
_AGE = re.compile(
    r"\b\d{1,2}\s*-?\s*(?:yr|yrs|year|years|mo|month|months)\s*-?\s*old\b|\b\d{1,2}\s*y/?o\b"
    r"|\bde\s+\d{1,2}\s+(?:anos|años|añitos|meses)\b"  # "mi nena de 2 años"
)
# Texting "2" for "too" before a quantity: "took 2 many pills", "2 much".
_TWO_FOR_TOO = re.compile(r"\b2\s+(?=(?:many|much)\b)")
# Spanish as spoken: "he" written "e" before a participle ("me e cortao"), and the participle
# with its "d" dropped ("cortao", "tomao", "pasao").
_SPOKEN_HE = re.compile(r"\b(me|te|se|lo|la|le|ya)\s+e\s+(?=[^\W\d_]+(?:ado|ao|ido|io)\b)")
# Spanish "he" before a participle is "I have" ("he tomado mis pastillas"), never the English
# "he" that makes someone else the subject: read as "yo ha".
_I_HAVE = re.compile(r"\bhe\s+(?=[^\W\d_]+(?:ado|ada|ido|ida)s?\b)")
_SPOKEN_PARTICIPLE = re.compile(r"\b([^\W\d_]{3,})ao(s?)\b")
# Spanish spelt as it sounds (yeísmo, b and v, s and z): "pastiyas", "bida", "matarze".
# English spelt as it sounds too: "tuk" for "took".
_SOUNDS_ALIKE = (
    ("y", "ll"),
    ("ll", "y"),
    ("b", "v"),
    ("v", "b"),
    ("z", "s"),
    ("s", "z"),
    ("u", "oo"),
)


def read(text: str) -> list[Clause]:
    text = _OD.sub(" od ", text.translate(_EMOJI_TABLE))
    text = _SHORTHAND_MARKS.sub(lambda found: f" {_MARKS[found.group().casefold()]} ", text)
    text = _AGE.sub(" child ", text.casefold())
    text = _TWO_FOR_TOO.sub("too ", text)
    text = _SPOKEN_HE.sub(r"\1 he ", text)
    text = _SPOKEN_PARTICIPLE.sub(lambda found: _participle(found), text)
    text = _I_HAVE.sub("yo ha ", text)
    text = text.translate(_APOSTROPHES)  # before NFKC, which turns "´" into a space
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    text = _MY_SELF.sub("myself", text)
    text = _NO_ONE.sub("noone", text)
    clauses: list[Clause] = []
    for part in _CLAUSE.split(text):
        words: list[Word] = []
        for typed in WORD.findall(part):
            for token in _SHORTHAND.get(fold(typed), (typed,)):
                if fold(token) in _CLAUSE_WORDS:
                    if words:
                        clauses.append(tuple(words))
                    words = []
                    continue
                words.append(read_word(token))
        if words:
            clauses.append(tuple(words))
    return clauses


def _participle(found: re.Match[str]) -> str:
    """ "cortao" as "cortado", when the word is not one as it is ("bacalao", "cacao")."""
    word = found.group(0)
    return word if word in _WORDS_IN_AO else f"{found.group(1)}ado{found.group(2)}"


_WORDS_IN_AO = frozenset("bacalao cacao callao macao sarao vaho".split())
# A Spanish participle reads as its verb too ("me he cortado" is "cortar"), which the
# dictionaries often take for an adjective.
_PARTICIPLE = re.compile(r"^([a-z]{2,})(ad|id)(o|a|os|as)$")


def _verb_of(form: str) -> set[str]:
    found = _PARTICIPLE.match(form)
    if found is None:
        return set()
    root, kind = found.group(1), found.group(2)
    endings = ("ar",) if kind == "ad" else ("er", "ir")
    return {root + ending for ending in endings if simplemma.is_known(root + ending, lang="es")}


@lru_cache(maxsize=16384)
def read_word(token: str) -> Word:
    folded = fold(token)
    if token.isdecimal():
        number = MAX_NUMBER if len(token) > 6 else int(token)
        return Word(frozenset({token}), frozenset({token}), number, True)
    forms = {folded, unstretch(folded), squeeze(folded)}
    forms |= {form.replace("ph", "f") for form in forms}
    forms |= {re.sub(r"k(?=[ei])", "qu", form) for form in forms}  # "kiero"
    known = any(is_known(form) for form in (token, *forms))
    if not known:  # a medicine's plural no dictionary knows: "oxys", "xannys", "addys"
        forms |= {form[:-1] for form in forms if form.endswith("s") and form[:-1] in _PILL_WORDS}
    if _CENSORED.search(folded):  # "k*ll", "s*icide": the cue words it may stand for
        censored = re.compile("[a-z]{1,2}".join(map(re.escape, _CENSORED.split(folded))))
        forms |= {word for word in TYPO_VOCABULARY if censored.fullmatch(word)}
    elif not known and not lemmatised(token):
        sounds = {
            variant
            for typed, written in _SOUNDS_ALIKE
            if typed in folded and is_known(variant := folded.replace(typed, written))
        }
        forms |= sounds or _corrections(folded)
    keys = set(forms)
    for form in {token, *forms, *with_final_accent(token)}:
        keys |= lemmas(form)
    for form in forms:
        keys |= _verb_of(form)
    return Word(frozenset(forms), frozenset(keys), NUMBER_WORDS.get(folded), known)


# Cue words, the words of the classes (a time of life such as "prepa" among them) and real
# words one typo from a keyword: none is read as a typo of another word.
_CUE_WORDS = frozenset(TYPO_VOCABULARY).union(
    wordlists.NOT_MISSPELLINGS,
    (fold(word) for words in cues.CLASSES.values() for word in words.split()),
)
_PILL_WORDS = frozenset(fold(word) for word in CLASSES["PILLS"])
_BY_LENGTH: dict[int, list[str]] = {}
for _choice in TYPO_VOCABULARY:
    _BY_LENGTH.setdefault(len(_choice), []).append(_choice)


def _corrections(word: str) -> set[str]:
    """Cue words a word that no dictionary knows may be a typo of ("suicdal", "kil"); a cue
    word itself is no typo of another ("prepa" is not "presa")."""
    if word in _CUE_WORDS:
        return set()
    found = set()
    squeezed = squeeze(word)
    found |= BY_SQUEEZED.get(squeezed, set())
    if len(word) == MIN_TYPO_LENGTH - 1:  # "wnat": two letters swapped, nothing else
        letters = sorted(word)
        found |= {
            choice
            for choice in _BY_LENGTH.get(len(word), ())
            if sorted(choice) == letters and OSA.distance(word, choice) == 1
        }
    elif len(word) >= MIN_TYPO_LENGTH:
        reach = 2 if len(word) >= 9 else 1
        for choice, _distance, _index in process.extract(
            word, TYPO_VOCABULARY, scorer=OSA.distance, score_cutoff=reach, limit=3
        ):
            found.add(choice)
    return found
