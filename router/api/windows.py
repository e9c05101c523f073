"""`/api/v1/windows` (SPEC §11): list, create, change and delete on-call windows (S8), and ask
a colleague to cover one. The services raise the error root's types (core/errors); the API
answers them once (router/api/errors.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from sqlalchemy.orm import Session

from policies.vocabulary import CoverStatus
from router.api.deps import CurrentUser, SessionDep
from router.api.errors import CONFLICT_RESPONSE
from router.api.schemas import CoverRequestOut, WindowOut
from router.core import clock
from router.core.errors import InputError, one_of
from router.oncall import cover, window_service
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


def refuse_unknown_filters(request: Request, allowed: set[str]) -> None:
    for key in request.query_params:
        if key not in allowed:
            raise InputError(
                key,
                request.query_params[key],
                f"is not a filter here (expected one of: {', '.join(sorted(allowed))})",
            )


@router.get("/windows", response_model=list[WindowOut])
def list_windows(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    clinician: Annotated[str | None, Query(max_length=64)] = None,
) -> list[dict[str, Any]]:
    """Windows of the practice (supervisors, admins) or of the caller (clinicians)."""
    refuse_unknown_filters(request, {"clinician"})
    rows = window_service.list_windows(session, user, clinician)
    return [window_service.window_document(row) for row in rows]


@router.post("/windows", status_code=201, response_model=WindowOut)
def create_window(session: SessionDep, user: CurrentUser, entry: WindowBody) -> dict[str, Any]:
    """A window written like a roster entry; `off: true` takes the clinician off call."""
    return window_service.window_document(window_service.create_window(session, user, entry))


@router.patch("/windows/{window_id}", response_model=WindowOut)
def update_window(
    session: SessionDep, user: CurrentUser, window_id: int, changes: WindowBody
) -> dict[str, Any]:
    row = window_service.update_window(session, user, window_id, changes)
    return window_service.window_document(row)


@router.delete("/windows/{window_id}", status_code=204, response_class=Response)
def delete_window(session: SessionDep, user: CurrentUser, window_id: int) -> Response:
    window_service.delete_window(session, user, window_id)
    return Response(status_code=204)


CoverBody = Annotated[
    dict[str, Any],
    Body(examples=[{"to": "dr-patel", "at": "2026-12-02T17:00:00-05:00"}]),
]


@router.post(
    "/windows/{window_id}/cover",
    status_code=201,
    tags=["cover requests"],
    response_model=CoverRequestOut,
)
def ask_cover(
    session: SessionDep, user: CurrentUser, window_id: int, body: CoverBody
) -> dict[str, Any]:
    """Ask a colleague (`to`) to cover the occurrence of this window that starts at `at`;
    they are texted a code to answer with."""
    for key in body:
        if key not in ("to", "at"):
            raise InputError(key, body[key], "is not a field of a cover request (expected to, at)")
    raw_at = body.get("at")
    try:
        at = datetime.fromisoformat(str(raw_at).replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            "at", raw_at, "is not an ISO 8601 time like 2026-12-02T17:00:00-05:00"
        ) from None
    request = cover.ask(session, user, window_id, body.get("to"), at, clock.now())
    return cover.request_document(request)


def _answer(session: Session, user: Clinician, request_id: int, accept: bool) -> dict[str, Any]:
    request = cover.answer(session, user, request_id, accept, clock.now(), by="api")
    return cover.request_document(request)


@router.get("/cover-requests", tags=["cover requests"], response_model=list[CoverRequestOut])
def list_cover_requests(
    request: Request, session: SessionDep, user: CurrentUser, status: str | None = None
) -> list[dict[str, Any]]:
    """Cover requests asked by or of the caller (supervisors and admins: the practice's)."""
    refuse_unknown_filters(request, {"status"})
    one_of("status", status, CoverStatus)
    mine = None if user.role in window_service.STAFF_ROLES else user.id
    found = staff.cover_requests(session, user.practice_id, mine, status)
    return [cover.request_document(r) for r in found]


@router.post(
    "/cover-requests/{request_id}/accept",
    tags=["cover requests"],
    response_model=CoverRequestOut,
    responses=CONFLICT_RESPONSE,
)
def accept_cover(session: SessionDep, user: CurrentUser, request_id: int) -> dict[str, Any]:
    """The colleague takes the stretch: on call for it, in the asker's place."""
    return _answer(session, user, request_id, True)


@router.post(
    "/cover-requests/{request_id}/decline",
    tags=["cover requests"],
    response_model=CoverRequestOut,
    responses=CONFLICT_RESPONSE,
)
def decline_cover(session: SessionDep, user: CurrentUser, request_id: int) -> dict[str, Any]:
    return _answer(session, user, request_id, False)
