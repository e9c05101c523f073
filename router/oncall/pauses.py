"""Coaching pauses: DBT's 24-hour rule. A clinician is skipped for one patient until a time;
it never holds back duty clinicians or the crisis line. Every pause is audited (S8)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.core.errors import Forbidden, InputError, NotFound
from router.store.models import Clinician, CoachingPause, Patient
from router.store.repositories import audit, directory


def patient_in_practice(session: Session, user: Clinician, patient_id: str) -> Patient:
    """The patient, if they belong to the user's practice; otherwise NotFound (S8: another
    practice's patient is not there for this user)."""
    patient = session.get(Patient, patient_id)
    if patient is None or patient.practice_id != user.practice_id:
        raise NotFound(f"no patient {patient_id!r} in your practice")
    return patient


def pause_coaching(
    session: Session,
    user: Clinician,
    patient_id: str,
    until: datetime,
    now: datetime,
    clinician_id: str | None = None,
) -> CoachingPause:
    """Pauses `clinician_id` (default: the user) for this patient until `until` (read as UTC
    without an offset). Clinicians pause only themselves; supervisors and admins anyone on the
    patient's care team."""
    patient_in_practice(session, user, patient_id)
    clinician_id = clinician_id or user.id
    if clinician_id != user.id and user.role not in STAFF_ROLES:
        raise Forbidden("clinicians pause coaching only for themselves")
    if clinician_id not in directory.care_team(session, patient_id):
        raise InputError("clinician", clinician_id, f"is not on {patient_id}'s care team")
    asked = until
    until = until if until.tzinfo else until.replace(tzinfo=UTC)
    if until <= now:
        raise InputError("until", asked.isoformat(), "must be in the future")
    pause = CoachingPause(clinician_id=clinician_id, patient_id=patient_id, until=until)
    session.add(pause)
    audit.append(
        session,
        actor=user.id,
        action="pause.create",
        subject=f"patient:{patient_id}",
        detail={"clinician": clinician_id, "until": until.isoformat()},
    )
    return pause
