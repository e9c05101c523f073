"""What a page says when a service refuses: 403, 404 or 422 with the service's own words.

The staff-tools services raise the error root's types (core/errors) or the standard ones
they subclass (PermissionError, LookupError, ValueError); a page answers both the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from router.core.errors import AfterhoursError, Forbidden, NotFound

REFUSALS: tuple[type[Exception], ...] = (AfterhoursError, PermissionError, LookupError, ValueError)


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str
    field: str = ""


def refusal(exc: Exception) -> Refusal:
    if isinstance(exc, Forbidden | PermissionError):
        return Refusal(403, str(exc))
    if isinstance(exc, NotFound | LookupError):
        return Refusal(404, str(exc))
    return Refusal(422, str(exc), str(getattr(exc, "field", "") or ""))
