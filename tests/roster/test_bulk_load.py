"""Rosters of any size (issue 9): only the difference is written, an unchanged file writes
nothing and says so, `--dry-run` says what would change, and every problem is listed."""

from __future__ import annotations

import yaml
from sqlalchemy import event, func, select
from typer.testing import CliRunner

from router.cli import app
from router.core.db import get_engine, session_scope
from router.store.models import AuditEntry, OnCallWindow
from tests.clinic import DATA
from tests.roster_files import CHANGED, RIVERSIDE, load_text, table_rows

RIVERSIDE_FILE = DATA / "riverside.yaml"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def audit_count() -> int:
    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


class Writes:
    """Counts the INSERT, UPDATE and DELETE statements the engine runs."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __enter__(self) -> Writes:
        event.listen(get_engine(), "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(get_engine(), "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.statements.append(statement)


def test_an_unchanged_reload_writes_nothing_and_says_so(roster: None) -> None:
    before, audits = table_rows(), audit_count()
    with Writes() as writes:
        result = run("roster", "load", str(RIVERSIDE_FILE))
    assert result.exit_code == 0, result.output
    assert writes.statements == []
    assert table_rows() == before
    assert audit_count() == audits
    assert result.stdout.splitlines()[-1] == (
        "unchanged: the database already matches the file; nothing was written"
    )
    summary = load_text(RIVERSIDE)
    assert summary.unchanged
    assert summary.rows == 0


def test_a_changed_file_writes_only_the_difference(roster: None) -> None:
    text = RIVERSIDE.replace("name: Dana Lee\n", "name: Dana Lee-Hart\n", 1)
    with Writes() as writes:
        summary = load_text(text)
    assert summary.changed == ("clinician dr-lee",)
    assert summary.windows_added == summary.windows_removed == 0
    tables = [s.split()[2].strip('"') for s in writes.statements if s.startswith("INSERT")]
    # The clinician's upsert and the audit entry; no window, patient or phone is rewritten.
    assert "oncall_windows" not in tables
    assert "patients" not in tables
    assert "clinicians" in tables


def test_dry_run_says_what_would_change_and_writes_nothing(roster: None) -> None:
    before, audits = table_rows(), audit_count()
    changed_file = DATA / "roster_changed.yaml"
    with Writes() as writes:
        result = run("roster", "load", "--dry-run", str(changed_file))
    assert result.exit_code == 0, result.output
    assert writes.statements == []
    assert table_rows() == before
    assert audit_count() == audits
    lines = result.stdout.splitlines()
    assert lines[0].startswith("dry run of riverside: ")
    assert lines[0].endswith("nothing was written")
    assert lines[1] == "would add: patient pt-lou"
    assert lines[2].startswith("would change: ")
    assert "clinician dr-lee" in lines[2]
    assert lines[3] == "would deactivate: clinician dr-chen, patient pt-jo"
    assert lines[4].startswith("would write windows: ")
    # What the dry run announced is what the load then does.
    done = load_text(CHANGED)
    assert done.added == ("patient pt-lou",)
    assert done.deactivated == ("clinician dr-chen", "patient pt-jo")
    assert lines[4] == (
        f"would write windows: {done.windows_added} added, {done.windows_removed} removed"
    )


def test_a_bad_file_lists_every_problem_on_its_own_line_and_changes_nothing(
    roster: None, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    document = yaml.safe_load(RIVERSIDE)
    for window in document["windows"]:
        if "end" in window:
            window["end"] = "25:00"
    for patient in document["patients"]:
        patient["language"] = "xx"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(document, sort_keys=False))
    expected = sum(1 for w in document["windows"] if "end" in w) + len(document["patients"])
    before = table_rows()
    result = run("roster", "load", str(bad))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == expected, result.stderr
    assert lines[0].startswith(f"afterhours: {bad}: line ")
    assert lines[0].endswith(f"(and {expected - 1} more)")
    assert all(line.startswith("  line ") for line in lines[1:])
    assert sum("end '25:00'" in line for line in lines) == expected - len(document["patients"])
    assert sum("language 'xx'" in line for line in lines) == len(document["patients"])
    assert table_rows() == before


def test_a_large_roster_loads_and_reloads_without_writing(database_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from bench.roster import generate

    roster = generate(
        practice_id="big",
        clinicians=40,
        patients=400,
        windows_per_clinician=25,
        number_offset=2_000,
        today=datetime(2026, 12, 1, tzinfo=UTC),
    )
    path = tmp_path / "big.yaml"
    roster.write_yaml(str(path))
    first = run("roster", "load", str(path))
    assert first.exit_code == 0, first.output
    with session_scope() as session:
        count = session.scalar(select(func.count()).select_from(OnCallWindow))
    assert count == len(roster.windows) == 1_000
    before = table_rows()
    with Writes() as writes:
        again = run("roster", "load", str(path))
    assert again.exit_code == 0, again.output
    assert writes.statements == []
    assert table_rows() == before
    # One window moved: one row goes, one comes, nothing else is written.
    document = roster.as_document()
    moved = next(w for w in document["windows"] if "from" in w)
    moved["to"] = moved["to"].rsplit(":", 1)[0] + ":30"
    path.write_text(yaml.safe_dump(document, sort_keys=False, width=200))
    third = run("roster", "load", "--dry-run", str(path))
    assert "would write windows: 1 added, 1 removed" in third.stdout
    assert "would write 2 rows" in third.stdout
