"""Staff come and go safely (SPEC §5): the file is the whole practice; office hours and
holidays live under `practice`."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from sqlalchemy import select

from policies.followup import follow_up_due
from router.core.db import session_scope
from router.roster.parse import RosterError, parse_roster
from router.store.models import Clinician, FollowUp, Practice
from router.store.repositories import directory, tokens
from router.store.repositories import roster as roster_repo
from router.store.repositories.roster import export_roster
from tests.clinic import (
    CRISIS_LINE,
    DATA,
    KIM,
    PRACTICE_NUMBER,
    SATURDAY_10AM,
    STRANGER,
    WEDNESDAY_9PM,
)
from tests.contact_log import contact_for
from tests.roster_files import load, route, without_clinician

RIVERSIDE = (DATA / "riverside.yaml").read_text()
NEW_YORK = ZoneInfo("America/New_York")


def test_a_duty_clinician_left_out_of_the_file_rings_for_nobody(roster: None) -> None:
    assert route("pt-sam", SATURDAY_10AM) == ["dr-kim"]
    summary = load(without_clinician(RIVERSIDE, "dr-kim"))
    assert summary.deactivated == ("clinician dr-kim",)
    assert route("pt-sam", SATURDAY_10AM) == []


def test_a_clinician_left_out_of_the_file_no_longer_rings_for_her_patients(roster: None) -> None:
    assert route("pt-sam", WEDNESDAY_9PM) == ["dr-lee", "dr-patel"]
    document = yaml.safe_load(RIVERSIDE)
    document["clinicians"] = [c for c in document["clinicians"] if c["id"] != "dr-lee"]
    # The file still names her on Sam's team and gives her a window: she is gone all the same.
    load(yaml.safe_dump(document, sort_keys=False))
    assert route("pt-sam", WEDNESDAY_9PM) == ["dr-patel"]


def test_a_deactivated_clinicians_tokens_are_revoked_and_hooks_told(roster: None) -> None:
    told: list[str] = []
    roster_repo.DEACTIVATION_HOOKS.append(lambda session, clinician_id: told.append(clinician_id))
    try:
        with session_scope() as session:
            secret = tokens.issue(session, "dr-chen")
        load(without_clinician(RIVERSIDE, "dr-chen"))
    finally:
        roster_repo.DEACTIVATION_HOOKS.clear()
    assert told == ["dr-chen"]
    with session_scope() as session:
        assert tokens.user_for(session, secret) is None
        chen = session.get(Clinician, "dr-chen")
        assert chen is not None
        assert not chen.active


def test_a_clinician_back_in_the_file_is_active_again(roster: None) -> None:
    load(without_clinician(RIVERSIDE, "dr-kim"))
    summary = load(RIVERSIDE)
    assert "clinician dr-kim" in summary.added
    assert route("pt-sam", SATURDAY_10AM) == ["dr-kim"]


def test_a_patient_left_out_of_the_file_calls_as_an_unknown_caller(roster: None) -> None:
    document = yaml.safe_load(RIVERSIDE)
    document["patients"] = [p for p in document["patients"] if p["id"] != "pt-jo"]
    summary = load(yaml.safe_dump(document, sort_keys=False))
    assert summary.deactivated == ("patient pt-jo",)
    with session_scope() as session:
        assert directory.patient_by_phone(session, "riverside", "+16175550197") is None


def test_the_load_says_what_it_added_changed_and_deactivated(roster: None) -> None:
    document = yaml.safe_load(without_clinician(RIVERSIDE, "dr-chen"))
    document["clinicians"][0]["name"] = "Dana Lee-Hart"
    document["clinicians"].append(
        {"id": "dr-new", "name": "Noa New", "phone": "617-555-0107", "role": "clinician"}
    )
    summary = load(yaml.safe_dump(document, sort_keys=False))
    assert summary.added == ("clinician dr-new",)
    assert "clinician dr-lee" in summary.changed
    assert "patient pt-ana" in summary.changed  # lost dr-chen from her team
    assert summary.deactivated == ("clinician dr-chen",)
    assert summary.lines()[1:] == [
        "added: clinician dr-new",
        "changed: clinician dr-lee, patient pt-ana",
        "deactivated: clinician dr-chen",
    ]


OFFICE = """  office_hours:
    - {days: [mon, tue, wed, thu, fri], start: "09:00", end: "17:00"}
  holidays: ["2026-12-25", "2027-01-01"]
