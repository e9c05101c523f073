"""A colleague covering for a care-team member takes their place in the route (SPEC §11)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from policies.route import ClinicianSchedule, CoachingPause, Cover, plan_route
from policies.schedule import OneOffWindow, WeeklyWindow

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 26, 2, tzinfo=UTC)  # Wednesday 21:00 New York
EVENINGS = WeeklyWindow(frozenset(range(7)), time(17), time(23))
TONIGHT = OneOffWindow(datetime(2026, 11, 25, 17), datetime(2026, 11, 25, 23))
COVER = Cover("lee", "kim", NOW - timedelta(hours=4), NOW + timedelta(hours=2))


def schedules() -> dict[str, ClinicianSchedule]:
    return {
        "lee": ClinicianSchedule("lee", NEW_YORK, (EVENINGS,), (TONIGHT,)),
        "patel": ClinicianSchedule("patel", NEW_YORK, (EVENINGS,)),
        "kim": ClinicianSchedule("kim", NEW_YORK, (TONIGHT,)),
    }


def test_the_colleague_stands_in_the_askers_place() -> None:
    plan = plan_route(["lee", "patel"], schedules(), [], "+16175550111", NOW, [COVER])
    assert plan.clinicians == ("kim", "patel")


def test_without_the_cover_the_colleague_is_not_dialled_for_the_askers_patients() -> None:
    assert plan_route(["lee", "patel"], schedules(), [], "+1", NOW).clinicians == ("patel",)


def test_a_cover_outside_its_stretch_changes_nothing() -> None:
    later = Cover("lee", "kim", NOW + timedelta(hours=1), NOW + timedelta(hours=2))
    assert plan_route(["lee", "patel"], schedules(), [], "+1", NOW, [later]).clinicians == (
        "patel",
    )


def test_the_colleagues_own_pause_for_the_patient_still_holds() -> None:
    pause = CoachingPause("kim", NOW + timedelta(hours=1))
    plan = plan_route(["lee", "patel"], schedules(), [pause], "+1", NOW, [COVER])
    assert plan.clinicians == ("patel",)
