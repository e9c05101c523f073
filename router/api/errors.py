"""422 answers that name the field and the value."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import HTTPException


def invalid(field: str, value: object, why: str) -> HTTPException:
    return HTTPException(
        status_code=422,
        detail=[{"loc": ["query", field], "msg": f"{field} {value!r} {why}", "input": value}],
    )


def parse_instant(field: str, value: str | None) -> datetime | None:
    """An ISO 8601 instant; without an offset it is read as UTC."""
    if value is None or value == "":
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise invalid(
            field, value, "is not an ISO 8601 time like 2026-11-25T02:00:00-05:00"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
