"""Scoping: what lowers a cue, and only the cue it scopes (policies.triage).

A negation within the clause ("not going to hurt myself"), the past and recovery ("8 months
clean"), a question about a dose or a refill, idioms ("me muero de risa"), laughter, means
made safe, someone else as the subject, a question the text reports ("she asked if i had
thought about suicide", routine once answered "no") and a thing blamed for the wish ("the
wedding planning makes me want to die") each lower the cue they reach, to POSSIBLE (the safety
check asks) or to ROUTINE. A denial never cancels another cue of the text, and a reported
question lowers thoughts only, never a method, a place or an ingestion.
"""

from __future__ import annotations

from collections.abc import Sequence

from policies import cues
from policies.triage_categories import (
    ASKED,
    CANT_STAY_SAFE,
    COLOURING,
    DISTRESS,
    EVERYDAY,
    FAREWELL,
    FINALITY,
    HYPERBOLE,
    IDEATION,
    IDIOM,
    INGESTION,
    LAUGHTER,
    LOGISTICS,
    MEANS,
    MEANS_MADE_SAFE,
    MENTION,
    NEGATION,
    OTHER_INGESTION,
    PAST,
    PLACE,
    PREPARATORY,
    RECOVERY,
    REFERENCE,
    SELF_HARM,
    SOMEONE_ELSE,
    Risk,
)
from policies.triage_patterns import (
    ALL_KEYS,
    ASKED_KEYS,
    COMPANY_MARKERS,
    FIRST_PERSON,
    HYPOTHETICAL,
    IDIOM_MARKERS,
    MADE_SAFE_MARKERS,
    NEGATION_PATH,
    NEGATION_STOPS,
    NEGATION_VOIDED_BY,
    NEGATORS,
    OTHER_KEYS,
    OTHER_SUBJECTS,
    PAST_MARKERS,
    RELATIVE,
    SELF_IN_THE_CUE,
    SOMEONE_ELSE_DOES_IT,
    Pattern,
    Slot,
    spans,
)
from policies.triage_scoping_words import (
    about_a_work,
    again,
    dying_to_do,
    if_once_more,
    the_patient_in_it,
    their_own_danger,
)
from policies.triage_words import Clause, Word

__all__ = ["OWN_RISK", "lowered", "lowered_risk", "said_of_someone_else", "the_patient_in_it"]


def _negator_at(clause: Clause, at: int) -> bool:
    """A negation, unless the words after it undo it ("no cap", "can't stop", "no es broma")."""
    if not clause[at].forms & NEGATORS:
        return False
    after = clause[at + 1 : at + 3]
    return not any(word.forms & NEGATION_VOIDED_BY for word in after)


def negated(clause: Clause, start: int, end: int, pattern: Pattern) -> bool:
    """A negation reaches the cue at clause[start:end] through light words only, or sits
    inside the cue's span where the pattern itself names no negation ("i'd never take all")."""
    for at in range(start - 1, max(start - 1 - cues.NEGATION_REACH, -1), -1):
        forms = clause[at].forms
        if forms & NEGATION_STOPS:
            return False
        if _negator_at(clause, at):
            return True
        if not forms & NEGATION_PATH:
            return False
    named = frozenset().union(*(slot.keys | slot.exact for slot in pattern.slots))
    return any(
        _negator_at(clause, at) and not clause[at].forms & named for at in range(start + 1, end)
    )


def said_of_someone_else(clause: Clause, start: int) -> bool:
    """Someone else is the subject: "my son swallowed ...", and no "I" in between."""
    for at in range(start - 1, -1, -1):
        word = clause[at]
        if word.forms & FIRST_PERSON:
            return False
        if word.keys & OTHER_KEYS:
            return True
    return False


