from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from policies.route import ClinicianSchedule, CoachingPause, RoutePlan, is_on_duty, plan_route
from policies.schedule import OneOffWindow, WeeklyWindow

NY = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
CRISIS = "+18005550100"

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
EVERY_DAY = frozenset(range(7))

# Monday 2026-06-01, 18:00 in New York.
NOW = datetime(2026, 6, 1, 18, 0, tzinfo=NY)

EVENINGS = WeeklyWindow(EVERY_DAY, time(17), time(23))
MORNINGS = WeeklyWindow(EVERY_DAY, time(6), time(9))
EVENING_DUTY = WeeklyWindow(EVERY_DAY, time(17), time(23), duty=True)
MORNING_DUTY = WeeklyWindow(EVERY_DAY, time(6), time(9), duty=True)


def schedule(
    clinician_id: str, *windows: WeeklyWindow | OneOffWindow, tz: ZoneInfo = NY
) -> ClinicianSchedule:
    return ClinicianSchedule(clinician_id, tz, windows)


def roster(*schedules: ClinicianSchedule) -> dict[str, ClinicianSchedule]:
    return {s.clinician_id: s for s in schedules}


def test_care_team_on_call_is_tried_in_priority_order_then_the_crisis_line() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS), schedule("dr-patel", EVENINGS))
    plan = plan_route(["dr-patel", "dr-lee"], schedules, [], CRISIS, NOW)
    assert plan == RoutePlan(at=NOW, clinicians=("dr-patel", "dr-lee"), crisis_line=CRISIS)


def test_care_team_member_off_call_is_skipped() -> None:
    schedules = roster(schedule("dr-lee", MORNINGS), schedule("dr-patel", EVENINGS))
    plan = plan_route(["dr-lee", "dr-patel"], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ("dr-patel",)


def test_nobody_on_call_routes_straight_to_the_crisis_line() -> None:
    schedules = roster(schedule("dr-lee", MORNINGS), schedule("dr-kim", MORNING_DUTY))
    plan = plan_route(["dr-lee"], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ()
    assert plan.crisis_line == CRISIS


def test_care_team_member_on_a_duty_window_counts_as_on_call() -> None:
    schedules = roster(schedule("dr-lee", EVENING_DUTY))
    assert plan_route(["dr-lee"], schedules, [], CRISIS, NOW).clinicians == ("dr-lee",)


def test_duty_clinicians_follow_the_care_team() -> None:
    schedules = roster(
        schedule("dr-kim", EVENING_DUTY), schedule("dr-lee", EVENINGS), schedule("dr-patel")
    )
    plan = plan_route(["dr-lee"], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ("dr-lee", "dr-kim")


def test_duty_clinicians_come_in_roster_order() -> None:
    schedules = roster(
        schedule("dr-ng", EVENING_DUTY),
        schedule("dr-kim", EVENING_DUTY),
        schedule("dr-abe", EVENING_DUTY),
    )
    assert plan_route([], schedules, [], CRISIS, NOW).clinicians == ("dr-ng", "dr-kim", "dr-abe")


def test_care_team_member_on_duty_is_listed_once_in_care_team_place() -> None:
    schedules = roster(
        schedule("dr-kim", EVENING_DUTY),
        schedule("dr-lee", EVENINGS),
        schedule("dr-ng", EVENING_DUTY),
    )
    plan = plan_route(["dr-lee", "dr-ng"], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ("dr-lee", "dr-ng", "dr-kim")


def test_on_call_clinician_without_duty_is_never_dialled_for_another_clinicians_patient() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS), schedule("dr-patel", EVENINGS))
    assert plan_route(["dr-lee"], schedules, [], CRISIS, NOW).clinicians == ("dr-lee",)


def test_unknown_caller_gets_duty_clinicians_then_the_crisis_line() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS), schedule("dr-kim", EVENING_DUTY))
    plan = plan_route([], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ("dr-kim",)
    assert plan.crisis_line == CRISIS


def test_care_team_member_missing_from_the_roster_is_skipped() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS))
    assert plan_route(["dr-gone", "dr-lee"], schedules, [], CRISIS, NOW).clinicians == ("dr-lee",)


def test_care_team_listed_twice_is_tried_once() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS), schedule("dr-patel", EVENINGS))
    plan = plan_route(["dr-lee", "dr-patel", "dr-lee"], schedules, [], CRISIS, NOW)
    assert plan.clinicians == ("dr-lee", "dr-patel")


