"""The `afterhours` command (SPEC §4), driven through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, inspect, select, update

from router.core.db import get_engine, reset_caches, session_scope
from router.store.models import AuditEntry, AuditHead, Clinician
from router.store.repositories import tokens
from tests.cli_runner import assert_refused_in_one_line, run
from tests.clinic import CRISIS_LINE, DATA
from tests.roster_files import CHANGED, RIVERSIDE, edit, line_of, roster_state, table_rows

RIVERSIDE_FILE = DATA / "riverside.yaml"


def audit_ids() -> list[int]:
    with session_scope() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


# roster load


def test_roster_load_reports_what_it_loaded(database_url: str) -> None:
    result = run("roster", "load", str(RIVERSIDE_FILE))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "loaded riverside: 5 clinicians, 3 patients, 4 windows",
        "added: clinician dr-chen, clinician dr-kim, clinician dr-lee, clinician dr-patel, "
        "clinician sup-ortiz, patient pt-ana, patient pt-jo, patient pt-sam",
        "changed: none",
        "deactivated: none",
    ]
    with session_scope() as session:
        lee = session.get(Clinician, "dr-lee")
        assert lee is not None
        assert lee.phone == "+16175550101"


def test_roster_load_twice_leaves_the_same_roster(database_url: str) -> None:
    assert run("roster", "load", str(RIVERSIDE_FILE)).exit_code == 0
    before = roster_state()
    assert run("roster", "load", str(RIVERSIDE_FILE)).exit_code == 0
    assert roster_state() == before


def test_roster_load_of_a_bad_file_names_the_problem_in_one_line(
    roster: None, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    text = edit(
        RIVERSIDE,
        ("name: Dana Lee\n", "name: Dana Lee-Hart\n"),
        ('end: "23:00"', 'end: "25:00"'),
    )
    bad.write_text(text)
    before = table_rows()
    line = assert_refused_in_one_line(run("roster", "load", str(bad)))
    assert str(bad) in line
    assert f"line {line_of(text, '- clinician: dr-lee')}, windows[0] (dr-lee)" in line
    assert "end '25:00'" in line
    assert table_rows() == before


def test_roster_load_of_invalid_yaml_names_the_line(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("practice:\n  id: riverside\n name: [\n")
    line = assert_refused_in_one_line(run("roster", "load", str(bad)))
    assert "line 3" in line


def test_roster_load_of_a_missing_file_says_so_in_one_line(
    database_url: str, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.yaml"
    line = assert_refused_in_one_line(run("roster", "load", str(missing)))
    assert f"cannot read {missing}" in line


def test_roster_load_of_a_number_another_practice_owns_is_refused(
    roster: None, tmp_path: Path
) -> None:
    harbor = tmp_path / "harbor.yaml"
    harbor.write_text(
        edit(
            (DATA / "roster_harbor.yaml").read_text(),
            ('numbers: ["+16175550120"]', 'numbers: ["+16175550100"]'),
        )
    )
    before = table_rows()
    line = assert_refused_in_one_line(run("roster", "load", str(harbor)))
    assert "+16175550100 already belongs to riverside" in line
    assert table_rows() == before


def test_roster_load_accepts_windows_for_clinicians_loaded_earlier(
    roster: None, tmp_path: Path
) -> None:
    # roster_changed.yaml leaves dr-chen out but keeps pt-ana on dr-chen's care team.
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        CHANGED + '  - clinician: dr-chen\n    days: [sun]\n    start: "10:00"\n    end: "12:00"\n'
    )
    result = run("roster", "load", str(changed))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "loaded riverside: 4 clinicians, 3 patients, 5 windows",
        "added: patient pt-lou",
        "changed: clinician dr-lee, patient pt-ana, patient pt-sam",
        "deactivated: clinician dr-chen, patient pt-jo",
    ]


# roster export


def test_roster_export_loads_back_to_the_same_export(roster: None, tmp_path: Path) -> None:
    first = run("roster", "export")
    assert first.exit_code == 0, first.output
    exported = tmp_path / "export.yaml"
    exported.write_text(first.stdout)
    before = roster_state()
    assert run("roster", "load", str(exported)).exit_code == 0
    assert roster_state() == before
    assert run("roster", "export").stdout == first.stdout


def test_roster_export_loads_into_a_fresh_database_to_the_same_export(
    roster: None, tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run("roster", "export").stdout
    exported = tmp_path / "export.yaml"
    exported.write_text(first)
    fresh = tmp_path / "fresh.db"
    fresh.write_bytes(sqlite_template.read_bytes())
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{fresh}")
    reset_caches()
    assert run("roster", "load", str(exported)).exit_code == 0
    assert run("roster", "export").stdout == first


def test_roster_export_of_an_empty_database_says_so(database_url: str) -> None:
    line = assert_refused_in_one_line(run("roster", "export"))
    assert "no practice has been loaded" in line


def test_roster_export_asks_which_practice_when_there_are_several(roster: None) -> None:
    assert run("roster", "load", str(DATA / "roster_harbor.yaml")).exit_code == 0
    line = assert_refused_in_one_line(run("roster", "export"))
    assert "harbor, riverside" in line
    harbor = run("roster", "export", "--practice", "harbor")
    assert harbor.exit_code == 0
    assert "id: harbor" in harbor.stdout
    assert "riverside" not in harbor.stdout


# who


def test_who_json_prints_the_route_document(roster: None) -> None:
    result = run("who", "pt-sam", "--at", "2026-11-25T21:00:00-05:00", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "patient": "pt-sam",
        "at": "2026-11-25T21:00:00-05:00",
        "route": ["dr-lee", "dr-patel"],
        "crisis_line": CRISIS_LINE,
    }
    assert len(result.stdout.splitlines()) == 1


def test_who_on_saturday_morning_routes_to_the_duty_clinician(roster: None) -> None:
    result = run("who", "pt-sam", "--at", "2026-11-28T10:00:00-05:00")
    assert result.exit_code == 0, result.output
    route = result.stdout.split("why:")[0]  # below it, who says why the others are not
    assert "dr-kim (Min Kim)" in route
    assert "dr-lee" not in route
    assert "dr-patel" not in route
    as_json = json.loads(run("who", "pt-sam", "--at", "2026-11-28T10:00:00-05:00", "--json").stdout)
    assert as_json["route"] == ["dr-kim"]


def test_who_lists_the_crisis_line_after_the_clinicians(roster: None) -> None:
    result = run("who", "pt-sam", "--at", "2026-11-25T21:00:00-05:00")
    assert result.stdout.splitlines()[1:4] == [
        "  1. dr-lee (Dana Lee)",
        "  2. dr-patel (Ravi Patel)",
        f"  3. crisis line {CRISIS_LINE}",
    ]


def test_who_an_unknown_patient_exits_with_one_line(roster: None) -> None:
    line = assert_refused_in_one_line(run("who", "pt-nobody", "--at", "2026-11-25T21:00:00Z"))
    assert "'pt-nobody'" in line


@pytest.mark.parametrize("at", ["tomorrow", "2026-13-01T10:00", "2026-11-25 25:00"])
def test_who_a_malformed_time_exits_with_one_line(roster: None, at: str) -> None:
    line = assert_refused_in_one_line(run("who", "pt-sam", "--at", at))
    assert f"--at {at!r}" in line


# token


def test_token_prints_a_token_alone_on_the_last_line_that_authenticates(roster: None) -> None:
    result = run("token", "dr-lee")
    assert result.exit_code == 0, result.output
    secret = result.stdout.splitlines()[-1]
    assert secret == secret.strip()
    assert " " not in secret
    assert len(secret) >= 32
    with session_scope() as session:
        user = tokens.user_for(session, secret)
        assert user is not None
        assert user.id == "dr-lee"
        assert tokens.user_for(session, secret + "x") is None


def test_token_for_each_call_is_new(roster: None) -> None:
    first = run("token", "sup-ortiz").stdout.splitlines()[-1]
    second = run("token", "sup-ortiz").stdout.splitlines()[-1]
    assert first != second
    with session_scope() as session:
        assert (tokens.user_for(session, first) or Clinician()).id == "sup-ortiz"
        assert (tokens.user_for(session, second) or Clinician()).id == "sup-ortiz"


def test_token_for_an_unknown_user_exits_with_one_line(roster: None) -> None:
    line = assert_refused_in_one_line(run("token", "dr-nobody"))
    assert "'dr-nobody'" in line


# audit verify


def test_audit_verify_passes_after_roster_loads(roster: None) -> None:
    assert run("roster", "load", str(DATA / "roster_changed.yaml")).exit_code == 0
    assert run("token", "dr-lee").exit_code == 0
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    # The loads, the token and the coverage gaps the changed roster opened (told at once).
    assert result.stdout == f"audit log intact: {len(audit_ids())} entries\n"


def test_audit_verify_fails_when_an_entry_is_altered(roster: None) -> None:
    assert run("roster", "load", str(DATA / "roster_changed.yaml")).exit_code == 0
    first = audit_ids()[0]
    with session_scope() as session:
        session.execute(
            update(AuditEntry.__table__)
            .where(AuditEntry.__table__.c.id == first)
            .values(detail={"clinicians": [], "patients": [], "windows": 0})
        )
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert result.stderr == (
        f"audit log BROKEN at entry {first}: its content does not match its hash\n"
    )


def test_audit_verify_fails_when_an_entry_is_deleted(roster: None) -> None:
    assert run("roster", "load", str(DATA / "roster_changed.yaml")).exit_code == 0
    assert run("token", "dr-lee").exit_code == 0
    _first, middle, after, *_rest = audit_ids()
    with session_scope() as session:
        session.execute(delete(AuditEntry.__table__).where(AuditEntry.__table__.c.id == middle))
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert f"BROKEN at entry {after}" in result.stderr
    assert "previous-hash" in result.stderr


def test_audit_verify_fails_when_the_newest_entry_is_deleted(roster: None) -> None:
    assert run("roster", "load", str(DATA / "roster_changed.yaml")).exit_code == 0
    written = audit_ids()  # the loads and the gaps the changed roster opened
    with session_scope() as session:
        session.execute(
            delete(AuditEntry.__table__).where(AuditEntry.__table__.c.id == written[-1])
        )
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert f"{len(written)} entries were written but {len(written) - 1} remain" in result.stderr


# db upgrade


def test_db_upgrade_migrates_a_fresh_sqlite_file(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = tmp_path / "fresh.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{fresh}")
    reset_caches()
    result = run("db", "upgrade")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "database is up to date"
    assert run("db", "upgrade").exit_code == 0  # a second upgrade is a no-op
    assert {"practices", "oncall_windows", "audit_log"} <= set(
        inspect(get_engine()).get_table_names()
    )
    with session_scope() as session:
        head = session.get(AuditHead, 1)
        assert head is not None
        assert head.count == 0
    assert run("roster", "load", str(RIVERSIDE_FILE)).exit_code == 0
    assert run("audit", "verify").stdout == "audit log intact: 1 entries\n"


# one place turns a user mistake into one line


def test_roster_export_of_an_unknown_practice_exits_with_one_line(roster: None) -> None:
    line = assert_refused_in_one_line(run("roster", "export", "--practice", "nowhere"))
    assert line == "afterhours: no practice with id 'nowhere'"


def test_who_names_a_malformed_time_as_the_api_does(roster: None) -> None:
    line = assert_refused_in_one_line(run("who", "pt-sam", "--at", "tomorrow"))
    assert line == (
        "afterhours: --at 'tomorrow' is not an ISO 8601 time like 2026-11-25T02:00:00-05:00"
    )
