"""Small readings of one clause that scoping asks about (policies.triage_scoping).

A work's story or its own words ("a documentary on overdose deaths", "la canción que más
escucho dice que quiere morir"), the patient inside someone else's ingestion ("my kid told the
dentist i take crazy pills"), Spanish "morir por" before an infinitive ("me muero por irme de
vacaciones": longing), a condition "if ... one more" ("if my boss schedules one more meeting
im going to jump out a window": hyperbole), and "again" (a relapse is now, whatever the count
of months clean).
"""

from __future__ import annotations

from policies import cues
from policies.triage_words import Clause

_ABOUT = frozenset(cues.ABOUT.split())
_ABOUT_AFTER = frozenset(cues.ABOUT_AFTER_A_WORK.split())
_WORKS = frozenset(cues.WORKS.split())
_SAYS = frozenset("says said dice dicen dijo".split())
_THE_PATIENT_TELLING = frozenset(cues.SELF_IN_THE_CUE.split()) | frozenset(
    "estoy voy tengo quiero".split()
)
_SAYER_REACH = 5  # "la canción que más escucho dice": the work, a relative clause, "dice"


def about_a_work(clause: Clause, start: int, end: int) -> bool:
    """The cue is a work's story: a work named before the cue, then "about", "where", "sobre"
    or, right after the work, "of", "by", "on", "ended", "dice" ("a memoir by a woman who
    survived an overdose", "la peli del tipo que se encierra en el garaje"), and the patient
    not in the story from there to the cue ("a movie about how i want to die" is the
    patient's), unless the work is saying it ("la canción dice quiero morir", "the song i play
    most says ...": the work's own words)."""
    for at in range(end - 1, 0, -1):  # "en las noticias del suicidio en el puente"
        right_after_a_work = bool(clause[at - 1].forms & _WORKS)
        saying = bool(clause[at].forms & _SAYS) and any(
            word.forms & _WORKS for word in clause[max(at - _SAYER_REACH, 0) : at]
        )
        if (
            saying
            or clause[at].forms & _ABOUT
            or (right_after_a_work and clause[at].forms & _ABOUT_AFTER)
        ):
            if not saying and any(word.forms & _THE_PATIENT_TELLING for word in clause[at:end]):
                return False
            if saying or any(word.forms & _WORKS for word in clause[max(at - 3, 0) : at]):
                return True
    return False


_THE_PATIENT_AS_SUBJECT = frozenset("i im ive id yo".split())


def the_patient_in_it(clause: Clause, start: int, end: int) -> bool:
    """The patient is the subject inside a span read as someone else's ingestion: "my kid told
    the dentist i take crazy pills" is about the patient's own medicine."""
    return any(word.forms & _THE_PATIENT_AS_SUBJECT for word in clause[start + 1 : end])


_DYING = frozenset("muero muere morimos mueren moria morir".split())
_FOR = frozenset({"por"})
_CLITICS = ("me", "te", "se", "lo", "la", "nos", "los", "las", "le", "les")


def _infinitive(form: str) -> bool:
    for clitic in ("", *_CLITICS):
        stem = form.removesuffix(clitic) if clitic else form
        if stem != form or not clitic:
            if len(stem) >= 2 and stem.endswith(("ar", "er", "ir")):
                return True
    return False


def dying_to_do(clause: Clause, start: int, end: int) -> bool:
    """Spanish "morir por" before an infinitive, inside or right after the cue: longing ("me
    muero por irme de vacaciones", "me moría por verlos"), not a wish to die."""
    for at in range(start, min(end + 1, len(clause) - 2)):
        if clause[at].forms & _DYING and clause[at + 1].forms & _FOR:
            if any(_infinitive(form) for form in clause[at + 2].forms):
                return True
    return False


_IF = frozenset({"if", "si"})
_ANOTHER = frozenset("another otro otra".split())
_ONE = frozenset({"one"})
_MORE = frozenset({"more"})
_TIME = frozenset("time times vez veces".split())  # "if he leaves me one more time": a threat


def if_once_more(clause: Clause) -> bool:
    """A condition on one more of a thing ("if my boss schedules one more meeting", "si me
    mandan otro correo"): what follows is hyperbole, asked about rather than paged. Not one
    more time ("if he leaves me one more time", "si me deja otra vez"): a threat is meant."""
    for at, word in enumerate(clause):
        if not word.forms & _IF:
            continue
        for here in range(at + 2, len(clause) - 1):  # "sí, otra vez" is a yes, not a condition
            another = clause[here].forms & _ANOTHER
            one_more = clause[here].forms & _ONE and clause[here + 1].forms & _MORE
            following = clause[here + (2 if one_more else 1)] if here + 2 < len(clause) else None
            if (another or one_more) and not (following and following.forms & _TIME):
                return True
    return False


_AGAIN = frozenset("again otra nuevo".split())
_NEVER = frozenset("never nunca jamas not no".split())


def again(clause: Clause) -> bool:
    """ "again", "otra vez", "de nuevo" in the clause, not "never again": an act now."""
    for at, word in enumerate(clause):
        if word.forms & _AGAIN and not (at and clause[at - 1].forms & _NEVER):
            return True
    return False


_THEMSELVES = frozenset("himself herself themselves themself mismo misma mismos mismas".split())
_THEIR_LIFE = frozenset("his her their su".split())
_LIFE = frozenset({"life", "vida"})
_REFLEXIVE_ENDINGS = ("andose", "endose", "iendose", "arse", "erse")


def their_own_danger(clause: Clause) -> bool:
    """Someone close in danger from themselves, now: "cutting herself", "ending his life",
    "la va a usar contra él mismo", "está cortándose". A third party's report of it is read as
    high, as a child's swallowing is; "mi jefe me va a matar" is not of this kind."""
    for at, word in enumerate(clause):
        if word.forms & _THEMSELVES:
            return True
        if word.forms & _THEIR_LIFE and at + 1 < len(clause) and clause[at + 1].forms & _LIFE:
            return True
        if any(len(form) > 6 and form.endswith(_REFLEXIVE_ENDINGS) for form in word.forms):
            return True
    return False