def someone_elses(clause: Clause, start: int, end: int) -> bool:
    """The cue at clause[start:end] is about someone else: "a guy who jumps off a bridge", "mi
    jefe me va a matar", "my grandpa is making his will"; never when the patient is in it
    ("they'd be better off without me"), and "my dad's gun" is the patient's."""
    span = clause[start:end]
    if span[0].forms & _ME and any(word.forms & SOMEONE_ELSE_DOES_IT for word in span[1:3]):
        return True
    if any(word.forms & SELF_IN_THE_CUE for word in span):
        return False
    for at in range(start - 1, -1, -1):
        word = clause[at]
        if word.forms & FIRST_PERSON:
            return False
        if word.keys & _SUBJECTS or word.forms & OTHER_SUBJECTS or _english_he(clause, at):
            return not (at >= start - _POSSESSIVE_REACH and _possessive(word))
    return False


def _english_he(clause: Clause, at: int) -> bool:
    """ "he" as the English pronoun ("he wants to die"), not the Spanish "I have" before a
    participle ("he pensado en matarme")."""
    if "he" not in clause[at].forms:
        return False
    following = clause[at + 1].forms if at + 1 < len(clause) else frozenset()
    return not any(form.endswith(_PARTICIPLE_ENDINGS) for form in following)


_PARTICIPLE_ENDINGS = ("ado", "ada", "ido", "ida", "cho", "sto", "to", "so", "do")


def _possessive(word: Word) -> bool:
    """ "dads" in "my dads gun": the apostrophe gone, a possessive, not a subject."""
    return any(form.endswith("s") and form[:-1] in _SUBJECTS for form in word.forms)


_ME = frozenset({"me"})
_POSSESSIVE_REACH = 3  # "my grandpas old revolver": the possessive, then a word or two
_SUBJECTS = OTHER_KEYS - {"he"}  # Spanish "he" is "I have": "he estado juntando pastillas"


def _overlaps_idiom(clause: Clause, start: int, end: int) -> bool:
    """An idiom over the cue lowers it, unless the cue holds the idiom and says more before
    it: "the key to the gun safe" is about the gun."""
    for slots in IDIOM_MARKERS:
        for found in spans(clause, slots):
            if start < found[0] and found[1] <= end:
                continue
            if found[0] < end and start < found[1]:
                return True
    return False


def _beyond_a_dose(category: str, span: Clause) -> bool:
    """All of it or a count, swallowed: "se tomó todas sus pastillas" is not her usual dose."""
    return category in _SWALLOWED and any(
        word.keys & ALL_KEYS or (word.number or 0) >= cues.A_COUNT for word in span
    )


def _made_safe(clause: Clause, start: int, end: int) -> bool:
    """Means made safe, before the cue or after it ("my pills are locked up"), but not the
    cue's own words: "guardé todas mis pastillas" is saving them up; "mi hermano me guarda las
    pastillas" is made safe."""
    return any(
        not start <= found[0] < end for slots in MADE_SAFE_MARKERS for found in spans(clause, slots)
    )


def _reaches(clause: Clause, start: int, end: int, markers: Sequence[tuple[Slot, ...]]) -> bool:
    """A marker of the clause, unless it belongs to a relative clause after the cue: in "im at
    the cliffs where we used to go" neither the past nor the company is now."""
    for slots in markers:
        for found in spans(clause, slots):
            between = clause[end : found[0] + 1]
            if found[0] >= end and any(word.forms & RELATIVE for word in between):
                continue
            return True
    return False


def _habitual_past(clause: Clause, start: int, end: int) -> bool:
    """A Spanish verb of the cue in the imperfect, what one used to do ("en la prepa me
    cortaba", "me tomaba las pastillas de mi mamá"), unless the clause says it is now."""
    if any(word.forms & _NOW for word in clause):
        return False
    for word in clause[max(start - _GOVERNS, 0) : end]:
        if word.forms & RELATIVE:
            return False  # "me tomé todo lo que había": the imperfect of a relative clause
        if _imperfect(word):
            return True
    return False


def _imperfect(word: Word) -> bool:
    for form in word.forms:
        stem = form.removesuffix("me").removesuffix("la").removesuffix("las")
        for ending, infinitives in _IMPERFECT_ENDINGS:
            if stem.endswith(ending) and len(stem) > len(ending) + 2:
                root = stem.removesuffix(ending)
                return any(f"{root}{infinitive}" in word.keys for infinitive in infinitives)
    return False


