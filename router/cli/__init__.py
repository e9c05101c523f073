"""The `afterhours` command (SPEC §4), built here from one module a concern: `ops` (serve,
worker, demo, db, audit), `roster` (load, export), `oncall` (who, coverage) and `staff`
(token, user, tokens). `verbs.Verbs` turns a user mistake into one line on stderr and exit 1.

The verbs import what they need inside their functions, so that `afterhours --help` stays
fast (the one place the architecture test allows function-level imports)."""

from __future__ import annotations

import typer

from router.cli.oncall import coverage, who
from router.cli.ops import audit_app, db_app, demo, serve, worker
from router.cli.roster import roster_app
from router.cli.staff import token, tokens_app, user_app
from router.cli.verbs import Verbs

app = typer.Typer(
    cls=Verbs,
    help="afterhours: after-hours phone and SMS router for mental-health care teams.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Registered in the order `afterhours --help` lists them.
for command in (serve, who, coverage, token, worker, demo):
    app.command()(command)
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(audit_app, name="audit")
app.add_typer(user_app, name="user")
app.add_typer(tokens_app, name="tokens")

__all__ = ["app"]
