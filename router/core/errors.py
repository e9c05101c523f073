"""The one error root. A service raises these; each edge maps them once: the API in
`router/api/errors.py` (401, 403, 404, 409, 422 naming the field, 503), the CLI in
`router/cli/verbs.py` (one line on stderr, exit 1). The message is meant for the person who
asked, so it never carries more than they sent or may see."""

from __future__ import annotations

from collections.abc import Iterable


class AfterhoursError(Exception):
    """Something the person asking can put right; `str()` says what, in one line."""


class InputError(AfterhoursError):
    """A value that cannot be used: names the field, the value and what is wrong with it."""

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field} {value!r} {problem}")


class NotFound(AfterhoursError):
    """What was asked for is not there (or not there for this person)."""


class Forbidden(AfterhoursError):
    """It is there, but this person may not see or change it (S8)."""


class Unauthenticated(AfterhoursError):
    """Nobody known is asking: no credential, or one that is not (or no longer) valid."""


class Conflict(AfterhoursError):
    """It cannot be done as things stand now (a cover request already answered)."""


class Unavailable(AfterhoursError):
    """It cannot be answered right now, and nothing is shown: an audited read whose audit
    entry could not be written (S8) is refused rather than answered unrecorded."""


class MalformedWebhook(AfterhoursError):
    """A webhook whose form Twilio would never send: the edge answers it without a traceback."""


def one_of(field: str, value: str | None, words: Iterable[str]) -> None:
    """Refuses a value (when given) that is not one of these words, listing them in order."""
    allowed = [str(word) for word in words]
    if value is not None and value not in allowed:
        raise InputError(field, value, f"is not one of {', '.join(allowed)}")
