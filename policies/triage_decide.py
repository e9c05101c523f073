"""Deciding: the cues a text's clauses hold, and the cues that count only together.

Each clinical category is high on its own once scoping (policies.triage_scoping) has been
read; a farewell or distress is high together with a method, a means or a place named in the
same text or in the contact's recent texts, and a means named (even as someone else's) is high
once the text refers back to it as in the patient's hands ("i took it out").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import OSA

from policies.triage_categories import (
    CANT_STAY_SAFE,
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
    SOMEONE_ELSE,
    Cue,
    Risk,
)
from policies.triage_normalise import WORD, read
from policies.triage_patterns import (
    ACROSS_CLAUSES_INDEX,
    ANSWERED_NO_MARKERS,
    ANSWERED_YES_MARKERS,
    ASKED_KEYS,
    CUE_INDEX,
    LAUGHTER_MARK,
    LOGISTICS_MARKERS,
    QUOTED_WORKS,
    RECOVERY_MARKERS,
    PatternIndex,
    find,
    found_any,
    vocabulary,
)
from policies.triage_scoping import (
    OWN_RISK,
    lowered,
    lowered_risk,
    said_of_someone_else,
    the_patient_in_it,
)
from policies.triage_words import MIN_TYPO_LENGTH, Clause, Word, fold


def heard(clauses: Sequence[Clause], quoted: frozenset[Clause] = frozenset()) -> list[Cue]:
    """The cues of a text's clauses; `quoted` holds the clauses of a quotation from a work
    ("that song \"i want to die\""), whose ideation and self-harm are asked about."""
    words = _everyday_words(clauses)
    laughing = any(
        LAUGHTER_MARK.fullmatch(form) for clause in clauses for w in clause for form in w.forms
    )
    recovering = any(found_any(clause, RECOVERY_MARKERS) for clause in clauses)
    answer = _answer(clauses) if words & ASKED_KEYS else None
    found_cues: list[Cue] = []
    if not laughing and _safety_question_answered_no(clauses, words, answer):
        found_cues.append(Cue(CANT_STAY_SAFE, "answered_not_safe", Risk.HIGH))
    # A place or a car named at the end of one sentence and the act in the next ("by the
    # river. thinking of going in") read across the two, for the cues that may.
    readings: list[tuple[Clause, PatternIndex, int]] = [(c, CUE_INDEX, 0) for c in clauses]
    readings += [(a + b, ACROSS_CLAUSES_INDEX, len(a)) for a, b in pairwise(clauses)]
    for clause, index, seam in readings:
        clause_keys, clause_forms = vocabulary(clause)
        patterns = index.candidates(clause_keys)
        logistics = found_any(clause, LOGISTICS_MARKERS)
        taken: list[tuple[int, int]] = []  # spans already read as someone else's ingestion
        for pattern in patterns:
            if not all(slot.can_match(clause_keys, clause_forms) for slot in pattern.slots):
                continue
            found = find(clause, pattern.slots)
            if found is None or (seam and not found[0] < seam < found[1]):
                continue
            start, end = found
            category = pattern.category
            if category == INGESTION and any(s <= start < e or start <= s < end for s, e in taken):
                continue
            if category == INGESTION and said_of_someone_else(clause, start):
                category = OTHER_INGESTION
            if category == OTHER_INGESTION and the_patient_in_it(clause, start, end):
                continue  # "my kid told the dentist i take crazy pills": the patient's own
            why = lowered(
                pattern,
                category,
                clause,
                start,
                end,
                words,
                logistics,
                laughing,
                recovering,
                answer,
            )
            if why is None and clause in quoted and category in _WORDS_OF_A_WORK:
                why = SOMEONE_ELSE
            if pattern.category == OTHER_INGESTION and why is None:
                taken.append(found)
            risk = OWN_RISK.get(category, Risk.HIGH)
            if why is not None:
                risk = lowered_risk(category, why, risk)
            found_cues.append(Cue(category, pattern.name, risk, why))
    return found_cues


def _everyday_words(clauses: Sequence[Clause]) -> set[str]:
    """The words of a text that may make a cue everyday talk, but not a preposition whose object
    is the patient: "end it with him" ends a relationship, "nobody has to deal with me" does not."""
    found: set[str] = set()
    for clause in clauses:
        for at, word in enumerate(clause):
            following = clause[at + 1].forms if at + 1 < len(clause) else frozenset()
            if word.forms & _PREPOSITIONS and following & _THE_PATIENT:
                continue
            found |= word.keys
    return found


_PREPOSITIONS = frozenset("with without for to about from at con sin para de por".split())
_THE_PATIENT = frozenset("me myself mi conmigo".split())


def _answer(clauses: Sequence[Clause]) -> str | None:
    """The patient's answer to a question the text reports: "and i said no", "le dije que sí"."""
    if any(found_any(clause, ANSWERED_YES_MARKERS) for clause in clauses):
        return "yes"
    if any(found_any(clause, ANSWERED_NO_MARKERS) for clause in clauses):
        return "no"
    return None


