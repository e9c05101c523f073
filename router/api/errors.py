"""The API's answer to an AfterhoursError, decided here once: 422 naming the field and the
value, 403, 404. `install(app)` registers it for the whole app."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from router.core.errors import AfterhoursError, Forbidden, InputError, NotFound


def status_and_detail(exc: AfterhoursError) -> tuple[int, Any]:
    """The status code and the `detail` the API answers for this error."""
    if isinstance(exc, InputError):
        # The shape FastAPI gives its own validation errors, so clients read one shape.
        where = {"loc": ["query", exc.field], "msg": str(exc), "input": exc.value}
        return 422, [jsonable_encoder(where)]
    if isinstance(exc, NotFound):
        return 404, str(exc)
    if isinstance(exc, Forbidden):
        return 403, str(exc)
    # MalformedWebhook, and any other refusal: the request cannot be used as sent.
    return 400, str(exc)


async def answer(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AfterhoursError)
    status, detail = status_and_detail(exc)
    return JSONResponse({"detail": detail}, status_code=status)


def install(app: FastAPI) -> None:
    """Answers every AfterhoursError an endpoint raises (after its session has rolled back)."""
    app.add_exception_handler(AfterhoursError, answer)
