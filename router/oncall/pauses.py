"""Coaching pauses: DBT's 24-hour rule. A clinician is skipped for one patient until a time;
it never holds back duty clinicians or the crisis line. Every pause is audited (S8).

A pause ended early has its `until` moved to the moment it ended: routes read the pauses
from the table on every lookup (no index or cache holds them), so the clinician is dialled
again for that patient from the next call or text on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from policies.vocabulary import STAFF_ROLES
from router.core.errors import Forbidden, InputError, NotFound
from router.store.models import Clinician, CoachingPause, Patient
from router.store.repositories import audit, directory
from router.store.repositories import pauses as pause_store


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
    pause = CoachingPause(
        clinician_id=clinician_id, patient_id=patient_id, until=until, created_at=now
    )
    session.add(pause)
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="pause.create",
        subject=f"patient:{patient_id}",
        detail={"pause": pause.id, "clinician": clinician_id, "until": until.isoformat()},
    )
    return pause


def list_pauses(
    session: Session,
    user: Clinician,
    now: datetime,
    *,
    patient_id: str | None = None,
    active: bool | None = None,
) -> list[CoachingPause]:
    """A clinician's own pauses; a supervisor's or admin's, the practice's. Newest first.
    `active`: only those still running (or, False, only those over)."""
    if patient_id is not None:
        patient_in_practice(session, user, patient_id)
    return pause_store.coaching_pauses(
        session,
        user.practice_id,
        clinician_id=None if user.role in STAFF_ROLES else user.id,
        patient_id=patient_id,
        active_at=now if active else None,
        over_at=now if active is False else None,
    )


def pause_of_practice(session: Session, user: Clinician, pause_id: int) -> CoachingPause:
    """The pause, if it is of the user's practice (another practice's is not there, S8) and
    theirs to see: a clinician's own, or any of the practice for supervisors and admins."""
    pause = session.get(CoachingPause, pause_id)
    patient = session.get(Patient, pause.patient_id) if pause is not None else None
    if pause is None or patient is None or patient.practice_id != user.practice_id:
        raise NotFound(f"no coaching pause {pause_id} in your practice")
    if pause.clinician_id != user.id and user.role not in STAFF_ROLES:
        raise Forbidden("clinicians end only their own coaching pauses")
    return pause


def end_pause(session: Session, user: Clinician, pause_id: int, now: datetime) -> CoachingPause:
    """Ends a running pause now: the clinician is on the patient's route again at once."""
    pause = pause_of_practice(session, user, pause_id)
    if pause.until <= now:
        raise InputError("pause", pause_id, "has already ended")
    before = pause.until
    pause.until, pause.ended_at, pause.ended_by = now, now, user.id
    session.flush()
    audit.append(
        session,
        actor=user.id,
        action="pause.end",
        subject=f"patient:{pause.patient_id}",
        detail={
            "pause": pause.id,
            "clinician": pause.clinician_id,
            "was_until": before.isoformat(),
            "ended_at": now.isoformat(),
        },
    )
    return pause


def pause_document(pause: CoachingPause, now: datetime) -> dict[str, Any]:
    return {
        "id": pause.id,
        "patient": pause.patient_id,
        "clinician": pause.clinician_id,
        "until": pause.until,
        "created_at": pause.created_at,
        "ended_at": pause.ended_at,
        "ended_by": pause.ended_by,
        "active": pause.until > now,
    }
