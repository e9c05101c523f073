"""Where a contact goes: the route for a patient at an instant (the service behind calls,
texts, `who` and the route API), under the practice's policy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from policies.policy import PracticePolicy, policy_for
from policies.route import ClinicianSchedule, RoutePlan, is_on_duty, plan_route
from router.contacts.snapshot import keeper
from router.core.settings import get_settings
from router.store.models import Patient, Practice
from router.store.repositories import directory, route_data, staff, windows


class UnknownPatient(LookupError):
    pass


def practice_policy(practice: Practice | None) -> PracticePolicy:
    """The practice's policy: the defaults in policies/ with its roster's overrides."""
    return policy_for(practice.policy if practice else None)


@dataclass(frozen=True)
class RouteAt:
    """A route with the schedules it was planned from (whoever it names is in them)."""

    plan: RoutePlan
    schedules: dict[str, ClinicianSchedule]

    def on_duty(self, clinician_id: str) -> bool | None:
        """Whether the clinician is on duty at the plan's instant; None: not in the plan's
        schedules (ask `schedules_at`)."""
        schedule = self.schedules.get(clinician_id)
        return None if schedule is None else is_on_duty(schedule, self.plan.at)


def plan_for(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    at: datetime,
    *,
    care_team: list[str] | None = None,
) -> RoutePlan:
    """The route at `at`: the patient's on-call care team, duty clinicians, the crisis line.
    An unknown caller (patient None) is routed like a patient with no care team.
    `care_team` is the patient's, when the caller has read it already."""
    return route_at(session, practice, patient, at, care_team=care_team).plan


def route_at(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    at: datetime,
    *,
    care_team: list[str] | None = None,
) -> RouteAt:
    """`plan_for`, with the schedules, for a caller that also asks who is on duty."""
    if care_team is not None:
        team = care_team
    else:
        team = directory.care_team(session, patient.id) if patient else []
    # Colleagues covering for the care team stand in their place (SPEC §11).
    covers = [c for c in staff.covers_at(session, practice.id, at) if c.absent in team]
    schedules = windows.schedules_at(session, practice, team + [c.present for c in covers], at)
    pauses = windows.pauses_for(session, patient.id, at) if patient else []
    plan = plan_route(team, schedules, pauses, practice.crisis_line, at, covers)
    return RouteAt(plan, schedules)


def route_now(
    session: Session,
    practice: Practice,
    patient: Patient | None,
    at: datetime,
    *,
    care_team: list[str] | None = None,
) -> RouteAt:
    """`route_at`, planned from the process's route snapshot when it answers for `at` and
    the database's route version is still the snapshot's: one read of the version instead
    of four of the tables (the text path; the voice path checks the version in its write).
    The version is read in the caller's transaction, so the route is as current as the
    tables' would be; if it moved, the snapshot is marked stale and the tables are read."""
    snap = keeper.peek(at, get_settings().route_snapshot)
    data = snap.practices.get(practice.id) if snap is not None else None
    if snap is None or data is None:
        return route_at(session, practice, patient, at, care_team=care_team)
    if route_data.route_version(session) != snap.version:
        keeper.mark_stale(snap)
        return route_at(session, practice, patient, at, care_team=care_team)
    if care_team is not None:
        team = care_team
    else:
        team = directory.care_team(session, patient.id) if patient else []
    plan, schedules = snap.route(data, patient.id if patient else None, list(team), at)
    return RouteAt(plan, schedules)


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
