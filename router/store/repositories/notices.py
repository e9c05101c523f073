"""The statements behind the staff notices: overdue follow-ups claimed for flagging, and the
morning follow-up texts, each made durable and exactly-once by the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from policies.vocabulary import FollowUpStatus
from router.store.models import Contact, FollowUp, FollowUpDigest


def claim_overdue(session: Session, practice_id: str, now: datetime) -> list[int]:
    """Marks the practice's open follow-ups past due and never flagged as flagged now, and
    returns their ids. One statement: a concurrent check (another replica or worker) waits
    on the rows and then finds them flagged, so each follow-up is claimed once, ever."""
    of_practice = select(Contact.id).where(Contact.practice_id == practice_id)
    claimed = session.execute(
        update(FollowUp)
        .where(
            FollowUp.status == FollowUpStatus.OPEN,
            FollowUp.due < now,
            FollowUp.flagged_overdue_at.is_(None),
            FollowUp.contact_id.in_(of_practice),
        )
        .values(flagged_overdue_at=now)
        .returning(FollowUp.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(int(row[0]) for row in claimed)


def digest_sent(session: Session, clinician_id: str, day: str) -> bool:
    found = session.scalars(
        select(FollowUpDigest.id).where(
            FollowUpDigest.clinician_id == clinician_id, FollowUpDigest.day == day
        )
    ).first()
    return found is not None


def claim_digest(
    session: Session, clinician_id: str, day: str, open_count: int, now: datetime
) -> bool:
    """Records the clinician's morning text for `day`; False if one is recorded already
    (the unique key decides between concurrent checks; the loser's savepoint rolls back)."""
    if digest_sent(session, clinician_id, day):
        return False
    try:
        with session.begin_nested():
            session.add(
                FollowUpDigest(
                    clinician_id=clinician_id, day=day, open_count=open_count, sent_at=now
                )
            )
    except IntegrityError:
        return False
    return True
