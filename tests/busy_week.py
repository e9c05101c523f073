"""A week busy with everything a route is made of, for the route snapshot's equivalence tests
(calls in tests/contacts, texts in tests/texts)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from policies.vocabulary import CoverStatus
from router.core.db import session_scope
from router.store.models import (
    Clinician,
    CoachingPause,
    CoverRequest,
    OnCallWindow,
    Patient,
    Practice,
)
from router.store.repositories import windows
from tests.clinic import WEDNESDAY_9PM


def busy_week() -> None:
    """Pauses, covers, a one-off window, time off and a duty window beside the roster's."""
    at = WEDNESDAY_9PM
    with session_scope() as session:
        sam = session.scalars(select(Patient).where(Patient.id == "pt-sam")).one()
        session.add(
            CoachingPause(clinician_id="dr-lee", patient_id=sam.id, until=at + timedelta(hours=30))
        )
        session.add(
            CoverRequest(
                practice_id="riverside",
                asker_id="dr-patel",
                colleague_id="dr-chen",
                starts_at=at + timedelta(days=1, hours=1),
                ends_at=at + timedelta(days=1, hours=7),
                code="abc123",
                status=CoverStatus.ACCEPTED,
            )
        )
        for start, hours, duty, off, who in (
            (at + timedelta(hours=50), 5, False, False, "dr-chen"),
            (at + timedelta(hours=70), 9, True, False, "dr-lee"),
            (at + timedelta(hours=4), 6, False, True, "dr-patel"),
        ):
            local = start.astimezone(
                windows.clinician_zone(
                    session.get(Clinician, who), session.get(Practice, "riverside")
                )
            )  # type: ignore[arg-type]
            end = local + timedelta(hours=hours)
            session.add(
                OnCallWindow(
                    practice_id="riverside",
                    clinician_id=who,
                    source="self",
                    kind="oneoff",
                    local_start=local.replace(tzinfo=None).isoformat(timespec="minutes"),
                    local_end=end.replace(tzinfo=None).isoformat(timespec="minutes"),
                    starts_at=start,
                    ends_at=start + timedelta(hours=hours),
                    duty=duty,
                    off=off,
                )
            )
