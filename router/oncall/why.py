"""Why each clinician is or is not on a patient's route at an instant (`afterhours who`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.route import explain_route
from router.core import clock
from router.store.models import Patient, Practice
from router.store.repositories import directory, staff
from router.store.repositories import windows as window_store


def reasons_for(session: Session, patient: Patient, at: datetime) -> list[tuple[str, str, str]]:
    """(clinician id, name, reason) for every active clinician of the patient's practice with
    a window, in the practice's order. For another time than now (`who --at`), a reason
    says "at that time", not "now"."""
    practice = session.get(Practice, patient.practice_id)
    assert practice is not None
    team = directory.care_team(session, patient.id)
    clinicians = staff.active_clinicians(session, practice.id)
    schedules = window_store.schedules_at(session, practice, [c.id for c in clinicians], at)
    pauses = window_store.pauses_for(session, patient.id, at)
    covers = [c for c in staff.covers_at(session, practice.id, at) if c.absent in team]
    reasons = explain_route(team, schedules, pauses, at, covers)
    if abs(at - clock.now()) >= timedelta(minutes=1):
        reasons = {cid: _at_that_time(reason) for cid, reason in reasons.items()}
    found = [(c.id, c.name, reasons[c.id]) for c in clinicians if c.id in reasons]
    # Care-team members without any window are not in the schedules: say so too.
    for c in clinicians:
        if c.id in team and c.id not in reasons:
            found.append((c.id, c.name, "not on the route: no on-call windows"))
    return found


def _at_that_time(reason: str) -> str:
    if reason.endswith(" now"):
        return reason.removesuffix(" now") + " at that time"
    return reason
