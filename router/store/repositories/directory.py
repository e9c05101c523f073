"""Lookups of practices, their numbers, patients, care teams and clinicians."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from policies.vocabulary import Role
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


NUMBERS_SEEN = "afterhours_practice_numbers"


@dataclass(frozen=True)
class Reached:
    """What one read tells about a webhook's To and From: the practice, the active patient
    with that number there, and that patient's active care team in priority order."""

    practice: Practice
    patient: Patient | None
    care_team: list[str]
    staff_id: str | None  # the active member of staff with the caller's number, if any


def reached(session: Session, to: str, from_e164: str | None) -> Reached | None:
    """`practice_by_number`, `patient_by_phone` and `care_team` in one statement (the
    webhooks' one read of who is calling); None when `to` is no practice's number."""
    patient_join = and_(
        PatientPhone.practice_id == PracticeNumber.practice_id,
        PatientPhone.e164 == (from_e164 or ""),
    )
    staff = aliased(Clinician)
    staff_id = (
        select(staff.id)
        .where(
            staff.practice_id == PracticeNumber.practice_id,
            staff.phone == (from_e164 or ""),
            staff.active.is_(True),
        )
        .order_by(staff.id)
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Practice, Patient, Clinician.id, staff_id)
        .select_from(PracticeNumber)
        .join(Practice, Practice.id == PracticeNumber.practice_id)
        .outerjoin(PatientPhone, patient_join)
        .outerjoin(Patient, and_(Patient.id == PatientPhone.patient_id, Patient.active.is_(True)))
        .outerjoin(CareTeamMember, CareTeamMember.patient_id == Patient.id)
        .outerjoin(
            Clinician,
            and_(Clinician.id == CareTeamMember.clinician_id, Clinician.active.is_(True)),
        )
        .where(PracticeNumber.e164 == to)
        .order_by(CareTeamMember.position)
    ).all()
    if not rows:
        return None
    # The number is the practice's, as of this unit of work (`reply_number` needs no read).
    session.info.setdefault(NUMBERS_SEEN, {})[to] = rows[0][0].id
    practice, patient = rows[0][0], rows[0][1] if from_e164 else None
    team = [row[2] for row in rows if row[2] is not None] if patient is not None else []
    return Reached(practice, patient, team, rows[0][3] if from_e164 else None)


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


def first_patient_phone(session: Session, practice_id: str) -> str | None:
    """Some patient's number at the practice (the warm-up rehearses a call from it)."""
    return session.scalars(
        select(PatientPhone.e164).where(PatientPhone.practice_id == practice_id).limit(1)
    ).first()


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
    seen: dict[str, str] = session.info.get(NUMBERS_SEEN, {})
    if to is not None and seen.get(to) == practice.id:
        return to  # this unit of work read it as the practice's number already
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


def staff_with_role(session: Session, practice_id: str, role: Role) -> list[Clinician]:
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
    return staff_with_role(session, practice_id, Role.SUPERVISOR)
