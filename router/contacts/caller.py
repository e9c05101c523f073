"""Who is calling or texting: a webhook's To read as a practice, its From as a patient."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # The patient's active care team in priority order, when the read that found them had it.
    care_team: list[str] | None = field(default=None, compare=False)
    # Whether the same read looked for a member of staff with the caller's number, and whom.
    staff_read: bool = field(default=False, compare=False)
    staff_id: str | None = field(default=None, compare=False)


def identify(session: Session, to_raw: str | None, from_raw: str | None) -> Caller:
    """One read where the caller id is in international form (as Twilio sends it): the
    practice, the patient and the care team together. A local-format caller id is read in
    the region of the practice's numbers, which takes reading those first."""
    to = caller_e164(to_raw)
    if to and (from_raw or "").strip().startswith("+"):
        # A leading + fixes the country: the practice's region cannot change the number.
        number = caller_e164(from_raw)
        found = directory.reached(session, to, number)
        if found is None:
            return Caller(to, None, number, None)
        return Caller(
            to, found.practice, number, found.patient, found.care_team, True, found.staff_id
        )
    practice = directory.practice_by_number(session, to)
    if practice is None:
        return Caller(to, None, caller_e164(from_raw), None)
    number = caller_e164(from_raw, region_of(directory.practice_numbers(session, practice.id)))
    return Caller(to, practice, number, directory.patient_by_phone(session, practice.id, number))
