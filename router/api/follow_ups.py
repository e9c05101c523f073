"""`/api/v1/follow-ups` (SPEC §11): the morning-after list; a note, a new assignee, closing.

S8: clinicians see and change the follow-ups of their own patients (and those assigned to
them); supervisors and admins those of their practice. Every read and change is audited.
The logic is the follow-up service's (router/contacts/follow_ups.py), which the page uses
too; its refusals are the error root's, answered centrally (router/api/errors.py).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request

from router.api.deps import CurrentUser, SessionDep
from router.api.schemas import FollowUpItemOut
from router.contacts import follow_ups
from router.core import clock
from router.core.errors import InputError

router = APIRouter(prefix="/api/v1", tags=["follow-ups"])

FILTERS = ("assignee", "overdue", "patient", "status")


def _refuse_unknown_filters(request: Request) -> None:
    for key in request.query_params:
        if key not in FILTERS:
            expected = ", ".join(FILTERS)
            raise InputError(key, request.query_params[key], f"is not a filter ({expected})")


@router.get("/follow-ups", response_model=list[FollowUpItemOut])
def list_follow_ups(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    status: str | None = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    patient: Annotated[str | None, Query(max_length=64)] = None,
    overdue: bool | None = None,
) -> list[dict[str, Any]]:
    """Follow-ups, soonest due first. `overdue=true`: open ones past their due time."""
    _refuse_unknown_filters(request)
    now = clock.now()
    rows = follow_ups.list_follow_ups(
        session, user, now, status=status, assignee=assignee, patient=patient, overdue=overdue
    )
    return [follow_ups.follow_up_document(f, c, now) for f, c in rows]


FollowUpChanges = Annotated[
    dict[str, Any],
    Body(examples=[{"status": "done", "note": "Called Sam back at 9:10; safe, plan reviewed."}]),
]


@router.patch("/follow-ups/{follow_up_id}", response_model=FollowUpItemOut)
def change_follow_up(
    session: SessionDep, user: CurrentUser, follow_up_id: int, changes: FollowUpChanges
) -> dict[str, Any]:
    """Any of `status` (open | done), `assignee` (a clinician of the practice), `note`
    (added to the follow-up's notes with the time and author)."""
    now = clock.now()
    follow, contact = follow_ups.change_follow_up(session, user, follow_up_id, changes, now)
    return follow_ups.follow_up_document(follow, contact, now)
