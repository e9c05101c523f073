"""Who is calling and where their contact goes: the route for a patient at an instant (the
service behind calls, texts, `who` and the route API), and the follow-up every contact opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.followup import follow_up_due
from policies.policy import PracticePolicy, policy_for
from policies.route import RoutePlan, plan_route
from router.core.phones import caller_e164, region_of
from router.store.models import Contact, FollowUp, Patient, Practice
from router.store.repositories import contacts, directory, staff


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


def practice_policy(practice: Practice | None) -> PracticePolicy:
    """The practice's policy: the defaults in policies/ with its roster's overrides."""
    return policy_for(practice.policy if practice else None)


def open_follow_up(
    session: Session,
    contact: Contact,
    practice: Practice | None,
    patient: Patient | None,
    at: datetime,
) -> FollowUp:
    """Every contact opens a follow-up for the patient's first care-team clinician, due at
    the practice's follow-up hour on the next weekday that is not a holiday. An unknown
    caller's goes to the duty clinician on call, else a supervisor (never unassigned)."""
    team = directory.care_team(session, patient.id) if patient else []
    zone = ZoneInfo(practice.timezone) if practice else ZoneInfo("UTC")
    hour = practice_policy(practice).follow_up_hour
    holidays = holiday_dates(practice)
    assignee = team[0] if team else None
    if assignee is None and practice is not None:
        assignee = directory.follow_up_owner_for_unknown(session, practice, at)
    return contacts.open_follow_up(
        session, contact, assignee, follow_up_due(at, zone, hour, holidays)
    )


def holiday_dates(practice: Practice | None) -> frozenset[date]:
    return (
        frozenset(date.fromisoformat(day) for day in (practice.holidays or []))
        if practice
        else frozenset()
    )


class UnknownPatient(LookupError):
    pass


def plan_for(
    session: Session, practice: Practice, patient: Patient | None, at: datetime
) -> RoutePlan:
    """The route at `at`: the patient's on-call care team, duty clinicians, the crisis line.
    An unknown caller (patient None) is routed like a patient with no care team."""
    team = directory.care_team(session, patient.id) if patient else []
    # Colleagues covering for the care team stand in their place (SPEC §11).
    covers = [c for c in staff.covers_at(session, practice.id, at) if c.absent in team]
    schedules = directory.schedules_at(session, practice, team + [c.present for c in covers], at)
    pauses = directory.pauses_for(session, patient.id, at) if patient else []
    return plan_route(team, schedules, pauses, practice.crisis_line, at, covers)


def route_for_patient(session: Session, patient_id: str, at: datetime) -> RoutePlan:
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise UnknownPatient(f"no patient with id {patient_id!r}")
    practice = session.get(Practice, patient.practice_id)
    assert practice is not None
    return plan_for(session, practice, patient, at)


def route_document(patient_id: str, plan: RoutePlan) -> dict[str, Any]:
    return {
        "patient": patient_id,
        "at": plan.at.isoformat(),
        "route": list(plan.clinicians),
        "crisis_line": plan.crisis_line,
    }
