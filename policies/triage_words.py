"""One word of a text as triage reads it: its spellings, its lemmas, a number (policies.triage)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import simplemma

from policies import wordlists

MAX_NUMBER = 1_000_000  # longer digit strings are just "a lot"
MIN_TYPO_LENGTH = 5  # shorter words match exactly: "dye" is not "die"


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(word: str) -> str:
    return strip_accents(word).casefold()


@dataclass(frozen=True)
class Word:
    forms: frozenset[str]  # folded spellings: as typed, unstretched, squeezed, corrected
    keys: frozenset[str]  # forms and their English and Spanish lemmas, folded
    number: int | None
    known: bool  # a word of English or Spanish (unknown words are often medicine names)
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Clauses (tuples of words) key the pattern caches: hash a word once, not per look-up.
        object.__setattr__(self, "_hash", hash((self.forms, self.keys, self.number, self.known)))

    def __hash__(self) -> int:
        return self._hash


Clause = tuple[Word, ...]

NUMBER_WORDS = {fold(word): value for word, value in wordlists.NUMBER_WORDS.items()}


def squeeze(word: str) -> str:
    return re.sub(r"(\D)\1+", r"\1", word)


def unstretch(word: str) -> str:
    return re.sub(r"(\D)\1{2,}", r"\1\1", word)


def lemmas(word: str) -> set[str]:
    found = {
        fold(simplemma.lemmatize(word, lang="en")),
        fold(simplemma.lemmatize(word, lang="es")),
    }
    extra = EXTRA_LEMMAS.get(fold(word))
    return found | {extra} if extra else found


EXTRA_LEMMAS = {fold(form): fold(lemma) for form, lemma in wordlists.EXTRA_LEMMAS.items()}


_ACCENTED = str.maketrans("aeiou", "\u00e1\u00e9\u00ed\u00f3\u00fa")


def with_final_accent(word: str) -> set[str]:
    """A Spanish verb typed without its final accent: "corte", "trago" for "corté", "tragó"."""
    if len(word) < 4 or word[-1] not in "aeiou" or word != strip_accents(word):
        return set()
    return {word[:-1] + word[-1].translate(_ACCENTED)}


def lemmatised(word: str) -> bool:
    """Whether a dictionary recognises the word as a form of another: "matarte", "contarme"."""
    return any(simplemma.lemmatize(word, lang=lang) != word for lang in ("en", "es"))


def is_known(word: str) -> bool:
    return simplemma.is_known(word, lang="en") or simplemma.is_known(word, lang="es")