def test_duty_is_decided_by_the_duty_window_containing_now() -> None:
    # dr-kim has duty in the mornings but an ordinary window in the evenings.
    schedules = roster(schedule("dr-kim", MORNING_DUTY, EVENINGS))
    assert plan_route([], schedules, [], CRISIS, NOW).clinicians == ()
    morning = datetime(2026, 6, 1, 7, 0, tzinfo=NY)
    assert plan_route([], schedules, [], CRISIS, morning).clinicians == ("dr-kim",)


def test_duty_and_ordinary_windows_touching_do_not_extend_duty() -> None:
    schedules = roster(
        schedule(
            "dr-kim",
            WeeklyWindow(EVERY_DAY, time(12), time(18), duty=True),
            WeeklyWindow(EVERY_DAY, time(18), time(23)),
        )
    )
    assert is_on_duty(schedules["dr-kim"], NOW - timedelta(minutes=1))
    assert not is_on_duty(schedules["dr-kim"], NOW)


def test_paused_clinician_is_skipped_for_that_patient() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS), schedule("dr-patel", EVENINGS))
    pauses = [CoachingPause("dr-lee", NOW + timedelta(hours=24))]
    plan = plan_route(["dr-lee", "dr-patel"], schedules, pauses, CRISIS, NOW)
    assert plan.clinicians == ("dr-patel",)


def test_pause_ends_at_its_until() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS))
    pauses = [CoachingPause("dr-lee", NOW)]
    assert plan_route(["dr-lee"], schedules, pauses, CRISIS, NOW).clinicians == ("dr-lee",)
    assert (
        plan_route(
            ["dr-lee"], schedules, pauses, CRISIS, NOW - timedelta(microseconds=1)
        ).clinicians
        == ()
    )


def test_pause_compares_instants_across_time_zones() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS))
    # 17:30 in Chicago is 18:30 in New York: still paused at 18:00 New York time.
    pauses = [CoachingPause("dr-lee", datetime(2026, 6, 1, 17, 30, tzinfo=CHICAGO))]
    assert plan_route(["dr-lee"], schedules, pauses, CRISIS, NOW).clinicians == ()


def test_pause_never_blocks_a_duty_clinician() -> None:
    schedules = roster(schedule("dr-lee", EVENING_DUTY), schedule("dr-patel", EVENINGS))
    pauses = [CoachingPause("dr-lee", NOW + timedelta(hours=24))]
    plan = plan_route(["dr-lee", "dr-patel"], schedules, pauses, CRISIS, NOW)
    assert plan.clinicians == ("dr-patel", "dr-lee")
    assert plan.crisis_line == CRISIS


def test_pause_of_another_clinician_changes_nothing() -> None:
    schedules = roster(schedule("dr-lee", EVENINGS))
    pauses = [CoachingPause("dr-patel", NOW + timedelta(hours=24))]
    assert plan_route(["dr-lee"], schedules, pauses, CRISIS, NOW).clinicians == ("dr-lee",)


def test_clinician_window_is_read_in_their_own_time_zone() -> None:
    # 18:00 in New York is 17:00 in Chicago: dr-lee's Chicago evening has just begun,
    # dr-ng's 18:00-23:00 Chicago evening has not.
    schedules = roster(
        schedule("dr-lee", EVENINGS, tz=CHICAGO),
        schedule("dr-ng", WeeklyWindow(EVERY_DAY, time(18), time(23)), tz=CHICAGO),
    )
    assert plan_route(["dr-ng", "dr-lee"], schedules, [], CRISIS, NOW).clinicians == ("dr-lee",)


def test_one_off_duty_window_puts_a_clinician_on_duty() -> None:
    holiday = OneOffWindow(datetime(2026, 12, 24, 18), datetime(2026, 12, 26, 8), duty=True)
    schedules = roster(schedule("dr-kim", holiday))
    christmas = datetime(2026, 12, 25, 3, 0, tzinfo=NY)
    assert plan_route([], schedules, [], CRISIS, christmas).clinicians == ("dr-kim",)


def test_plan_is_stamped_with_the_instant_asked() -> None:
    assert plan_route([], {}, [], CRISIS, NOW).at == NOW


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        plan_route([], {}, [], CRISIS, datetime(2026, 6, 1, 18, 0))
