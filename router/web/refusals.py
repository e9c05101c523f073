"""What a page says when a service refuses: 403, 404 or 422 with the service's own words.

The staff-tools services raise the error root's types (core/errors) or the standard ones
they subclass (PermissionError, LookupError, ValueError); a page answers both the same way.
A refusal no form can show (an HTTPException or AfterhoursError a page route raises) is a
small HTML page, usable on a phone: the message, the status and a Home link. API paths and
webhooks keep their JSON and TwiML answers; a redirect (sign in first) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from router.api import errors as api_errors
from router.core.errors import AfterhoursError, Forbidden, InputError, NotFound
from router.web.templating import render

REFUSALS: tuple[type[Exception], ...] = (AfterhoursError, PermissionError, LookupError, ValueError)
PAGE_TAG = "pages"


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


def refused_form(
    exc: Exception, show: Callable[[Refusal], Response], *, not_found_page: bool = True
) -> Response:
    """A POST handler's refusal: a 404 is the refused page (nothing to show a form for)
    unless `not_found_page` is off (the form names what was not found); anything else
    re-renders the form with the error, through `show`."""
    refused = refusal(exc)
    if refused.status == 404 and not_found_page:
        raise HTTPException(404, refused.message) from None
    return show(refused)


def refuse_unknown_filters(request: Request, allowed: tuple[str, ...]) -> None:
    """A page takes only the query filters it knows, like the API: any other is refused (a
    422 page naming it) rather than ignored."""
    for key in request.query_params:
        if key not in allowed:
            raise InputError(
                key,
                request.query_params[key][:64],
                f"is not a filter here (expected one of: {', '.join(sorted(allowed))})",
            )


def is_page(request: Request) -> bool:
    """A staff page's request (its route is tagged "pages"), not the API's or a webhook's."""
    return PAGE_TAG in (getattr(request.scope.get("route"), "tags", None) or [])


def refused_page(request: Request, status: int, message: str) -> Response:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Refused"
    return render(
        request,
        "refused.html",
        {"title": title, "message": message, "status": status},
        status,
    )


async def _http_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code < 400 or not is_page(request):
        return await http_exception_handler(request, exc)
    response = refused_page(request, exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _service_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AfterhoursError)
    if not is_page(request):
        return await api_errors.answer(request, exc)
    status, _detail = api_errors.status_and_detail(exc, request)
    return refused_page(request, status, str(exc))


def install(app: FastAPI) -> None:
    """After router.api.errors.install: pages answer refusals in HTML, the rest as before."""
    app.add_exception_handler(StarletteHTTPException, _http_refusal)
    app.add_exception_handler(AfterhoursError, _service_refusal)
