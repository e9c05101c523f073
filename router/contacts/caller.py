"""Who is calling or texting: a webhook's To read as a practice, its From as a patient."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from router.core.phones import caller_e164, region_of
from router.store.models import Patient, Practice
from router.store.repositories import directory


@dataclass(frozen=True)
class Caller:
    """A webhook's To and From read as a practice and, where known, its patient."""

    to: str | None  # E.164 of the number dialled or texted
    practice: Practice | None
    number: str | None  # E.164 of the caller; None when withheld or unreadable
    patient: Patient | None


def identify(session: Session, to_raw: str | None, from_raw: str | None) -> Caller:
    to = caller_e164(to_raw)
    practice = directory.practice_by_number(session, to)
    if practice is None:
        return Caller(to, None, caller_e164(from_raw), None)
    number = caller_e164(from_raw, region_of(directory.practice_numbers(session, practice.id)))
    return Caller(to, practice, number, directory.patient_by_phone(session, practice.id, number))
