"""Loading a roster file (SPEC §5): validated whole, an idempotent upsert by id, and an
export that loads back to the same state."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from router.core.db import reset_caches, session_scope
from router.roster.parse import RosterError
from router.store.models import (
    Clinician,
    OnCallWindow,
    Patient,
    Practice,
)
from router.store.repositories import directory
from router.store.repositories.roster import (
    LoadSummary,
    export_roster,
)
from tests.clinic import (
    ANA,
    CHEN,
    CRISIS_LINE,
    JO,
    KIM,
    LEE,
    ORTIZ,
    PATEL,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    WEDNESDAY_9PM,
)
from tests.roster_files import (  # noqa: F401
    CHANGED,
    HARBOR,
    RIVERSIDE,
    ROSTER_TABLES,
    _surrogate,
    add_self_window,
    edit,
    line_of,
    load_text,
    patient_phones,
    roster_state,
    route_at,
    table_rows,
    windows_of,
)


def test_a_valid_roster_stores_every_number_in_e164(roster: None) -> None:
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        assert practice.crisis_line == CRISIS_LINE
        assert practice.policy == {"ring_timeout_s": 20}
        assert directory.practice_numbers(session, "riverside") == [PRACTICE_NUMBER]
        phones = dict(session.execute(select(Clinician.id, Clinician.phone)).all())
    # "(617) 555-0101", "617-555-0102", "+1 617 555 0103", "6175550104", "617.555.0105"
    assert phones == {
        "dr-lee": LEE,
        "dr-patel": PATEL,
        "dr-kim": KIM,
        "sup-ortiz": ORTIZ,
        "dr-chen": CHEN,
    }
    assert patient_phones("pt-sam") == [SAM]
    assert patient_phones("pt-ana") == [ANA]
    assert patient_phones("pt-jo") == [JO]


def test_a_valid_roster_stores_roles_zones_languages_and_care_teams(roster: None) -> None:
    with session_scope() as session:
        ortiz = session.get(Clinician, "sup-ortiz")
        chen = session.get(Clinician, "dr-chen")
        lee = session.get(Clinician, "dr-lee")
        ana = session.get(Patient, "pt-ana")
        jo = session.get(Patient, "pt-jo")
        assert ortiz is not None
        assert chen is not None
        assert lee is not None
        assert ana is not None
        assert jo is not None
        assert ortiz.role == "supervisor"
        assert chen.timezone == "America/Chicago"
        assert lee.timezone is None  # the practice's zone
        assert (ana.language, jo.language) == ("es", "en")
        assert directory.care_team(session, "pt-sam") == ["dr-lee", "dr-patel"]
    assert windows_of("dr-kim") == [
        ("roster", "weekly", 0b1100000, "08:00", "20:00", None, None, True)
    ]
    assert route_at("pt-sam", WEDNESDAY_9PM) == ["dr-lee", "dr-patel"]
    assert route_at("pt-sam", SATURDAY_10AM) == ["dr-kim"]


def test_loading_the_same_roster_twice_changes_no_rows(database_url: str) -> None:
    first = load_text(RIVERSIDE)
    before = roster_state()
    second = load_text(RIVERSIDE)
    assert second == first == LoadSummary("riverside", 5, 3, 4)
    assert roster_state() == before
    assert len(before["oncall_windows"]) == 4


def test_a_second_roster_replaces_the_roster_windows_of_the_clinicians_it_names(
    roster: None,
) -> None:
    load_text(CHANGED)
    assert windows_of("dr-lee") == [
        ("roster", "weekly", 0b0000101, "16:00", "24:00", None, None, False),
        ("roster", "oneoff", 0, None, None, "2026-12-24T18:00", "2026-12-26T08:00", False),
    ]
    assert windows_of("dr-patel") == [
        ("roster", "weekly", 0b0100000, "22:00", "08:00", None, None, False)
    ]
    assert windows_of("dr-kim") == [
        ("roster", "weekly", 0b1100000, "08:00", "20:00", None, None, True)
    ]


def test_a_second_roster_leaves_windows_that_clinicians_set_themselves(roster: None) -> None:
    add_self_window("dr-lee")
    add_self_window("dr-patel")
    self_window = ("self", "weekly", 0b0010000, "06:00", "09:00", None, None, False)
    load_text(CHANGED)
    load_text(CHANGED)
    assert windows_of("dr-lee").count(self_window) == 1
    assert windows_of("dr-patel") == [
        self_window,
        ("roster", "weekly", 0b0100000, "22:00", "08:00", None, None, False),
    ]


def test_a_second_roster_deactivates_the_clinicians_and_patients_it_leaves_out(
    roster: None,
) -> None:
    summary = load_text(CHANGED)
    assert summary.deactivated == ("clinician dr-chen", "patient pt-jo")
    assert windows_of("dr-chen") == []
    with session_scope() as session:
        chen = session.get(Clinician, "dr-chen")
        jo = session.get(Patient, "pt-jo")
        # Kept for history, never routed to.
        assert chen is not None
        assert not chen.active
        assert jo is not None
        assert not jo.active
        assert directory.care_team(session, "pt-ana") == []


def test_clinicians_and_patients_are_updated_in_place_by_id(roster: None) -> None:
    summary = load_text(CHANGED)
    assert summary == LoadSummary("riverside", 4, 3, 4)
    with session_scope() as session:
        lee = session.get(Clinician, "dr-lee")
        sam = session.get(Patient, "pt-sam")
        practice = session.get(Practice, "riverside")
        assert lee is not None
        assert sam is not None
        assert practice is not None
        assert (lee.name, lee.phone, lee.role) == ("Dana Lee-Hart", "+16175550106", "supervisor")
        assert (sam.name, sam.language) == ("Samuel Rivera", "es")
        assert directory.care_team(session, "pt-sam") == ["dr-patel", "dr-lee"]
        assert directory.practice_numbers(session, "riverside") == [
            PRACTICE_NUMBER,
            "+16175550110",
        ]
        assert practice.policy == {"ring_timeout_s": 25, "sms_ack_timeout_s": 300}
        clinicians = sorted(session.scalars(select(Clinician.id)))
        patients = sorted(session.scalars(select(Patient.id)))
    assert clinicians == ["dr-chen", "dr-kim", "dr-lee", "dr-patel", "sup-ortiz"]
    assert patients == ["pt-ana", "pt-jo", "pt-lou", "pt-sam"]
    assert patient_phones("pt-sam") == [SAM, "+16175550196"]


def test_a_one_off_window_carries_its_utc_bounds_in_the_clinicians_zone(roster: None) -> None:
    load_text(CHANGED)
    with session_scope() as session:
        one_off = session.scalars(
            select(OnCallWindow).where(
                OnCallWindow.clinician_id == "dr-lee", OnCallWindow.kind == "oneoff"
            )
        ).one()
    assert one_off.starts_at == datetime(2026, 12, 24, 23, 0, tzinfo=UTC)
    assert one_off.ends_at == datetime(2026, 12, 26, 13, 0, tzinfo=UTC)


def test_a_phone_number_can_move_between_patients_in_one_file(roster: None) -> None:
    swapped = edit(
        RIVERSIDE,
        ('phones: ["617-555-0199"]', 'phones: ["SWAP"]'),
        ('phones: ["617-555-0198"]', 'phones: ["617-555-0199"]'),
        ('phones: ["SWAP"]', 'phones: ["617-555-0198"]'),
    )
    load_text(swapped)
    assert patient_phones("pt-sam") == [ANA]
    assert patient_phones("pt-ana") == [SAM]


def test_a_window_whose_start_equals_its_end_is_refused(roster: None) -> None:
    before = table_rows()
    with pytest.raises(RosterError, match=r"line \d+, windows\[0\] \(dr-lee\): end '17:00' equals"):
        load_text(edit(RIVERSIDE, ('end: "23:00"', 'end: "17:00"')))
    assert table_rows() == before


def test_a_second_practice_loads_beside_the_first(roster: None) -> None:
    assert load_text(HARBOR, "harbor") == LoadSummary("harbor", 1, 1, 1)
    with session_scope() as session:
        assert directory.practice_by_number(session, "+16175550120") is not None
        wu = session.get(Clinician, "dr-wu")
        assert wu is not None
        assert wu.practice_id == "harbor"
    assert windows_of("dr-wu")[0][3:5] == ("17:00", "23:00")


# Export


def export_text() -> str:
    with session_scope() as session:
        document = export_roster(session, "riverside")
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True)


def test_an_export_loads_back_to_the_same_state(roster: None) -> None:
    load_text(CHANGED)
    add_self_window("dr-lee")
    state = roster_state()
    exported = export_text()
    load_text(exported)
    assert roster_state() == state
    assert export_text() == exported


def test_an_export_loads_into_an_empty_database_to_the_same_export(
    roster: None, sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_text(CHANGED)
    add_self_window("dr-lee")
    exported = export_text()
    empty = tmp_path / "empty.db"
    shutil.copy(sqlite_template, empty)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    reset_caches()
    load_text(exported)
    assert export_text() == exported
    assert windows_of("dr-lee")[-1][0] == "roster"  # self windows stay where they were set
