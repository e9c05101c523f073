"""Queries for text conversations: open texting contacts and clinicians' threads."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from policies.vocabulary import Channel, Outcome
from router.store.models import Contact, TextThread

THREAD_IDLE = timedelta(hours=12)
CONTACT_REUSE = timedelta(hours=12)


def open_text_contact(
    session: Session,
    practice_id: str,
    patient_id: str | None,
    from_number: str | None,
    now: datetime,
) -> Contact | None:
    query = select(Contact).where(
        Contact.channel == Channel.SMS,
        Contact.practice_id == practice_id,
        Contact.outcome.in_((Outcome.OPEN, Outcome.ACKNOWLEDGED)),
        Contact.started_at >= now - CONTACT_REUSE,
    )
    if patient_id is not None:
        query = query.where(Contact.patient_id == patient_id)
    elif from_number is not None:
        query = query.where(Contact.patient_id.is_(None), Contact.from_number == from_number)
    else:
        return None
    return session.scalars(query.order_by(Contact.started_at.desc())).first()


def open_text_contacts(session: Session, now: datetime) -> list[Contact]:
    return list(
        session.scalars(
            select(Contact)
            .where(
                Contact.channel == Channel.SMS,
                Contact.outcome.in_((Outcome.OPEN, Outcome.ACKNOWLEDGED)),
                Contact.started_at >= now - CONTACT_REUSE,
            )
            .limit(500)
        )
    )


def open_threads_of(session: Session, clinician_id: str, now: datetime) -> list[TextThread]:
    return list(
        session.scalars(
            select(TextThread)
            .where(
                TextThread.clinician_id == clinician_id,
                TextThread.status == "open",
                TextThread.last_activity_at >= now - THREAD_IDLE,
            )
            .order_by(TextThread.last_activity_at.desc())
        )
    )


def open_thread_codes(session: Session, clinician_id: str, now: datetime) -> list[tuple[str, int]]:
    """(contact id, code) of the clinician's open threads: what a relay needs to pick a code
    and to say whether it needs one. Tuples, not rows: a clinician who has not answered for
    a while has many open threads, and loading each as an ORM object cost most of a relay."""
    return [
        (contact_id, code)
        for contact_id, code in session.execute(
            select(TextThread.contact_id, TextThread.code).where(
                TextThread.clinician_id == clinician_id,
                TextThread.status == "open",
                TextThread.last_activity_at >= now - THREAD_IDLE,
            )
        )
    ]


def threads_of_contact(session: Session, contact_id: str) -> list[TextThread]:
    return list(
        session.scalars(
            select(TextThread).where(TextThread.contact_id == contact_id).order_by(TextThread.step)
        )
    )


def thread(session: Session, contact_id: str, clinician_id: str) -> TextThread | None:
    return session.scalars(
        select(TextThread).where(
            TextThread.contact_id == contact_id, TextThread.clinician_id == clinician_id
        )
    ).first()
