"""Reading the contact log, audited (S8): the one service the API (`GET /api/v1/contacts`) and
the supervisor's pages (the log, a contact's timeline, the CSV export) call.

A read is answered only after its audit entry has committed: each function here appends the
entry and commits it before it returns the rows, so no caller can show a contact whose read
is not on record. If the entry cannot be written the read fails (`Unavailable`, 503) and the
caller has nothing to show. This is the one place outside `session_scope` that commits: an
unrecorded read must never be answered, whatever happens after.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from router.core.errors import NotFound, Unavailable
from router.store.models import Contact
from router.store.repositories import audit, contacts

log = logging.getLogger("afterhours.audit")

NOT_RECORDED = "the contact log cannot be read right now (its audit entry was not written)"


def record_read(
    session: Session,
    *,
    actor: str,
    action: str,
    subject: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Appends the read's audit entry and commits it; `Unavailable` if either fails."""
    try:
        audit.append(session, actor=actor, action=action, subject=subject, detail=detail)
        session.commit()
    except Exception as exc:
        session.rollback()
        log.error("audited read refused: %s not recorded (%s)", action, type(exc).__name__)
        raise Unavailable(NOT_RECORDED) from exc


def search(
    session: Session,
    filters: contacts.ContactFilter,
    *,
    practice_id: str,
    actor: str,
    action: str = "contacts.read",
    visible_to_clinician: str | None = None,
) -> list[Contact]:
    """The contacts of the practice these filters find (a clinician's own patients' only when
    `visible_to_clinician` names them), once the read is on record."""
    found = contacts.search(
        session, filters, practice_id=practice_id, visible_to_clinician=visible_to_clinician
    )
    record_read(
        session,
        actor=actor,
        action=action,
        subject=f"practice:{practice_id}",
        detail={
            "filters": {k: v for k, v in filters.__dict__.items() if v is not None},
            "contacts": [contact.id for contact in found],
        },
    )
    return found


def one(session: Session, contact_id: str, *, practice_id: str, actor: str) -> Contact:
    """One contact of the practice (another practice's is not there), once the read is on
    record."""
    contact = of_practice(session, contact_id, practice_id)
    record_read(
        session,
        actor=actor,
        action="contacts.read",
        subject=f"contact:{contact.id}",
        detail={"contacts": [contact.id]},
    )
    return contact


def of_practice(session: Session, contact_id: str, practice_id: str) -> Contact:
    """The contact if it is this practice's: otherwise it is not there for this person."""
    contact = contacts.get(session, contact_id[:64])
    if contact is None or contact.practice_id != practice_id:
        raise NotFound("no such contact in your practice")
    return contact
