"""`/api/v1/windows` (SPEC §11): list, create, change and delete on-call windows (S8)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request, Response
from sqlalchemy.orm import Session

from router.api.deps import CurrentUser, SessionDep
from router.core import clock
from router.oncall import cover, window_service
from router.oncall.window_service import Forbidden, NotFound, WindowError
from router.store.models import Clinician
from router.store.repositories import staff

router = APIRouter(prefix="/api/v1", tags=["windows"])

WindowBody = Annotated[
    dict[str, Any],
    Body(
        examples=[
            {"clinician": "dr-lee", "days": ["mon", "wed"], "start": "17:00", "end": "23:00"},
            {"clinician": "dr-lee", "from": "2026-12-24T18:00", "to": "2026-12-26T08:00"},
            {
                "clinician": "dr-lee",
                "from": "2026-12-31T17:00",
                "to": "2027-01-01T09:00",
                "off": True,
            },
        ]
    ),
]


def unprocessable(field: str, value: object, message: str, where: str = "body") -> HTTPException:
    return HTTPException(
        status_code=422, detail=[{"loc": [where, field], "msg": message, "input": value}]
    )


def refuse_unknown_filters(request: Request, allowed: set[str]) -> None:
    for key in request.query_params:
        if key not in allowed:
            raise unprocessable(
                key,
                request.query_params[key],
                f"unknown filter {key!r} (expected one of: {', '.join(sorted(allowed))})",
                "query",
            )


def _answer_errors(exc: Exception) -> HTTPException:
    if isinstance(exc, WindowError):
        return unprocessable(exc.field, exc.value, str(exc))
    if isinstance(exc, Forbidden):
        return HTTPException(403, str(exc))
    return HTTPException(404, str(exc))


@router.get("/windows")
def list_windows(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    clinician: Annotated[str | None, Query(max_length=64)] = None,
) -> list[dict[str, Any]]:
    """Windows of the practice (supervisors, admins) or of the caller (clinicians)."""
    refuse_unknown_filters(request, {"clinician"})
    try:
        rows = window_service.list_windows(session, user, clinician)
    except (Forbidden, NotFound) as exc:
        raise _answer_errors(exc) from None
    return [window_service.window_document(row) for row in rows]


@router.post("/windows", status_code=201)
def create_window(session: SessionDep, user: CurrentUser, entry: WindowBody) -> dict[str, Any]:
    """A window written like a roster entry; `off: true` takes the clinician off call."""
    try:
        row = window_service.create_window(session, user, entry)
    except (WindowError, Forbidden, NotFound) as exc:
        raise _answer_errors(exc) from None
    return window_service.window_document(row)


@router.patch("/windows/{window_id}")
def update_window(
    session: SessionDep, user: CurrentUser, window_id: int, changes: WindowBody
) -> dict[str, Any]:
    try:
        row = window_service.update_window(session, user, window_id, changes)
    except (WindowError, Forbidden, NotFound) as exc:
        raise _answer_errors(exc) from None
    return window_service.window_document(row)


@router.delete("/windows/{window_id}", status_code=204)
def delete_window(session: SessionDep, user: CurrentUser, window_id: int) -> Response:
    try:
        window_service.delete_window(session, user, window_id)
    except (Forbidden, NotFound) as exc:
        raise _answer_errors(exc) from None
    return Response(status_code=204)


CoverBody = Annotated[
    dict[str, Any],
    Body(examples=[{"to": "dr-patel", "at": "2026-12-02T17:00:00-05:00"}]),
]


def _cover_errors(exc: Exception) -> HTTPException:
    if isinstance(exc, cover.AlreadyAnswered):
        return HTTPException(409, str(exc))
    if isinstance(exc, cover.Forbidden):
        return HTTPException(403, str(exc))
    if isinstance(exc, cover.NotFound):
        return HTTPException(404, str(exc))
    return _answer_errors(exc)


@router.post("/windows/{window_id}/cover", status_code=201, tags=["cover requests"])
def ask_cover(
    session: SessionDep, user: CurrentUser, window_id: int, body: CoverBody
) -> dict[str, Any]:
    """Ask a colleague (`to`) to cover the occurrence of this window that starts at `at`;
    they are texted a code to answer with."""
    for key in body:
        if key not in ("to", "at"):
            raise unprocessable(key, body[key], f"unknown field {key!r} (expected to, at)")
    raw_at = body.get("at")
    try:
        at = datetime.fromisoformat(str(raw_at).replace("Z", "+00:00"))
    except ValueError:
        raise unprocessable(
            "at", raw_at, f"at {raw_at!r} is not an ISO 8601 time like 2026-12-02T17:00:00-05:00"
        ) from None
    try:
        request = cover.ask(session, user, window_id, body.get("to"), at, clock.now())
    except (WindowError, cover.Forbidden, cover.NotFound) as exc:
        raise _cover_errors(exc) from None
    return cover.request_document(request)


def _answer(session: Session, user: Clinician, request_id: int, accept: bool) -> dict[str, Any]:
    try:
        request = cover.answer(session, user, request_id, accept, clock.now(), by="api")
    except (cover.AlreadyAnswered, cover.Forbidden, cover.NotFound) as exc:
        raise _cover_errors(exc) from None
    return cover.request_document(request)


COVER_STATUSES = ("pending", "accepted", "declined", "cancelled")


@router.get("/cover-requests", tags=["cover requests"])
def list_cover_requests(
    request: Request, session: SessionDep, user: CurrentUser, status: str | None = None
) -> list[dict[str, Any]]:
    """Cover requests asked by or of the caller (supervisors and admins: the practice's)."""
    refuse_unknown_filters(request, {"status"})
    if status is not None and status not in COVER_STATUSES:
        why = f"status {status!r} is not one of {', '.join(COVER_STATUSES)}"
        raise unprocessable("status", status, why, "query")
    mine = None if user.role in window_service.STAFF_ROLES else user.id
    found = staff.cover_requests(session, user.practice_id, mine, status)
    return [cover.request_document(r) for r in found]


@router.post("/cover-requests/{request_id}/accept", tags=["cover requests"])
def accept_cover(session: SessionDep, user: CurrentUser, request_id: int) -> dict[str, Any]:
    """The colleague takes the stretch: on call for it, in the asker's place."""
    return _answer(session, user, request_id, True)


@router.post("/cover-requests/{request_id}/decline", tags=["cover requests"])
def decline_cover(session: SessionDep, user: CurrentUser, request_id: int) -> dict[str, Any]:
    return _answer(session, user, request_id, False)