"""


def with_office(text: str, block: str = OFFICE) -> str:
    return text.replace("  policy:\n", block + "  policy:\n", 1)


def test_office_hours_and_holidays_are_stored_and_exported(roster: None) -> None:
    load(with_office(RIVERSIDE))
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        assert practice.office_hours == [
            {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00"}
        ]
        assert practice.holidays == ["2026-12-25", "2027-01-01"]
        exported = export_roster(session, "riverside")
    assert exported["practice"]["office_hours"] == practice.office_hours  # type: ignore[index]
    again = load(yaml.safe_dump(exported, sort_keys=False))
    assert again.changed == ()


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        (
            '  office_hours:\n    - {days: [mon], start: "09:00", end: "09:00"}\n',
            r"office_hours\[0\]: end '09:00' equals start",
        ),
        (
            '  office_hours:\n    - {days: [funday], start: "09:00", end: "17:00"}\n',
            r"office_hours\[0\]: days 'funday' is not one of",
        ),
        ('  holidays: ["2026-13-01"]\n', r"holidays '2026-13-01' is not a date"),
    ],
)
def test_bad_office_hours_or_holidays_are_refused_naming_line_and_value(
    database_url: str, block: str, problem: str
) -> None:
    with pytest.raises(RosterError, match=r"line \d+, practice[,:] .*" + problem):
        parse_roster(with_office(RIVERSIDE, block))


def test_follow_ups_skip_holidays_like_weekends() -> None:
    # Wednesday 2026-12-23 evening: Thursday 24th is fine, unless it and Friday are holidays.
    evening = datetime(2026, 12, 24, 2, 0, tzinfo=UTC)
    assert follow_up_due(evening, NEW_YORK).date() == date(2026, 12, 24)
    holidays = {date(2026, 12, 24), date(2026, 12, 25)}
    due = follow_up_due(evening, NEW_YORK, 8, holidays)
    assert due == datetime(2026, 12, 28, 13, 0, tzinfo=UTC)  # Monday 08:00


def test_an_unknown_callers_follow_up_goes_to_the_duty_clinician(sim, roster, clock) -> None:
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    sid = sim.call(STRANGER, PRACTICE_NUMBER).call_sid
    assert contact_for(sid)["follow_up"]["assignee"] == "dr-kim"


def test_an_unknown_callers_follow_up_goes_to_a_supervisor_when_nobody_is_on_duty(
    sim, roster, clock
) -> None:
    sim.phone(CRISIS_LINE).answers_and_presses()
    sid = sim.call(STRANGER, PRACTICE_NUMBER).call_sid
    assert contact_for(sid)["follow_up"]["assignee"] == "sup-ortiz"


def test_a_leaving_clinicians_open_follow_ups_go_to_the_team_or_a_supervisor(
    sim, roster, clock
) -> None:
    sim.phone(CRISIS_LINE).answers_and_presses()
    sim.phone("+16175550105").no_answer()
    ana = sim.call("+16175550198", PRACTICE_NUMBER).call_sid  # Ana: Dr Chen's patient
    assert contact_for(ana)["follow_up"]["assignee"] == "dr-chen"
    load(without_clinician(RIVERSIDE, "dr-chen"))
    # Ana has nobody else on her team: a supervisor follows up.
    assert contact_for(ana)["follow_up"]["assignee"] == "sup-ortiz"
    with session_scope() as session:
        held = session.scalars(select(FollowUp).where(FollowUp.assignee == "dr-chen")).all()
    assert held == []
