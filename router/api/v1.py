"""The JSON API (SPEC §9): contacts, routes. Every read of contacts is audited (S8)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel

from router.api.deps import CurrentUser, SessionDep
from router.api.errors import invalid, parse_instant
from router.core import clock
from router.routing import UnknownPatient, route_document, route_for_patient
from router.store.models import Clinician, CoachingPause, Contact, Patient
from router.store.repositories import audit, contacts, directory, texts

router = APIRouter(prefix="/api/v1", tags=["api"])

OUTCOMES = ("connected", "acknowledged", "crisis_line", "abandoned", "open")
STAFF_ROLES = ("supervisor", "admin")


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def contact_document(session: SessionDep, contact: Contact) -> dict[str, Any]:
    follow = contacts.follow_up(session, contact.id)
    return {
        "id": contact.id,
        "sid": contact.sid,
        "channel": contact.channel,
        "practice": contact.practice_id,
        "patient": contact.patient_id,
        "from": contact.from_number,
        "to": contact.to_number,
        "started_at": _iso(contact.started_at),
        "ended_at": _iso(contact.ended_at),
        "duration_s": contact.duration_s,
        "outcome": contact.outcome,
        "connected_to": contact.connected_to,
        "route": list(contact.route or []),
        "events": [
            {
                "at": _iso(event.at),
                "type": event.type,
                **({"clinician": event.clinician_id} if event.clinician_id else {}),
                **({"detail": event.detail} if event.detail else {}),
            }
            for event in contacts.events(session, contact.id)
        ],
        "follow_up": None
        if follow is None
        else {
            "status": follow.status,
            "assignee": follow.assignee,
            "due": _iso(follow.due),
            "urgent": follow.urgent,
        },
    }


CONTACT_FILTERS = {"since", "until", "patient", "clinician", "outcome", "follow_up", "limit"}


@router.get("/contacts")
def list_contacts(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    since: str | None = None,
    until: str | None = None,
    patient: Annotated[str | None, Query(max_length=64)] = None,
    clinician: Annotated[str | None, Query(max_length=64)] = None,
    outcome: str | None = None,
    follow_up: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[dict[str, Any]]:
    for key in request.query_params:
        if key not in CONTACT_FILTERS:
            raise invalid(key, request.query_params[key], "is not a filter of the contact log")
    if patient is not None:
        known = session.get(Patient, patient)
        if known is None or known.practice_id != user.practice_id:
            raise HTTPException(404, f"no patient {patient!r} in your practice")
    if clinician is not None:
        staff_member = session.get(Clinician, clinician)
        if staff_member is None or staff_member.practice_id != user.practice_id:
            raise HTTPException(404, f"no clinician {clinician!r} in your practice")
    if outcome is not None and outcome not in OUTCOMES:
        raise invalid("outcome", outcome, f"is not one of {', '.join(OUTCOMES)}")
    if follow_up is not None and follow_up not in ("open", "done"):
        raise invalid("follow_up", follow_up, "is not one of open, done")
    since_at, until_at = parse_instant("since", since), parse_instant("until", until)
    if since_at is not None and until_at is not None and until_at <= since_at:
        raise invalid("until", until, f"must be after since ({since})")
    filters = contacts.ContactFilter(
        since=since_at,
        until=until_at,
        patient=patient,
        clinician=clinician,
        outcome=outcome,
        follow_up=follow_up,
        limit=limit,
    )
    own_only = None if user.role in STAFF_ROLES else user.id
    found = contacts.search(
        session, filters, practice_id=user.practice_id, visible_to_clinician=own_only
    )
    documents = [contact_document(session, contact) for contact in found]
    audit.append(
        session,
        actor=user.id,
        action="contacts.read",
        subject=f"practice:{user.practice_id}",
        detail={
            "filters": {k: v for k, v in filters.__dict__.items() if v is not None},
            "contacts": [contact.id for contact in found],
        },
    )
    return documents


@router.get("/patients/{patient_id}/route")
def patient_route(
    session: SessionDep, user: CurrentUser, patient_id: str, at: str | None = None
) -> dict[str, Any]:
    instant = parse_instant("at", at) or clock.now()
    patient = session.get(Patient, patient_id)
    if patient is None or patient.practice_id != user.practice_id:
        raise HTTPException(404, f"no patient {patient_id!r} in your practice")
    if user.role not in STAFF_ROLES and user.id not in directory.care_team(session, patient_id):
        raise HTTPException(403, "clinicians see routes only for their own patients")
    try:
        plan = route_for_patient(session, patient_id, instant)
    except UnknownPatient as exc:
        raise HTTPException(404, str(exc)) from None
    return route_document(patient_id, plan)


@router.get("/messages")
def list_messages(
    session: SessionDep,
    user: CurrentUser,
    contact: Annotated[str | None, Query(max_length=64)] = None,
    kind: str | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> list[dict[str, Any]]:
    """Every outbound text and call (admins and supervisors)."""
    if user.role not in STAFF_ROLES:
        raise HTTPException(403, "the message log is for supervisors and admins")
    if kind is not None and kind not in ("sms", "call"):
        raise invalid("kind", kind, "is not one of sms, call")
    found = texts.messages(session, user.practice_id, contact_id=contact, kind=kind, limit=limit)
    audit.append(
        session,
        actor=user.id,
        action="messages.read",
        subject=f"practice:{user.practice_id}",
        detail={"messages": len(found), "contact": contact},
    )
    return [
        {
            "id": m.id,
            "kind": m.kind,
            "purpose": m.purpose,
            "to": m.to_number,
            "from": m.from_number,
            "body": m.body,
            # "sending" is the router's own claim on a queued message.
            "status": "queued" if m.status == "sending" else m.status,
            "sid": m.sid,
            "error_code": m.error_code,
            "contact": m.contact_id,
            "clinician": m.clinician_id,
            "created_at": _iso(m.created_at),
            "updated_at": _iso(m.updated_at),
        }
        for m in found
    ]


class PauseRequest(BaseModel):
    until: datetime
    clinician: str | None = None  # supervisors may pause for a clinician; default: yourself


@router.post("/patients/{patient_id}/pause", status_code=201)
def pause_coaching(
    session: SessionDep, user: CurrentUser, patient_id: str, request: PauseRequest
) -> dict[str, Any]:
    """DBT's 24-hour rule: skip a clinician for one patient until a time. Audited (S8).
    It never holds back duty clinicians or the crisis line."""
    patient = session.get(Patient, patient_id)
    if patient is None or patient.practice_id != user.practice_id:
        raise HTTPException(404, f"no patient {patient_id!r} in your practice")
    clinician_id = request.clinician or user.id
    if clinician_id != user.id and user.role not in STAFF_ROLES:
        raise HTTPException(403, "clinicians pause coaching only for themselves")
    if clinician_id not in directory.care_team(session, patient_id):
        raise invalid("clinician", clinician_id, f"is not on {patient_id}'s care team")
    until = request.until if request.until.tzinfo else request.until.replace(tzinfo=UTC)
    if until <= clock.now():
        raise invalid("until", request.until.isoformat(), "must be in the future")
    session.add(CoachingPause(clinician_id=clinician_id, patient_id=patient_id, until=until))
    audit.append(
        session,
        actor=user.id,
        action="pause.create",
        subject=f"patient:{patient_id}",
        detail={"clinician": clinician_id, "until": until.isoformat()},
    )
    return {"patient": patient_id, "clinician": clinician_id, "until": until.isoformat()}