def _safety_question_answered_no(
    clauses: Sequence[Clause], words: set[str], answer: str | None
) -> bool:
    """The question whether the patient is safe, reported or quoted, and answered "no": "they
    asked if i was safe and i said no", "are you safe? honestly no", "me preguntaron si estaba a
    salvo y dije que no". Never with a "yes" in the text, nor about the road or the house."""
    if answer == "yes" or not words & _SAFE or words & _EVERYDAY_SAFETY:
        return False
    if not any(_asks_if_safe(clause) for clause in clauses):
        return False
    short = [clause for clause in clauses if len(clause) <= _SHORT_ANSWER]
    if any(word.forms & _YES for clause in short for word in clause):
        return False
    return answer == "no" or any(clause[-1].forms & _NO for clause in short)


def _asks_if_safe(clause: Clause) -> bool:
    """A question whether the patient is safe: "asked if i was safe", "are you safe", "me
    preguntó si estaba a salvo"; not whether the car is, nor "segura de la fecha" (sure)."""
    keys = {key for word in clause for key in word.keys}
    if not keys & _A_QUESTION:
        return False
    for at, word in enumerate(clause):
        if not word.forms & _SAFE:
            continue
        following = clause[at + 1].forms if at + 1 < len(clause) else frozenset()
        if following & _SURE_OF:
            continue
        if any(before.forms & _THE_ONE_ASKED for before in clause[max(at - 3, 0) : at]):
            return True
    return False


_SURE_OF = frozenset("de of about that que".split())
_THE_ONE_ASKED = frozenset(
    "i im me you u yo usted myself estaba estoy estas esta sentia siento sientes sentias "
    "sentirme encuentras feel felt".split()
)
_SAFE = frozenset("safe unsafe safety salvo salva segura seguro".split())
_A_QUESTION = frozenset(
    "ask asked asks asking question preguntar pregunto preguntaron pregunta preguntan you u "
    "usted estas".split()
)
_YES = frozenset("yes yeah yep yea si sí".split())
_NO = frozenset("no nope nah".split())
_SHORT_ANSWER = 4  # "honestly no", "the answer is no"
_EVERYDAY_SAFETY = frozenset(
    "home house roommate neighborhood drive driving manejar casa barrio food comida".split()
)


# What a quoted song or film may say for the patient, and is asked about rather than paged.
_WORDS_OF_A_WORK = frozenset({IDEATION, SELF_HARM, DISTRESS, CANT_STAY_SAFE})

# What a method or means named with a farewell or distress is a cue of.
_MENTIONED = {
    "pills": INGESTION,
    "gun": MEANS,
    "rope": MEANS,
    "blade": MEANS,
    "means": MEANS,
    "place": PLACE,
}
# A means named, and referred back to as in the patient's hands ("i took it out"): even when it
# was named as someone else's ("my dad keeps a pistol in his closet").
_REFERRED_MEANS = frozenset({"gun", "rope", "blade", "means", "pills"})
_STILL_NAMED = frozenset({None, SOMEONE_ELSE})
_PARTNERS_OF_A_FAREWELL = frozenset(
    {MENTION, PLACE, MEANS, INGESTION, IDEATION, SELF_HARM, DISTRESS, PREPARATORY, CANT_STAY_SAFE}
)


_SENTENCE_END = re.compile(r"[.!?\n]")
_WORDS_AFTER = 10  # how far after a quotation its work may be named
_QUOTATION = re.compile(r"[\"\u201c\u00ab]([^\"\u201d\u00bb]+)[\"\u201d\u00bb]")


def quoted_from_a_work(text: str) -> frozenset[Clause]:
    """The clauses of each quotation with a work named right before it or in the words after
    it ("the song \"...\"", "\"...\" is stuck in my head from that old song")."""
    found: set[Clause] = set()
    for quotation in _QUOTATION.finditer(text):
        before = WORD.findall(text[: quotation.start()].casefold())[-3:]
        after = WORD.findall(_SENTENCE_END.split(text[quotation.end() :], 1)[0].casefold())
        if any(fold(word) in QUOTED_WORKS for word in (*before, *after[:_WORDS_AFTER])):
            found.update(read(quotation.group(1)))
    return frozenset(found)


