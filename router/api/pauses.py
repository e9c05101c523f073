"""`/api/v1/pauses`: coaching pauses listed, made and ended early.

S8: a clinician sees, makes and ends their own pauses (for their own patients); supervisors
and admins those of their practice; another practice's are not there (404). Refusals are the
error root's (router.core.errors): 422 naming the field and the value, 403, 404. Every
creation and ending is audited (`pause.create`, `pause.end`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from router.api.deps import CurrentUser, SessionDep
from router.api.schemas import Instant
from router.core import clock
from router.core.errors import InputError
from router.oncall import pauses

router = APIRouter(prefix="/api/v1", tags=["coaching pauses"])

FILTERS = ("active", "patient")


class PauseCreate(BaseModel):
    """Skip `clinician` (default: yourself) for `patient` until `until` (UTC without an
    offset). Clinicians pause only themselves; supervisors and admins anyone on the team."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"patient": "pt-sam", "until": "2026-12-03T09:00:00-05:00"}]
        },
    )

    patient: str = Field(min_length=1, max_length=64)
    until: datetime
    clinician: str | None = Field(default=None, min_length=1, max_length=64)


class CoachingPauseOut(BaseModel):
    """A coaching pause; `active` while it runs. One ended early has `until` = `ended_at`."""

    id: int
    patient: str
    clinician: str
    until: Instant
    created_at: Instant
    ended_at: Instant | None
    ended_by: str | None
    active: bool


def _refuse_unknown_filters(request: Request) -> None:
    for key in request.query_params:
        if key not in FILTERS:
            raise InputError(key, request.query_params[key], "is not a filter (active, patient)")


@router.get("/pauses", response_model=list[CoachingPauseOut])
def list_pauses(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    patient: Annotated[str | None, Query(max_length=64)] = None,
    active: bool | None = None,
) -> list[CoachingPauseOut]:
    """Your coaching pauses (supervisors, admins: the practice's), newest first.
    `active=true`: only those still running; `active=false`: only those over."""
    _refuse_unknown_filters(request)
    now = clock.now()
    found = pauses.list_pauses(session, user, now, patient_id=patient, active=active)
    return [CoachingPauseOut.model_validate(pauses.pause_document(p, now)) for p in found]


@router.post("/pauses", status_code=201, response_model=CoachingPauseOut)
def create_pause(session: SessionDep, user: CurrentUser, body: PauseCreate) -> CoachingPauseOut:
    """DBT's 24-hour rule: skip a clinician for one patient until a time. It never holds
    back duty clinicians or the crisis line."""
    now = clock.now()
    made = pauses.pause_coaching(
        session, user, body.patient, body.until, now, clinician_id=body.clinician
    )
    return CoachingPauseOut.model_validate(pauses.pause_document(made, now))


@router.post("/pauses/{pause_id}/end", response_model=CoachingPauseOut)
def end_pause(session: SessionDep, user: CurrentUser, pause_id: int) -> CoachingPauseOut:
    """Ends a running pause now: the clinician is on the patient's route again from the next
    call or text."""
    now = clock.now()
    ended = pauses.end_pause(session, user, pause_id, now)
    return CoachingPauseOut.model_validate(pauses.pause_document(ended, now))
