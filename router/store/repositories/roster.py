"""Writing a validated roster (an idempotent upsert by id) and reading it back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, resolve_local
from router.roster.parse import Roster, RosterError
from router.store.models import (
    ApiToken,
    CareTeamMember,
    Clinician,
    Contact,
    CoverRequest,
    FollowUp,
    OnCallWindow,
    Patient,
    PatientPhone,
    Practice,
    PracticeNumber,
    utcnow,
)
from router.store.repositories import audit

# Called as hook(session, clinician_id) for each clinician the file deactivates, after their
# tokens are revoked: sign-in sessions (router/web) register their revocation here.
DEACTIVATION_HOOKS: list[Callable[[Session, str], None]] = []


@dataclass(frozen=True)
class LoadSummary:
    practice: str
    clinicians: int
    patients: int
    windows: int
    # What the load did, as "clinician dr-lee" / "patient pt-sam"; not part of equality, so a
    # summary compares by the file's counts.
    added: tuple[str, ...] = field(default=(), compare=False)
    changed: tuple[str, ...] = field(default=(), compare=False)
    deactivated: tuple[str, ...] = field(default=(), compare=False)

    def lines(self) -> list[str]:
        said = [
            f"loaded {self.practice}: {self.clinicians} clinicians, "
            f"{self.patients} patients, {self.windows} windows"
        ]
        for label, names in (
            ("added", self.added),
            ("changed", self.changed),
            ("deactivated", self.deactivated),
        ):
            said.append(f"{label}: {', '.join(names) if names else 'none'}")
        return said


def known_clinicians(session: Session, practice_id: str) -> set[str]:
    return set(session.scalars(select(Clinician.id).where(Clinician.practice_id == practice_id)))


def _conflicts(session: Session, roster: Roster) -> list[str]:
    """Ids and numbers the file shares with another practice: refused, never taken over."""
    practice_id = roster.practice.id
    problems = []
    for number in roster.practice.numbers:
        owner = session.get(PracticeNumber, number)
        if owner is not None and owner.practice_id != practice_id:
            problems.append(f"practice numbers: {number} already belongs to {owner.practice_id}")
    for clinician in roster.clinicians:
        row = session.get(Clinician, clinician.id)
        if row is not None and row.practice_id != practice_id:
            problems.append(f"clinicians ({clinician.id}): id is used by {row.practice_id}")
    for patient in roster.patients:
        row_p = session.get(Patient, patient.id)
        if row_p is not None and row_p.practice_id != practice_id:
            problems.append(f"patients ({patient.id}): id is used by {row_p.practice_id}")
    file_clinicians = {c.id for c in roster.clinicians}
    for patient in roster.patients:
        for phone in patient.phones:
            staff = session.scalars(
                select(Clinician.id).where(
                    Clinician.practice_id == practice_id, Clinician.phone == phone
                )
            ).first()
            if staff is not None and staff not in file_clinicians:
                problems.append(f"patients ({patient.id}): phone {phone} is clinician {staff}'s")
    file_patients = {p.id for p in roster.patients}
    for patient in roster.patients:
        for phone in patient.phones:
            other = session.scalars(
                select(PatientPhone.patient_id).where(
                    PatientPhone.practice_id == practice_id, PatientPhone.e164 == phone
                )
            ).first()
            if other is not None and other != patient.id and other not in file_patients:
                problems.append(f"patients ({patient.id}): phone {phone} belongs to {other}")
    return problems


def day_mask(days: list[str]) -> int:
    return sum(1 << DAY_NAMES.index(day) for day in set(days))


def window_zone(session: Session, clinician_id: str) -> ZoneInfo:
    clinician = session.get(Clinician, clinician_id)
    assert clinician is not None
    if clinician.timezone:
        return ZoneInfo(clinician.timezone)
    practice = session.get(Practice, clinician.practice_id)
    assert practice is not None
    return ZoneInfo(practice.timezone)


def apply_roster(session: Session, roster: Roster, *, actor: str = "cli") -> LoadSummary:
    problems = _conflicts(session, roster)
    if problems:
        raise RosterError(problems)
    spec = roster.practice
    before = _people(session, spec.id)
    practice = session.get(Practice, spec.id) or Practice(id=spec.id)
    practice.name, practice.timezone = spec.name, spec.timezone
    practice.crisis_line, practice.policy = spec.crisis_line, dict(spec.policy)
    office_hours = [hours.as_dict() for hours in spec.office_hours]
    if practice.office_hours != office_hours:
        practice.office_hours = office_hours
    holidays = [day.isoformat() for day in spec.holidays]
    if practice.holidays != holidays:
        practice.holidays = holidays
    session.add(practice)
    session.flush()
    session.execute(delete(PracticeNumber).where(PracticeNumber.practice_id == spec.id))
    for position, number in enumerate(spec.numbers):
        session.add(PracticeNumber(e164=number, practice_id=spec.id, position=position))

    for position, item in enumerate(roster.clinicians):
        clinician = session.get(Clinician, item.id) or Clinician(id=item.id)
        clinician.practice_id, clinician.name, clinician.phone = spec.id, item.name, item.phone
        clinician.role, clinician.timezone, clinician.position = item.role, item.timezone, position
        clinician.active = True
        session.add(clinician)
    session.flush()

    # Every named patient's phones go before any are added back: a file may move a number
    # from one patient to another, and the (practice, number) pair is unique.
    file_patients = [p.id for p in roster.patients]
    if file_patients:
        session.execute(delete(PatientPhone).where(PatientPhone.patient_id.in_(file_patients)))
        session.execute(delete(CareTeamMember).where(CareTeamMember.patient_id.in_(file_patients)))
    for patient_item in roster.patients:
        patient = session.get(Patient, patient_item.id) or Patient(id=patient_item.id)
        patient.practice_id, patient.name = spec.id, patient_item.name
        patient.language = patient_item.language
        patient.active = True
        session.add(patient)
        session.flush()
        for position, phone in enumerate(patient_item.phones):
            session.add(
                PatientPhone(
                    practice_id=spec.id, patient_id=patient.id, e164=phone, position=position
                )
            )
        for position, member in enumerate(patient_item.care_team):
            session.add(
                CareTeamMember(patient_id=patient.id, clinician_id=member, position=position)
            )
    session.flush()

    # The file's windows replace the roster windows of the clinicians it names;
    # windows clinicians set themselves are left alone.
    named = {c.id for c in roster.clinicians} | {w.clinician for w in roster.windows}
    if named:
        session.execute(
            delete(OnCallWindow).where(
                OnCallWindow.clinician_id.in_(named), OnCallWindow.source == "roster"
            )
        )
    for window in roster.windows:
        row = OnCallWindow(
            practice_id=spec.id, clinician_id=window.clinician, source="roster", duty=window.duty
        )
        if window.weekly:
            row.kind, row.days = "weekly", day_mask(window.days)
            row.start_time, row.end_time = window.start, window.end
        else:
            assert window.local_from is not None
            assert window.local_to is not None
            row.kind = "oneoff"
            row.local_start = window.local_from.isoformat(timespec="minutes")
            row.local_end = window.local_to.isoformat(timespec="minutes")
        session.add(row)
    session.flush()
    refresh_one_off_bounds(session, named)
    gone = _deactivate_absent(session, roster)
    after = _people(session, spec.id)
    added = tuple(sorted(key for key in after if key not in before))
    changed = tuple(sorted(key for key in after if key in before and before[key] != after[key]))
    audit.append(
        session,
        actor=actor,
        action="roster.load",
        subject=f"practice:{spec.id}",
        detail={
            "clinicians": sorted(c.id for c in roster.clinicians),
            "patients": sorted(p.id for p in roster.patients),
            "windows": len(roster.windows),
            "added": list(added),
            "changed": list(changed),
            "deactivated": list(gone),
        },
    )
    return LoadSummary(
        spec.id,
        len(roster.clinicians),
        len(roster.patients),
        len(roster.windows),
        added,
        changed,
        gone,
    )


def _people(session: Session, practice_id: str) -> dict[str, tuple[object, ...]]:
    """Each active clinician and patient of the practice with what a file can change."""
    people: dict[str, tuple[object, ...]] = {}
    for c in session.scalars(
        select(Clinician).where(Clinician.practice_id == practice_id, Clinician.active.is_(True))
    ):
        people[f"clinician {c.id}"] = (c.name, c.phone, c.role, c.timezone, c.position)
    for p in session.scalars(
        select(Patient).where(Patient.practice_id == practice_id, Patient.active.is_(True))
    ):
        phones = tuple(
            session.scalars(
                select(PatientPhone.e164)
                .where(PatientPhone.patient_id == p.id)
                .order_by(PatientPhone.position)
            )
        )
        team = tuple(
            session.scalars(
                select(CareTeamMember.clinician_id)
                .where(CareTeamMember.patient_id == p.id)
                .order_by(CareTeamMember.position)
            )
        )
        people[f"patient {p.id}"] = (p.name, p.language, phones, team)
    return people


def _deactivate_absent(session: Session, roster: Roster) -> tuple[str, ...]:
    """The file is the whole practice: whoever it leaves out is deactivated. Their history
    (contacts, follow-ups, audit) stays; their windows end, they leave care teams and their
    tokens are revoked."""
    practice_id = roster.practice.id
    in_file = {c.id for c in roster.clinicians}
    gone: list[str] = []
    for clinician in list(
        session.scalars(
            select(Clinician).where(
                Clinician.practice_id == practice_id, Clinician.active.is_(True)
            )
        )
    ):
        if clinician.id in in_file:
            continue
        clinician.active = False
        session.execute(delete(OnCallWindow).where(OnCallWindow.clinician_id == clinician.id))
        # A care team the file still names them on goes on without them.
        session.execute(delete(CareTeamMember).where(CareTeamMember.clinician_id == clinician.id))
        session.execute(
            update(ApiToken)
            .where(ApiToken.clinician_id == clinician.id, ApiToken.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )
        for hook in DEACTIVATION_HOOKS:
            hook(session, clinician.id)
        gone.append(f"clinician {clinician.id}")
    patients_in_file = {p.id for p in roster.patients}
    for patient in list(
        session.scalars(
            select(Patient).where(Patient.practice_id == practice_id, Patient.active.is_(True))
        )
    ):
        if patient.id not in patients_in_file:
            patient.active = False
            gone.append(f"patient {patient.id}")
    session.flush()
    left = [name.removeprefix("clinician ") for name in gone if name.startswith("clinician ")]
    if left:
        _hand_over(session, practice_id, left)
    return tuple(sorted(gone))


def _hand_over(session: Session, practice_id: str, left: list[str]) -> None:
    """What the clinicians who left still held: their open follow-ups go to the patient's
    first remaining care-team clinician, else the first supervisor (else admin), so none is
    left with nobody; cover requests to or from them end (an accepted one's time off for the
    asker is lifted, since nobody would stand in)."""
    staff_ids = [
        c.id
        for role in ("supervisor", "admin")
        for c in session.scalars(
            select(Clinician)
            .where(
                Clinician.practice_id == practice_id,
                Clinician.role == role,
                Clinician.active.is_(True),
            )
            .order_by(Clinician.position, Clinician.id)
        )
    ]
    for follow, contact in session.execute(
        select(FollowUp, Contact)
        .join(Contact, Contact.id == FollowUp.contact_id)
        .where(FollowUp.assignee.in_(left), FollowUp.status == "open")
    ):
        team = list(
            session.scalars(
                select(CareTeamMember.clinician_id)
                .join(Clinician, Clinician.id == CareTeamMember.clinician_id)
                .where(CareTeamMember.patient_id == contact.patient_id, Clinician.active.is_(True))
                .order_by(CareTeamMember.position)
            )
        )
        follow.assignee = (team or staff_ids or [None])[0]
    for request in session.scalars(
        select(CoverRequest).where(
            or_(CoverRequest.asker_id.in_(left), CoverRequest.colleague_id.in_(left)),
            CoverRequest.status.in_(("pending", "accepted")),
        )
    ):
        lifted = request.off_window_id
        if request.status == "accepted" and request.colleague_id in left and lifted is not None:
            session.execute(delete(OnCallWindow).where(OnCallWindow.id == lifted))
        request.status = "cancelled"
    session.flush()


def refresh_one_off_bounds(session: Session, clinician_ids: set[str]) -> None:
    """One-off windows carry UTC bounds (for indexed lookups) in their clinician's zone."""

    for clinician_id in clinician_ids:
        zone = window_zone(session, clinician_id)
        for row in session.scalars(
            select(OnCallWindow).where(
                OnCallWindow.clinician_id == clinician_id, OnCallWindow.kind == "oneoff"
            )
        ):
            assert row.local_start is not None
            assert row.local_end is not None
            row.starts_at = resolve_local(datetime.fromisoformat(row.local_start), zone)
            row.ends_at = resolve_local(datetime.fromisoformat(row.local_end), zone)
    session.flush()


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