# First conjugation (cortaba, tomaban), then second and third (quería, tenía, vivían).
_IMPERFECT_ENDINGS = (
    *((ending, ("ar",)) for ending in ("abamos", "abas", "aban", "aba")),
    *((ending, ("er", "ir")) for ending in ("iamos", "ias", "ian", "ia")),
)
_GOVERNS = 3  # "pensaba mucho en matarme": the verb a word or two before the cue
_NOW = frozenset(cues.NOW.split())
# Cues whose act is someone else's by their nature ("someone will take care of him after").
_DONE_BY_OTHERS = frozenset({"care_arranged_after"})

_LOWERED_TO = {
    NEGATION: Risk.POSSIBLE,
    PAST: Risk.POSSIBLE,
    LAUGHTER: Risk.POSSIBLE,
    SOMEONE_ELSE: Risk.POSSIBLE,
    ASKED: Risk.POSSIBLE,
    HYPERBOLE: Risk.POSSIBLE,
    RECOVERY: Risk.ROUTINE,
    IDIOM: Risk.ROUTINE,
    EVERYDAY: Risk.ROUTINE,
    LOGISTICS: Risk.ROUTINE,
    MEANS_MADE_SAFE: Risk.ROUTINE,
}
OWN_RISK = {
    DISTRESS: Risk.POSSIBLE,
    FAREWELL: Risk.ROUTINE,
    FINALITY: Risk.ROUTINE,
    MENTION: Risk.ROUTINE,
    REFERENCE: Risk.ROUTINE,
    COLOURING: Risk.ROUTINE,
}
# A method or a place denied outright ("I don't have a gun") is routine, not a question.
_DENIED_IS_ROUTINE = frozenset({PLACE, MEANS, INGESTION, PREPARATORY, DISTRESS, MENTION})
_LOWERED_BY_LAUGHTER = frozenset({IDEATION, SELF_HARM, DISTRESS, CANT_STAY_SAFE, COLOURING})
# A reported question lowers thoughts only: a method, a place or an ingestion asked about stands
# ("she asked if i took pills and i said no" is not a denial that cancels the pills).
_THOUGHTS = frozenset({IDEATION, SELF_HARM, CANT_STAY_SAFE, DISTRESS})
_LOWERED_BY_RECOVERY = frozenset({IDEATION, SELF_HARM, INGESTION, DISTRESS, COLOURING})
_LOGISTICS_CUES = frozenset(
    {
        "sedatives_with_alcohol",
        "pills_with_alcohol",
        "overdose",
        "enough_pills",
        "pills_counted_out",
        "pills",
        "beyond_the_dose",
    }
)
_MEANS_CUES = frozenset({MEANS, MENTION})
_SWALLOWED = frozenset({INGESTION, OTHER_INGESTION})
_SAID_OF_OTHERS = frozenset({PLACE, MEANS, PREPARATORY, IDEATION, SELF_HARM, MENTION, REFERENCE})
# A work's story may tell any act, an overdose too ("a novel where the main character overdoses").
_A_WORKS_STORY = _SAID_OF_OTHERS | _SWALLOWED


def _for_someone_named(clause: Clause, end: int) -> bool:
    """The cue ends on Spanish "mi" and a noun follows it: "cuchillos para mi mamá" are for her
    ("mi" possessive), "una soga para mí" for the patient."""
    if end >= len(clause) or not clause[end - 1].forms & _MI:
        return False
    following = clause[end]
    return following.known and not following.forms & _NOT_A_NOUN


_MI = frozenset({"mi"})
_NOT_A_NOUN = frozenset(
    "esta este estas estos ahora ahorita hoy ya y que solo sola solito solita misma mismo "
    "sola nomas nada no si por tonight now today".split()
)


