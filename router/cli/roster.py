"""`afterhours roster load` and `roster export` (SPEC §4, §5)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml

from router.cli.verbs import choose_practice
from router.core.errors import AfterhoursError

roster_app = typer.Typer(help="Clinicians, patients, care teams and windows.", no_args_is_help=True)


@roster_app.command("load")
def roster_load(
    file: Annotated[Path, typer.Argument(help="A roster YAML file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
) -> None:
    """Upsert a roster file: validated whole before anything is written, and only what
    differs from the database is written."""
    import router.oncall.coverage  # noqa: F401  (registers the gap check a load runs)
    from router.core.db import session_scope
    from router.roster.parse import RosterError, parse_roster
    from router.roster.yaml_lines import no_cycle_collection
    from router.store.repositories.roster import apply_roster, known_clinicians, plan_roster

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise AfterhoursError(f"cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise AfterhoursError(f"{file} is not UTF-8 text") from None
    # A large file's hundreds of thousands of rows and values would set off the cyclic
    # garbage collector again and again (see no_cycle_collection): it waits for the end.
    with _LoadProgress() as progress, no_cycle_collection():
        try:
            with session_scope() as session:
                progress.step("validating")
                roster = parse_roster(
                    text,
                    known_clinicians=lambda practice_id: known_clinicians(session, practice_id),
                )
                progress.step("comparing with the database")
                if dry_run:
                    summary = plan_roster(session, roster).summary
                    session.rollback()
                else:
                    summary = apply_roster(session, roster, progress=progress.rows)
                progress.step("committing")
        except RosterError as exc:
            raise RosterError([f"{file}: {exc.problems[0]}", *exc.problems[1:]]) from None
    for line in summary.lines():
        typer.echo(line)


class _LoadProgress:
    """A progress display for `roster load` on a terminal (stderr); nothing otherwise, so
    scripts, logs and tests see only the report."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.task: Any = None
        if sys.stdout.isatty() and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )

    def __enter__(self) -> _LoadProgress:
        if self.bar is not None:
            self.bar.start()
            self.task = self.bar.add_task("reading", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def step(self, description: str) -> None:
        if self.bar is not None:
            self.bar.reset(self.task, description=description, total=None)

    def rows(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description="writing rows", total=total, completed=done)


@roster_app.command("export")
def roster_export(
    practice: Annotated[str | None, typer.Option(help="Practice id (if several).")] = None,
) -> None:
    """Print the roster as a file that loads back to the same state."""
    from router.core.db import session_scope
    from router.store.repositories.roster import export_roster, practice_ids

    with session_scope() as session:
        practice = choose_practice(practice_ids(session), practice)
        document = export_roster(session, practice)
    typer.echo(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), nl=False)
