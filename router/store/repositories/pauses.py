"""The coaching pauses a practice's staff list and end (the route reads its own, in
windows.pauses_for)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.store.models import CoachingPause, Patient


def coaching_pauses(
    session: Session,
    practice_id: str,
    *,
    clinician_id: str | None = None,
    patient_id: str | None = None,
    active_at: datetime | None = None,
    over_at: datetime | None = None,
) -> list[CoachingPause]:
    """The practice's coaching pauses (of one clinician, of one patient), newest first;
    `active_at`: still running then; `over_at`: over by then."""
    query = (
        select(CoachingPause)
        .join(Patient, Patient.id == CoachingPause.patient_id)
        .where(Patient.practice_id == practice_id)
    )
    if clinician_id is not None:
        query = query.where(CoachingPause.clinician_id == clinician_id)
    if patient_id is not None:
        query = query.where(CoachingPause.patient_id == patient_id)
    if active_at is not None:
        query = query.where(CoachingPause.until > active_at)
    if over_at is not None:
        query = query.where(CoachingPause.until <= over_at)
    return list(session.scalars(query.order_by(CoachingPause.id.desc())))