def together(now: Sequence[Cue], earlier: Sequence[Cue]) -> list[Cue]:
    """High cues made of two that are not high alone; one of them is in this text."""
    standing = [cue for cue in now if cue.lowered_by is None]
    found: list[Cue] = []
    farewells = {cue.name for cue in standing if cue.category == FAREWELL}
    if len(farewells) >= 2:
        found.append(Cue(PREPARATORY, "farewells", Risk.HIGH))
    pairs = [(a, b, False) for a in standing for b in standing if a is not b]
    pairs += [(a, b, True) for a in standing for b in earlier]
    pairs += [(b, a, True) for a in standing for b in earlier]
    # Distress made final ("i want it to stop. permanently"): ideation, in this text only.
    if any(cue.category == FINALITY for cue in standing):
        found.extend(
            Cue(IDEATION, f"{cue.name}_for_good", Risk.HIGH)
            for cue in standing
            if cue.category == DISTRESS
        )
        # A farewell made final ("goodbye forever", "les dije adiós, por si acaso").
        found.extend(Cue(PREPARATORY, f"{name}_for_good", Risk.HIGH) for name in sorted(farewells))
    named = [
        cue
        for cue in now
        if cue.category == MENTION
        and cue.name in _REFERRED_MEANS
        and cue.lowered_by in _STILL_NAMED
    ]
    references = [c for c in standing if c.category == REFERENCE and c.name not in _NOT_HELD]
    for cue in named:
        # Checking the pill bottle again and again is a dose question as often as not.
        held = [r for r in references if cue.name != "pills" or r.name not in _ONLY_FOR_ARMS]
        if held:
            found.append(Cue(MEANS, f"{cue.name}_{held[0].name}", Risk.HIGH))
            break
    if any(c.name == "it_loaded" for c in references) and len({c.name for c in references}) > 1:
        found.append(Cue(MEANS, "it_loaded_at_hand", Risk.HIGH))  # "ya la cargué. está a mi lado"
    letters = [cue for cue in standing if cue.category == MENTION and cue.name == "letter"]
    if letters and any(cue.category == REFERENCE and cue.name == "done" for cue in standing):
        found.append(Cue(PREPARATORY, "letter_done", Risk.HIGH))
    found.extend(_did_it_again(now))
    found.extend(_someone_close_missing(now))
    for a, b, is_earlier in pairs:
        if a.category == FAREWELL and b.category in _PARTNERS_OF_A_FAREWELL:
            partner = _MENTIONED.get(b.name, PREPARATORY) if b.category == MENTION else b.category
            joint = "after" if is_earlier else "with"
            found.append(Cue(partner, f"{a.name}_{joint}_{b.name}", Risk.HIGH, None, is_earlier))
        elif a.category == MENTION and a.name in _MENTIONED and b.category == DISTRESS:
            joint = "after" if is_earlier else "with"
            found.append(
                Cue(_MENTIONED[a.name], f"{a.name}_{joint}_{b.name}", Risk.HIGH, None, is_earlier)
            )
    return found


_ONLY_FOR_ARMS = frozenset({"keeps_going_back"})
_NOT_HELD = frozenset({"done", "did_it_again"})
_AGAIN = frozenset({"did_it_again"})
_LOWERED_AS_DONE_WITH = frozenset({"recovery", "negation", "past"})


def _did_it_again(now: Sequence[Cue]) -> list[Cue]:
    """An act named as given up, then done again ("8 meses sin cortarme y acabo de hacerlo otra
    vez", "clean since june and i did it again"): the act is now."""
    if not any(cue.name in _AGAIN and cue.lowered_by is None for cue in now):
        return []
    return [
        Cue(cue.category, f"{cue.name}_again", Risk.HIGH)
        for cue in now
        if cue.category in (SELF_HARM, INGESTION) and cue.lowered_by in _LOWERED_AS_DONE_WITH
    ][:1]


def _someone_close_missing(now: Sequence[Cue]) -> list[Cue]:
    """Someone else at a place with a note left ("my wife left a note and her car is at the
    overlook"), or giving things away with a goodbye ("my son gave away his guitar and said
    goodbye to his friends"): a third party's report of a warning sign, paged."""
    theirs = [cue for cue in now if cue.lowered_by == SOMEONE_ELSE]
    noted = any(
        c.category == MENTION and c.name == "letter" and c.lowered_by in _STILL_NAMED for c in now
    )
    farewell = any(c.category == FAREWELL and c.lowered_by in _STILL_NAMED for c in now)
    for cue in theirs:
        if cue.category == PLACE and noted:
            return [Cue(PLACE, f"someone_close_{cue.name}_with_a_note", Risk.HIGH)]
        if cue.category == PREPARATORY and farewell:
            return [Cue(PREPARATORY, f"someone_close_{cue.name}_with_a_goodbye", Risk.HIGH)]
    return []


# --- a practice's own phrases ---------------------------------------------------------------


@lru_cache(maxsize=64)
def compile_practice_phrases(entries: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    phrases = []
    for entry in entries:
        words = tuple(fold(w) for w in WORD.findall(entry.casefold()) if not w.isdigit())
        if words:
            phrases.append(words)
    return tuple(phrases)


def _practice_word(word: Word, wanted: str) -> bool:
    if wanted in word.forms:
        return True
    return len(wanted) >= MIN_TYPO_LENGTH and any(
        OSA.distance(form, wanted) <= 1 for form in word.forms
    )


def has_practice_phrase(clause: Clause, phrases: Sequence[tuple[str, ...]]) -> bool:
    for phrase in phrases:
        for start in range(len(clause) - len(phrase) + 1):
            if all(_practice_word(clause[start + i], w) for i, w in enumerate(phrase)):
                return True
    return False
