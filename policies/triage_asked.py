"""The uncertain middle read wider (triage8): a text that would be routine, but carries risk
colouring, is asked "are you safe right now?" (POSSIBLE), never paged.

Colouring (cues.COLOURING: feeling alone, afraid of oneself, blood, "on purpose", tired, empty,
bad thoughts, a goodbye, "forever", ...) is not danger on its own: "so tired today" stays
routine. Two kinds of it ("so tired and alone tonight"), or one with a method, a means, a place
or a farewell named ("i keep staring at the pills. tired"), or a cue of danger that everyday
words lowered and that colouring stands beside ("on the roof of the parking deck, bye"), is
asked about. A joke, a denial, the past or recovery lowers colouring as it lowers any cue.
"""

from __future__ import annotations

from collections.abc import Sequence

from policies.triage_categories import (
    COLOURING,
    DISTRESS,
    EVERYDAY,
    FAREWELL,
    FINALITY,
    HIGH_ON_THEIR_OWN,
    LOGISTICS,
    MENTION,
    Cue,
    Risk,
)

# Named alongside colouring, these make it a question: what one might do it with, or a farewell.
_PARTNERS = frozenset({MENTION, FAREWELL, FINALITY})
# A cue of danger lowered by these is still a method or a place in the text ("the hunting rifle").
_LOWERED_AS_EVERYDAY = frozenset({EVERYDAY, LOGISTICS})


def asked_when_coloured(cues: Sequence[Cue]) -> list[Cue]:
    """A POSSIBLE cue when the text is coloured by risk and nothing clearly lowers it."""
    colour = sorted({c.name for c in cues if c.category == COLOURING and c.lowered_by is None})
    if not colour:
        return []
    partners = [
        c.name
        for c in cues
        if (c.category in _PARTNERS and c.lowered_by is None)
        or (c.category in HIGH_ON_THEIR_OWN and c.lowered_by in _LOWERED_AS_EVERYDAY)
    ]
    if len(colour) >= 2:
        return [Cue(DISTRESS, f"coloured_{colour[0]}_{colour[1]}", Risk.POSSIBLE)]
    if partners:
        return [Cue(DISTRESS, f"coloured_{colour[0]}_with_{partners[0]}", Risk.POSSIBLE)]
    return []
