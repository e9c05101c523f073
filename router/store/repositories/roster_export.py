"""A practice as a roster file (SPEC §5): `afterhours roster export`."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES
from router.store.models import (
    CareTeamMember,
    Clinician,
    OnCallWindow,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
)


def practice_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Practice.id).order_by(Practice.id)))


def export_roster(session: Session, practice_id: str) -> dict[str, object]:
    """The practice as a roster file (roster windows only) that loads back to the same state."""
    practice = session.get(Practice, practice_id)
    if practice is None:
        raise LookupError(f"no practice {practice_id!r}")
    numbers = list(
        session.scalars(
            select(PracticeNumber.e164)
            .where(PracticeNumber.practice_id == practice_id)
            .order_by(PracticeNumber.position)
        )
    )
    practice_doc: dict[str, object] = {
        "id": practice.id,
        "name": practice.name,
        "timezone": practice.timezone,
        "numbers": numbers,
        "crisis_line": practice.crisis_line,
    }
    if practice.office_hours:
        practice_doc["office_hours"] = [dict(hours) for hours in practice.office_hours]
    if practice.holidays:
        practice_doc["holidays"] = list(practice.holidays)
    if practice.policy:
        practice_doc["policy"] = dict(practice.policy)
    clinicians = []
    for c in session.scalars(
        select(Clinician)
        .where(Clinician.practice_id == practice_id, Clinician.active.is_(True))
        .order_by(Clinician.position, Clinician.id)
    ):
        doc: dict[str, object] = {"id": c.id, "name": c.name, "phone": c.phone, "role": c.role}
        if c.timezone:
            doc["timezone"] = c.timezone
        clinicians.append(doc)
    patients = []
    for p in session.scalars(
        select(Patient)
        .where(Patient.practice_id == practice_id, Patient.active.is_(True))
        .order_by(Patient.id)
    ):
        phones = list(
            session.scalars(
                select(PatientPhone.e164)
                .where(PatientPhone.patient_id == p.id)
                .order_by(PatientPhone.position)
            )
        )
        team = list(
            session.scalars(
                select(CareTeamMember.clinician_id)
                .where(CareTeamMember.patient_id == p.id)
                .order_by(CareTeamMember.position)
            )
        )
        patients.append(
            {
                "id": p.id,
                "name": p.name,
                "phones": phones,
                "care_team": team,
                "language": p.language,
            }
        )
    windows = []
    for w in session.scalars(
        select(OnCallWindow)
        .where(OnCallWindow.practice_id == practice_id, OnCallWindow.source == "roster")
        .order_by(OnCallWindow.id)
    ):
        doc = {"clinician": w.clinician_id}
        if w.kind == "weekly":
            doc["days"] = [day for i, day in enumerate(DAY_NAMES) if w.days & (1 << i)]
            doc["start"], doc["end"] = w.start_time, w.end_time
        else:
            doc["from"], doc["to"] = w.local_start, w.local_end
        if w.duty:
            doc["duty"] = True
        windows.append(doc)
    return {
        "practice": practice_doc,
        "clinicians": clinicians,
        "patients": patients,
        "windows": windows,
    }
