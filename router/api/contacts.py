"""`GET /api/v1/contacts` (SPEC §9): the contact log. Every read is audited (S8), and answered
only after its audit entry has committed (router/contacts/log.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES, Channel, FollowUpStatus, Outcome
from router.api.deps import CurrentUser, SessionDep
from router.api.errors import UNAVAILABLE_RESPONSE
from router.api.schemas import ContactOut, EventOut, FollowUpOut
from router.contacts import log as contact_log
from router.core.errors import InputError, NotFound, one_of
from router.core.instants import parse_instant
from router.store.models import Clinician, Contact, Patient
from router.store.repositories import contacts

router = APIRouter()


def contact_out(session: Session, contact: Contact) -> ContactOut:
    follow = contacts.follow_up(session, contact.id)
    return ContactOut(
        id=contact.id,
        sid=contact.sid,
        channel=Channel(contact.channel),
        practice=contact.practice_id,
        patient=contact.patient_id,
        from_=contact.from_number,
        to=contact.to_number,
        started_at=contact.started_at,
        ended_at=contact.ended_at,
        duration_s=contact.duration_s,
        outcome=Outcome(contact.outcome),
        connected_to=contact.connected_to,
        route=list(contact.route or []),
        events=[
            EventOut(
                at=event.at,
                type=event.type,
                clinician=event.clinician_id or None,
                detail=event.detail or None,
            )
            for event in contacts.events(session, contact.id)
        ],
        follow_up=None
        if follow is None
        else FollowUpOut(
            status=FollowUpStatus(follow.status),
            assignee=follow.assignee,
            due=follow.due,
            urgent=follow.urgent,
        ),
    )


CONTACT_FILTERS = {"since", "until", "patient", "clinician", "outcome", "follow_up", "limit"}


@router.get("/contacts", response_model=list[ContactOut], responses=UNAVAILABLE_RESPONSE)
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
) -> list[ContactOut]:
    for key in request.query_params:
        if key not in CONTACT_FILTERS:
            raise InputError(key, request.query_params[key], "is not a filter of the contact log")
    if patient is not None:
        known = session.get(Patient, patient)
        if known is None or known.practice_id != user.practice_id:
            raise NotFound(f"no patient {patient!r} in your practice")
    if clinician is not None:
        staff_member = session.get(Clinician, clinician)
        if staff_member is None or staff_member.practice_id != user.practice_id:
            raise NotFound(f"no clinician {clinician!r} in your practice")
    one_of("outcome", outcome, Outcome)
    one_of("follow_up", follow_up, FollowUpStatus)
    since_at, until_at = parse_instant("since", since), parse_instant("until", until)
    if since_at is not None and until_at is not None and until_at <= since_at:
        raise InputError("until", until, f"must be after since ({since})")
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
    # Answered only once the read's audit entry has committed; a failed entry fails the read.
    found = contact_log.search(
        session,
        filters,
        practice_id=user.practice_id,
        actor=user.id,
        visible_to_clinician=own_only,
    )
    return [contact_out(session, contact) for contact in found]
