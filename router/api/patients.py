"""A patient's route (`GET /api/v1/patients/{id}/route`, like `afterhours who --json`) and
coaching pauses (`POST /api/v1/patients/{id}/pause`)."""

from __future__ import annotations

from fastapi import APIRouter

from policies.vocabulary import STAFF_ROLES
from router.api.deps import CurrentUser, SessionDep
from router.api.schemas import PauseIn, PauseOut, RouteOut
from router.contacts.routes import UnknownPatient, route_document, route_for_patient
from router.core import clock
from router.core.errors import Forbidden, NotFound
from router.core.instants import parse_instant
from router.oncall import pauses
from router.store.repositories import directory

router = APIRouter()


@router.get("/patients/{patient_id}/route", response_model=RouteOut)
def patient_route(
    session: SessionDep, user: CurrentUser, patient_id: str, at: str | None = None
) -> RouteOut:
    instant = parse_instant("at", at) or clock.now()
    pauses.patient_in_practice(session, user, patient_id)
    if user.role not in STAFF_ROLES and user.id not in directory.care_team(session, patient_id):
        raise Forbidden("clinicians see routes only for their own patients")
    try:
        plan = route_for_patient(session, patient_id, instant)
    except UnknownPatient as exc:
        raise NotFound(str(exc)) from None
    return RouteOut.model_validate(route_document(patient_id, plan))


@router.post("/patients/{patient_id}/pause", status_code=201, response_model=PauseOut)
def pause_coaching(
    session: SessionDep, user: CurrentUser, patient_id: str, request: PauseIn
) -> PauseOut:
    """DBT's 24-hour rule: skip a clinician for one patient until a time. Audited (S8).
    It never holds back duty clinicians or the crisis line."""
    paused = pauses.pause_coaching(
        session, user, patient_id, request.until, clock.now(), clinician_id=request.clinician
    )
    return PauseOut(patient=patient_id, clinician=paused.clinician_id, until=paused.until)
