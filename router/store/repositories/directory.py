"""Lookups of practices, their numbers, patients, care teams and clinicians."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.store.models import (
    CareTeamMember,
    Clinician,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
)


def practice_by_number(session: Session, e164: str | None) -> Practice | None:
    if not e164:
        return None
    number = session.get(PracticeNumber, e164)
    return session.get(Practice, number.practice_id) if number else None


def practice_numbers(session: Session, practice_id: str) -> list[str]:
    return list(
        session.scalars(
            select(PracticeNumber.e164)
            .where(PracticeNumber.practice_id == practice_id)
            .order_by(PracticeNumber.position)
        )
    )


def patient_by_phone(session: Session, practice_id: str, e164: str | None) -> Patient | None:
    if not e164:
        return None
    row = session.scalars(
        select(PatientPhone).where(
            PatientPhone.practice_id == practice_id, PatientPhone.e164 == e164
        )
    ).first()
    patient = session.get(Patient, row.patient_id) if row else None
    # A patient left out of the roster calls and texts as an unknown caller (SPEC §5).
    return patient if patient is not None and patient.active else None


def care_team(session: Session, patient_id: str) -> list[str]:
    return list(
        session.scalars(
            select(CareTeamMember.clinician_id)
            .join(Clinician, Clinician.id == CareTeamMember.clinician_id)
            .where(CareTeamMember.patient_id == patient_id, Clinician.active.is_(True))
            .order_by(CareTeamMember.position)
        )
    )


def care_team_clinicians(session: Session, patient_id: str) -> list[Clinician]:
    """The care team as clinicians, in priority order."""
    return [
        clinician
        for clinician_id in care_team(session, patient_id)
        if (clinician := session.get(Clinician, clinician_id)) is not None
    ]


def crisis_lines_by_number(session: Session) -> dict[str, str]:
    """Each after-hours number's crisis line, for the fail-safe's memory."""
    rows = session.execute(
        select(PracticeNumber.e164, Practice.crisis_line).join(
            Practice, Practice.id == PracticeNumber.practice_id
        )
    )
    return {row[0]: row[1] for row in rows}


def reply_number(session: Session, practice: Practice, to: str | None) -> str | None:
    """The practice number to text from: the one the patient wrote to, else its first."""
    numbers = practice_numbers(session, practice.id)
    return to if to in numbers else (numbers[0] if numbers else None)


def clinicians_of(session: Session, practice_id: str) -> list[Clinician]:
    """The practice's clinicians in roster order."""
    return list(
        session.scalars(
            select(Clinician)
            .where(Clinician.practice_id == practice_id, Clinician.active.is_(True))
            .order_by(Clinician.position, Clinician.id)
        )
    )


def clinician_by_phone(session: Session, practice_id: str, e164: str | None) -> Clinician | None:
    if not e164:
        return None
    return session.scalars(
        select(Clinician).where(
            Clinician.practice_id == practice_id,
            Clinician.phone == e164,
            Clinician.active.is_(True),
        )
    ).first()


def staff_with_role(session: Session, practice_id: str, role: str) -> list[Clinician]:
    return list(
        session.scalars(
            select(Clinician)
            .where(
                Clinician.practice_id == practice_id,
                Clinician.role == role,
                Clinician.active.is_(True),
            )
            .order_by(Clinician.position, Clinician.id)
        )
    )


def supervisors(session: Session, practice_id: str) -> list[Clinician]:
    return staff_with_role(session, practice_id, "supervisor")
