"""Texts to a staff member's own phone (sign-in codes, invite links) through the outbox.

The one seam to the texts package: re-point `queue_sms` here when texts/ is reorganised.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from router.outbox import queue_sms
from router.store.models import Clinician
from router.store.repositories import directory


def text_staff(
    session: Session, member: Clinician, body: str, *, purpose: str, now: datetime
) -> None:
    numbers = directory.practice_numbers(session, member.practice_id)
    queue_sms(
        session,
        practice_id=member.practice_id,
        to=member.phone,
        from_=numbers[0] if numbers else None,
        body=body,
        purpose=purpose,
        now=now,
        clinician_id=member.id,
    )
