"""Contacts, their events and call legs, and follow-ups. Idempotent where Twilio retries."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event as orm_event
from sqlalchemy import exists, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policies.vocabulary import EventType, FollowUpStatus
from router.store.models import (
    CallLeg,
    CareTeamMember,
    Contact,
    ContactEvent,
    FollowUp,
    Patient,
    TextThread,
    utcnow,
)


def new_contact_id() -> str:
    """Opaque and unguessable: the only thing about a contact that goes in a URL."""
    return "ct_" + secrets.token_urlsafe(12)


def by_sid(session: Session, sid: str) -> Contact | None:
    return session.scalars(select(Contact).where(Contact.sid == sid)).first()


def get(session: Session, contact_id: str) -> Contact | None:
    return session.get(Contact, contact_id)


def get_locked(session: Session, contact_id: str) -> Contact | None:
    """The contact, row-locked until commit (PostgreSQL): two workers never escalate it twice."""
    return session.get(Contact, contact_id, with_for_update=True)


# Contacts inserted in the session's unit of work (their ids): nothing else can have written
# their events or legs yet, so those are added to the session and go out together at the
# flush (one multi-row INSERT per table) instead of one INSERT ... ON CONFLICT each.
_NEW = "afterhours_new_contacts"


@dataclass
class _Fresh:
    keys: set[str] = field(default_factory=set)  # the event keys added so far
    legs: dict[int, CallLeg] = field(default_factory=dict)


def new_event_keys(session: Session, contact_id: str) -> frozenset[str] | None:
    """The event keys this unit of work added to a contact it inserted; None for another."""
    fresh = _fresh(session, contact_id)
    return frozenset(fresh.keys) if fresh is not None else None


def _fresh(session: Session, contact_id: str) -> _Fresh | None:
    new: dict[str, _Fresh] = session.info.get(_NEW, {})
    return new.get(contact_id)


@orm_event.listens_for(Session, "after_commit")
@orm_event.listens_for(Session, "after_rollback")
def _forget_new(session: Session) -> None:
    # Committed (others may now write the contact's events) or rolled back: the usual way.
    session.info.pop(_NEW, None)


def create(session: Session, contact: Contact) -> tuple[Contact, bool]:
    """Inserts the contact, or returns the one a retry (or a concurrent request) already made
    for its sid: one INSERT ... ON CONFLICT (sid) DO NOTHING RETURNING, no look first."""
    session.flush()  # whatever is pending goes first, as the ORM's own order would have it
    values = {
        column.key: getattr(contact, column.key)
        for column in Contact.__mapper__.column_attrs
        if column.key in contact.__dict__
    }
    statement = (
        _insert(session, Contact)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["sid"])
        .returning(Contact)
    )
    inserted = session.scalars(statement).first()
    if inserted is not None:
        session.info.setdefault(_NEW, {})[inserted.id] = _Fresh()
        return inserted, True
    existing = by_sid(session, contact.sid)
    if existing is None:  # another unique key collided (the id): as an INSERT would fail
        raise IntegrityError("INSERT INTO contacts", None, ValueError("contact id in use"))
    return existing, False


def add_event(
    session: Session,
    contact: Contact,
    type_: EventType,
    *,
    key: str | None = None,
    clinician_id: str | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> bool:
    """Records an event once per key; returns False if it was already there.

    One statement, INSERT ... ON CONFLICT DO NOTHING on (contact_id, key), instead of a look
    and a savepoint: a retried webhook and a concurrent one both leave exactly one row."""
    key = key or type_
    fresh = _fresh(session, contact.id)
    if fresh is not None:
        if key in fresh.keys:
            return False
        fresh.keys.add(key)
        session.add(
            ContactEvent(
                contact_id=contact.id,
                type=type_,
                key=key,
                clinician_id=clinician_id,
                detail=detail or {},
                at=at or utcnow(),
            )
        )
        return True
    session.flush()  # the contact (and anything else pending) goes first: the event refers to it
    statement = (
        _insert(session, ContactEvent)
        .values(
            contact_id=contact.id,
            type=type_,
            key=key,
            clinician_id=clinician_id,
            detail=detail or {},
            at=at or utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["contact_id", "key"])
    )
    result = session.execute(statement)
    return bool(getattr(result, "rowcount", 0))


def _insert(session: Session, table: Any) -> Any:
    """The dialect's INSERT, which has ON CONFLICT DO NOTHING (PostgreSQL and SQLite)."""
    return (pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert)(table)


def has_event(session: Session, contact: Contact, key: str) -> bool:
    return (
        session.scalars(
            select(ContactEvent.id).where(
                ContactEvent.contact_id == contact.id, ContactEvent.key == key
            )
        ).first()
        is not None
    )


def has_event_type(session: Session, contact: Contact, type_: str) -> bool:
    return (
        session.scalars(
            select(ContactEvent.id).where(
                ContactEvent.contact_id == contact.id, ContactEvent.type == type_
            )
        ).first()
        is not None
    )


