"""The API's answer to an AfterhoursError, decided here once, and the error model that
`/openapi.json` documents for it.

Every refusal is `{"detail": "..."}` (400, 401, 403, 404, 409, 503), except a value that cannot
be used: 422 with `{"detail": [{"loc": [where, field], "msg": ..., "type": ..., "input": ...}]}`,
the shape FastAPI gives its own validation errors, so a client reads one shape whichever of the
two refused. `install(app)` registers the handler for the whole app; `ERROR_RESPONSES` is what
the API routers declare (router/api/__init__.py), `WEBHOOK_RESPONSES` what the webhooks do.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from router.core.errors import (
    AfterhoursError,
    Conflict,
    Forbidden,
    InputError,
    NotFound,
    Unauthenticated,
    Unavailable,
)

# The `type` of a 422 the project raises itself (pydantic's own word for "a value it refused").
INPUT_ERROR_TYPE = "value_error"


class ErrorOut(BaseModel):
    """A refusal, in one sentence meant for the person who asked."""

    detail: str = Field(examples=["no patient 'pt-nobody' in your practice"])


class FieldProblem(BaseModel):
    """One field that cannot be used: where it was (query, path or body) and its name."""

    loc: list[str | int] = Field(examples=[["query", "outcome"]])
    msg: str
    type: str = Field(examples=[INPUT_ERROR_TYPE, "missing", "int_parsing"])
    input: Any = None
    ctx: dict[str, Any] | None = None


class ValidationErrorOut(BaseModel):
    """The fields that cannot be used, each named with its value."""

    detail: list[FieldProblem]


def _response(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"model": model, "description": description}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _response(ErrorOut, "The request cannot be used as sent."),
    401: {
        **_response(ErrorOut, "No bearer token, or one that is not valid."),
        "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}},
    },
    403: _response(ErrorOut, "Not for this user's role, or not their patient (S8)."),
    404: _response(ErrorOut, "Not there, or not in this user's practice."),
    422: _response(ValidationErrorOut, "A value that cannot be used, naming the field."),
}
"""What any API operation may answer besides its own success (router/api/__init__.py)."""

CONFLICT_RESPONSE: dict[int | str, dict[str, Any]] = {
    409: _response(ErrorOut, "It cannot be done as things stand (already answered)."),
}

UNAVAILABLE_RESPONSE: dict[int | str, dict[str, Any]] = {
    503: _response(ErrorOut, "The read's audit entry could not be written: nothing is shown."),
}


def _json_error(description: str) -> dict[str, Any]:
    """A webhook's refusal: JSON in the error model, although its answers are TwiML (the
    route's own media type would otherwise be said for the refusal too)."""
    schema = {"$ref": "#/components/schemas/ErrorOut"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


WEBHOOK_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: _json_error("Not signed by Twilio: a missing or bad X-Twilio-Signature."),
    413: _json_error("A body larger than any Twilio sends."),
    415: _json_error("A body that is not a form (Twilio posts forms)."),
}


def _where(request: Request | None, field: str) -> str:
    """Where the refused value came from, as FastAPI's own errors say it."""
    if request is None:
        return "query"
    if field in request.path_params:
        return "path"
    if field in request.query_params:
        return "query"
    return "query" if request.method in ("GET", "HEAD", "DELETE") else "body"


def status_and_detail(exc: AfterhoursError, request: Request | None = None) -> tuple[int, Any]:
    """The status code and the `detail` the API answers for this error."""
    if isinstance(exc, InputError):
        where = {
            "loc": [_where(request, exc.field), exc.field],
            "msg": str(exc),
            "type": INPUT_ERROR_TYPE,
            "input": exc.value,
        }
        return 422, [jsonable_encoder(where)]
    for kind, status in STATUSES:
        if isinstance(exc, kind):
            return status, str(exc)
    # MalformedWebhook, and any other refusal: the request cannot be used as sent.
    return 400, str(exc)


STATUSES: tuple[tuple[type[AfterhoursError], int], ...] = (
    (Unauthenticated, 401),
    (Forbidden, 403),
    (NotFound, 404),
    (Conflict, 409),
    (Unavailable, 503),
)


async def answer(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AfterhoursError)
    status, detail = status_and_detail(exc, request)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    """Answers every AfterhoursError an endpoint raises (after its session has rolled back)."""
    app.add_exception_handler(AfterhoursError, answer)
