"""What triage says: the risk levels, the clinical categories, and a cue heard (policies.triage)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Risk(StrEnum):
    ROUTINE = "routine"
    POSSIBLE = "possible"  # not clearly high, not clearly routine: ask "are you safe?"
    HIGH = "high"


RANK = {Risk.ROUTINE: 0, Risk.POSSIBLE: 1, Risk.HIGH: 2}

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
FINALITY = "finality"
MENTION = "mention"
REFERENCE = "reference"  # "it", "them": a means named before, in the patient's hands
COLOURING = "colouring"  # risk colouring: asked about in twos or with a means (triage8)

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
    FINALITY,
    MENTION,
    REFERENCE,
    COLOURING,
)
HIGH_ON_THEIR_OWN = frozenset(CATEGORIES[: CATEGORIES.index(PRACTICE_PHRASE) + 1])

# What lowers a cue, and to what (policies.triage_scoping).
NEGATION = "negation"
PAST = "past"
RECOVERY = "recovery"
LAUGHTER = "laughter"
IDIOM = "idiom"
EVERYDAY = "everyday"
LOGISTICS = "logistics"
MEANS_MADE_SAFE = "means_made_safe"
SOMEONE_ELSE = "someone_else"
ASKED = "asked"  # a question reported: "she asked if i had thought about suicide"
HYPERBOLE = "hyperbole"  # a thing blamed for the wish: "the wedding planning makes me want to die"


@dataclass(frozen=True)
class Cue:
    """One thing triage heard: a clinical category and a short name, never message text."""

    category: str
    name: str
    risk: Risk  # what this cue makes of the text, once scoping is read
    lowered_by: str | None = None  # NEGATION, PAST, ...: why it counts for less
    earlier: bool = False  # it reads together with one of the contact's recent texts