def lowered(
    pattern: Pattern,
    category: str,
    clause: Clause,
    start: int,
    end: int,
    words: set[str],
    logistics: bool,
    laughing: bool,
    recovering: bool,
    answer: str | None = None,
) -> str | None:
    """What lowers the cue `pattern` found at clause[start:end], if anything. `answer` is the
    patient's answer to a question the text reports ("and i said no"): "no", "yes" or None."""
    if pattern.everyday & words and not _beyond_a_dose(category, clause[start:end]):
        return EVERYDAY
    if _overlaps_idiom(clause, start, end) or dying_to_do(clause, start, end):
        return IDIOM
    if category == OTHER_INGESTION:
        return SOMEONE_ELSE if about_a_work(clause, start, end) else None
    if recovering and category in _LOWERED_BY_RECOVERY and not again(clause):
        return RECOVERY
    if negated(clause, start, end, pattern):
        return NEGATION
    if category in _THOUGHTS and answer != "yes" and _asked_about(clause, start):
        return NEGATION if answer == "no" else ASKED
    if category in _MEANS_CUES and _made_safe(clause, start, end):
        return MEANS_MADE_SAFE
    if _reaches(clause, start, end, PAST_MARKERS):
        return PAST
    if _habitual_past(clause, start, end):
        return PAST
    if logistics and pattern.name in _LOGISTICS_CUES:
        return LOGISTICS
    if category == PLACE and _reaches(clause, start, end, COMPANY_MARKERS):
        return EVERYDAY
    if category == PLACE and said_of_someone_else(clause, start):
        return SOMEONE_ELSE
    if (
        category in _SAID_OF_OTHERS
        and pattern.name not in _DONE_BY_OTHERS
        and someone_elses(clause, start, end)
        and not their_own_danger(clause)
    ):
        return SOMEONE_ELSE
    if category in _A_WORKS_STORY and about_a_work(clause, start, end):
        return SOMEONE_ELSE
    if category in _MEANS_CUES and _for_someone_named(clause, end):
        return SOMEONE_ELSE
    if category == IDEATION and _blamed_on_a_thing(clause, start, end):
        return HYPERBOLE
    if category in _HYPERBOLE_OF_A_CONDITION and if_once_more(clause):
        return HYPERBOLE
    if laughing and category in _LOWERED_BY_LAUGHTER:
        return LAUGHTER
    if laughing and category == PLACE and any(word.keys & HYPOTHETICAL for word in clause):
        return LAUGHTER  # a place in a wish or a condition, laughing: hyperbole
    return None


def _asked_about(clause: Clause, start: int) -> bool:
    """A question reported before the cue: "she asked if i'd thought about suicide", "me
    preguntó si he pensado en matarme"."""
    for at in range(start - 1, -1, -1):
        if clause[at].keys & ASKED_KEYS:
            if at + 1 < len(clause) and clause[at + 1].forms & _MYSELF:
                return False  # "i asked myself if i want to die" is the patient's question
            return any(word.forms & _ASKED_WHAT for word in clause[at + 1 : start])
    return False


def _blamed_on_a_thing(clause: Clause, start: int, end: int) -> bool:
    """ "my sister's wedding planning makes me want to die", "la tarea me da ganas de morir":
    a thing is blamed for the wish, just before the cue or inside it, and it is neither life,
    the pain, nor the patient."""
    for at in range(max(start - 2, 0), min(end, len(clause) - 1)):
        here, after = clause[at].forms, clause[at + 1].forms
        if here & _MAKES_ME and after & _ME:  # "... makes me want to die"
            cause = clause[:at]
        elif here & _ME and after & _MAKES_ME:  # "... me da ganas de morir"
            cause = clause[:at]
        else:
            continue
        return bool(cause) and not any(word.keys & _WEIGHTY for word in cause)
    return False


_HYPERBOLE_OF_A_CONDITION = frozenset({IDEATION, PLACE})
_ASKED_WHAT = frozenset(cues.ASKED_WHAT.split())
_MYSELF = frozenset({"myself"})
_MAKES_ME = frozenset(cues.MAKES_ME.split())
_WEIGHTY = frozenset(cues.WEIGHTY_CAUSES.split())


def lowered_risk(category: str, lowered: str, risk: Risk) -> Risk:
    if risk is not Risk.HIGH:
        return Risk.ROUTINE
    if lowered == NEGATION and category in _DENIED_IS_ROUTINE:
        return Risk.ROUTINE
    return _LOWERED_TO[lowered]