def supersede_dials(session: Session, contact: Contact, *, after_step: int | None) -> int:
    """The fail-safe answered: "dialled" events (and their legs) past `after_step` (all of
    them when None) name clinicians who were never rung. They become "superseded"."""
    count = 0
    for event in session.scalars(
        select(ContactEvent).where(
            ContactEvent.contact_id == contact.id, ContactEvent.type == "dialled"
        )
    ):
        step = _step_of(event.key)
        if after_step is not None and (step is None or step <= after_step):
            continue
        event.type = EventType.SUPERSEDED
        event.detail = {**(event.detail or {}), "was": EventType.DIALLED, "by": EventType.FAILSAFE}
        if step is not None:
            row = leg(session, contact.id, step)
            if row is not None and row.result is None:
                row.result = EventType.SUPERSEDED
        count += 1
    return count


def _step_of(key: str) -> int | None:
    _, _, tail = key.partition(":")
    return int(tail) if tail.isdigit() else None


def events(session: Session, contact_id: str) -> list[ContactEvent]:
    return list(
        session.scalars(
            select(ContactEvent)
            .where(ContactEvent.contact_id == contact_id)
            .order_by(ContactEvent.at, ContactEvent.id)
        )
    )


def leg(session: Session, contact_id: str, step: int) -> CallLeg | None:
    return session.get(CallLeg, (contact_id, step))


def ensure_leg(session: Session, contact_id: str, step: int, clinician_id: str) -> CallLeg:
    """The leg, inserted unless it is there (a retried webhook): one INSERT ... ON CONFLICT
    DO NOTHING and one read, no savepoint."""
    fresh = _fresh(session, contact_id)
    if fresh is not None:  # inserted in this unit of work: only this one can add its legs
        found = fresh.legs.get(step)
        if found is None:
            found = CallLeg(
                contact_id=contact_id,
                step=step,
                clinician_id=clinician_id,
                answered=False,
                accepted=False,
            )
            session.add(found)
            fresh.legs[step] = found
        return found
    session.flush()
    session.execute(
        _insert(session, CallLeg)
        .values(contact_id=contact_id, step=step, clinician_id=clinician_id)
        .on_conflict_do_nothing(index_elements=["contact_id", "step"])
    )
    found = leg(session, contact_id, step)
    assert found is not None
    return found


def legs(session: Session, contact_id: str) -> list[CallLeg]:
    return list(
        session.scalars(
            select(CallLeg).where(CallLeg.contact_id == contact_id).order_by(CallLeg.step)
        )
    )


def follow_up(session: Session, contact_id: str) -> FollowUp | None:
    return session.scalars(select(FollowUp).where(FollowUp.contact_id == contact_id)).first()


def open_follow_up(
    session: Session, contact: Contact, assignee: str | None, due: datetime, *, new: bool = False
) -> FollowUp:
    """The contact's follow-up; `new` (the contact was inserted just now) skips the look."""
    existing = None if new else follow_up(session, contact.id)
    if existing is not None:
        return existing
    row = FollowUp(contact_id=contact.id, assignee=assignee, due=due, status=FollowUpStatus.OPEN)
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class ContactFilter:
    since: datetime | None = None
    until: datetime | None = None
    patient: str | None = None
    clinician: str | None = None
    outcome: str | None = None
    follow_up: str | None = None
    limit: int = 500


def search(
    session: Session,
    filters: ContactFilter,
    *,
    practice_id: str | None,
    visible_to_clinician: str | None = None,
) -> list[Contact]:
    """Contacts newest first. A clinician sees their own patients' contacts and calls they took."""
    query = select(Contact)
    if practice_id is not None:
        query = query.where(Contact.practice_id == practice_id)
    if visible_to_clinician is not None:
        own_patient = exists().where(
            CareTeamMember.patient_id == Contact.patient_id,
            CareTeamMember.clinician_id == visible_to_clinician,
        )
        relayed_to_them = exists().where(
            TextThread.contact_id == Contact.id, TextThread.clinician_id == visible_to_clinician
        )
        query = query.where(
            or_(own_patient, Contact.connected_to == visible_to_clinician, relayed_to_them)
        )
    if filters.since is not None:
        query = query.where(Contact.started_at >= filters.since)
    if filters.until is not None:
        query = query.where(Contact.started_at < filters.until)
    if filters.patient is not None:
        query = query.where(Contact.patient_id == filters.patient)
    if filters.outcome is not None:
        query = query.where(Contact.outcome == filters.outcome)
    if filters.clinician is not None:
        involved = or_(
            Contact.connected_to == filters.clinician,
            exists().where(
                CallLeg.contact_id == Contact.id, CallLeg.clinician_id == filters.clinician
            ),
            exists().where(
                FollowUp.contact_id == Contact.id, FollowUp.assignee == filters.clinician
            ),
            exists().where(
                TextThread.contact_id == Contact.id, TextThread.clinician_id == filters.clinician
            ),
        )
        query = query.where(involved)
    if filters.follow_up is not None:
        query = query.where(
            exists().where(FollowUp.contact_id == Contact.id, FollowUp.status == filters.follow_up)
        )
    query = query.order_by(Contact.started_at.desc(), Contact.id).limit(filters.limit)
    return list(session.scalars(query))


def patients_of_practice(session: Session, practice_id: str) -> list[Patient]:
    """The practice's patients by name: the contact log's patient filter."""
    return list(
        session.scalars(
            select(Patient).where(Patient.practice_id == practice_id).order_by(Patient.name)
        )
    )
