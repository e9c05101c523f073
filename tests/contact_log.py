"""Reading the store back in tests: what a clinic manager would see in the contact log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from router.core.db import session_scope
from router.store.models import Contact, ContactEvent, FollowUp


def contact_count() -> int:
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def event_count() -> int:
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(ContactEvent)) or 0)


def contact_for(sid: str) -> dict[str, Any]:
    """The contact of a call as plain data: its fields, event types and follow-up."""
    with session_scope() as session:
        contact = session.scalars(select(Contact).where(Contact.sid == sid)).one()
        events = list(
            session.scalars(
                select(ContactEvent)
                .where(ContactEvent.contact_id == contact.id)
                .order_by(ContactEvent.at, ContactEvent.id)
            )
        )
        follow = session.scalars(select(FollowUp).where(FollowUp.contact_id == contact.id)).first()
        return {
            "id": contact.id,
            "outcome": contact.outcome,
            "connected_to": contact.connected_to,
            "patient": contact.patient_id,
            "from": contact.from_number,
            "route": list(contact.route or []),
            "ended_at": contact.ended_at,
            "duration_s": contact.duration_s,
            "events": [e.type for e in events],
            "event_clinicians": [(e.type, e.clinician_id) for e in events],
            "follow_up": None
            if follow is None
            else {
                "assignee": follow.assignee,
                "due": follow.due,
                "urgent": follow.urgent,
                "status": follow.status,
            },
        }
