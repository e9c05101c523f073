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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from policies.triage_asked import asked_when_coloured
from policies.triage_categories import (
    CATEGORIES,
    HIGH_ON_THEIR_OWN,
    OTHER_INGESTION,
    PRACTICE_PHRASE,
    RANK,
    Cue,
    Risk,
)
from policies.triage_decide import (
    compile_practice_phrases,
    has_practice_phrase,
    heard,
    quoted_from_a_work,
    together,
)
from policies.triage_normalise import read
from policies.triage_normalise import read_word as _read_word  # bench/triage_bench.py clears it

__all__ = ["CATEGORIES", "HIGH_ON_THEIR_OWN", "Cue", "Risk", "Triage", "_read_word", "triage"]


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
    clauses = read(text)
    cues_heard = heard(clauses, quoted_from_a_work(text))
    practice = compile_practice_phrases(tuple(extra_phrases))
    if practice and any(has_practice_phrase(clause, practice) for clause in clauses):
        cues_heard.append(Cue(PRACTICE_PHRASE, "practice_phrase", Risk.HIGH))
    earlier = [cue for past in context for cue in heard(read(past)) if cue.lowered_by is None]
    cues_heard.extend(together(cues_heard, earlier))
    cues_heard.extend(asked_when_coloured(cues_heard))
    risk = max((cue.risk for cue in cues_heard), key=RANK.__getitem__, default=Risk.ROUTINE)
    return Triage(
        risk=risk,
        categories=tuple(c for c in CATEGORIES if any(cue.category == c for cue in cues_heard)),
        cues=tuple(dict.fromkeys(cues_heard)),
        someone_else_swallowed=any(cue.category == OTHER_INGESTION for cue in cues_heard),
    )


# Dictionaries load on first use, seconds per language: read one word of each at import so
# that the first text of the night is not the one that waits.
read("warm up: calentar")
