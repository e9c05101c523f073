"""Reading an instant a person typed: `who --at` and the API's `at`, `since` and `until`."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from router.core.errors import InputError

EXAMPLE = "2026-11-25T02:00:00-05:00"

# A `+` in a query string arrives as a space: "2026-11-25T02:00:00 05:00".
_DECODED_PLUS = re.compile(r"^(\S+T\S+) (\d\d(?::?\d\d)?)$")


def parse_instant(field: str, value: str | None) -> datetime | None:
    """An ISO 8601 instant; without an offset it is read as UTC. None or "" is no instant."""
    if value is None or value == "":
        return None
    text = _DECODED_PLUS.sub(r"\1+\2", value.strip())
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(field, value, f"is not an ISO 8601 time like {EXAMPLE}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
