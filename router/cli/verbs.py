"""User mistakes get one line on stderr and exit 1: a verb raises an AfterhoursError and
`Verbs.invoke` alone turns it into that line (a roster with several problems adds one line
for each of the others)."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from router.core.errors import AfterhoursError, NotFound


class Verbs(TyperGroup):
    """The one place a user mistake becomes `afterhours: <what>` on stderr and exit 1, and an
    unmigrated database gets one line saying what to run, not a traceback."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        from sqlalchemy.exc import OperationalError, ProgrammingError

        try:
            return super().invoke(ctx)
        except AfterhoursError as exc:
            typer.echo(f"afterhours: {exc}", err=True)
            # A roster with several problems: the first line says the first and how many
            # more; then every other one, one a line, so all can be put right at once.
            for problem in getattr(exc, "problems", [])[1:]:
                typer.echo(f"  {problem}", err=True)
            raise typer.Exit(1) from None
        except (OperationalError, ProgrammingError) as exc:
            text = str(exc.orig).lower()
            if "no such table" in text or ("relation" in text and "does not exist" in text):
                typer.echo(
                    "afterhours: the database has no afterhours tables yet: "
                    "run `afterhours db upgrade`",
                    err=True,
                )
                raise typer.Exit(1) from None
            raise


def choose_practice(ids: list[str], practice: str | None) -> str:
    """The practice a verb works on: the one given, or the only one loaded."""
    if practice is None:
        if not ids:
            raise NotFound("no practice has been loaded yet (afterhours roster load FILE)")
        if len(ids) > 1:
            raise AfterhoursError(
                f"several practices ({', '.join(ids)}): choose one with --practice"
            )
        practice = ids[0]
    if practice not in ids:
        raise NotFound(f"no practice with id {practice!r}")
    return practice
