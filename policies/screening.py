"""S2: only the clinician's digit accepts a leg. What a <Dial> reports when it ends (its
`DialCallStatus`) can say why a leg was not taken, never that it was: a voicemail answers
and reports `completed`, and so does a phone left ringing on a desk that picks up."""

from __future__ import annotations

from typing import Literal

LegResult = Literal["declined", "not_accepted", "busy", "failed", "canceled", "no_answer"]

_UNANSWERED: dict[str, LegResult] = {"busy": "busy", "failed": "failed", "canceled": "canceled"}


def leg_result(answered: bool, declined: bool, dial_status: str) -> LegResult:
    """What became of a leg nobody accepted, once its <Dial> ended.

    `declined` is the screen's record of a digit other than 1; `answered` says the screen was
    played at all. The dial status only tells the unanswered kinds apart.
    """
    if declined:
        return "declined"
    if answered:
        return "not_accepted"  # a voicemail, or nobody pressed 1 in time
    return _UNANSWERED.get(dial_status.strip(), "no_answer")
