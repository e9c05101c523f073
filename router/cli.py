"""The `afterhours` command (SPEC §4). User mistakes get one line on stderr and exit 1:
a verb raises an AfterhoursError and `_Verbs.invoke` alone turns it into that line (a roster
with several problems adds one line for each of the others)."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
import yaml
from typer.core import TyperGroup

from router.core.errors import AfterhoursError, InputError, NotFound
from router.core.settings import get_settings


class _Verbs(TyperGroup):
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


app = typer.Typer(
    cls=_Verbs,
    help="afterhours: after-hours phone and SMS router for mental-health care teams.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
roster_app = typer.Typer(help="Clinicians, patients, care teams and windows.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(roster_app, name="roster")
app.add_typer(audit_app, name="audit")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Run the web app (webhooks, API)."""
    import uvicorn

    from router.app import create_app
    from router.core.logging import configure_logging

    configure_logging()
    uvicorn.run(create_app(), host=host, port=port, proxy_headers=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply the database migrations."""
    from router.store.migrate import upgrade

    upgrade(get_settings().database_url)
    typer.echo("database is up to date")


@roster_app.command("load")
def roster_load(
    file: Annotated[Path, typer.Argument(help="A roster YAML file.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
) -> None:
    """Upsert a roster file: validated whole before anything is written, and only what
    differs from the database is written."""
    from router.core.db import session_scope
    from router.roster.parse import RosterError, parse_roster
    from router.store.repositories.roster import apply_roster, known_clinicians, plan_roster

    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise AfterhoursError(f"cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise AfterhoursError(f"{file} is not UTF-8 text") from None
    with _LoadProgress() as progress:
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
        ids = practice_ids(session)
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
        document = export_roster(session, practice)
    typer.echo(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), nl=False)


@app.command()
def who(
    patient_id: Annotated[str, typer.Argument(help="The patient's id.")],
    at: Annotated[str | None, typer.Option(help="ISO 8601 instant; default now.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The ordered route for a patient at an instant."""
    from policies.schedule import resolve_local
    from router.contacts.routes import UnknownPatient, route_document, route_for_patient
    from router.core import clock
    from router.core.db import session_scope
    from router.oncall.why import reasons_for
    from router.store.models import Clinician, Patient, Practice

    instant = clock.now()
    parsed: datetime | None = None
    if at:
        try:
            parsed = datetime.fromisoformat(at.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(
                "--at", at, "is not an ISO 8601 time like 2026-11-25T02:00:00-05:00"
            ) from None
    with session_scope() as session:
        patient = session.get(Patient, patient_id)
        practice = session.get(Practice, patient.practice_id) if patient else None
        if parsed is not None:
            # Without an offset, --at is the practice's wall-clock time (RFC 5545 rules).
            zone = ZoneInfo(practice.timezone) if practice else ZoneInfo("UTC")
            instant = parsed if parsed.tzinfo else resolve_local(parsed, zone)
            if practice is not None and parsed.tzinfo is None:
                instant = instant.astimezone(zone)
        try:
            plan = route_for_patient(session, patient_id, instant)
        except UnknownPatient as exc:
            raise NotFound(str(exc)) from None
        names = {
            cid: (session.get(Clinician, cid) or Clinician(name=cid)).name
            for cid in plan.clinicians
        }
        reasons = reasons_for(session, patient, instant) if patient and not as_json else []
    if as_json:
        typer.echo(json.dumps(route_document(patient_id, plan)))
        return
    typer.echo(f"route for {patient_id} at {plan.at.isoformat()}:")
    for position, cid in enumerate(plan.clinicians, start=1):
        typer.echo(f"  {position}. {cid} ({names[cid]})")
    typer.echo(f"  {len(plan.clinicians) + 1}. crisis line {plan.crisis_line}")
    if reasons:
        typer.echo("why:")
        for cid, name, reason in reasons:
            typer.echo(f"  {cid} ({name}): {reason}")


@app.command()
def coverage(
    days: Annotated[int, typer.Option(help="How many days ahead, from now.")] = 14,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    practice: Annotated[str | None, typer.Option(help="Practice id (if several).")] = None,
) -> None:
    """The coverage gaps of the next N days: outside office hours, who has nobody on call."""
    from datetime import timedelta

    from router.core import clock
    from router.core.db import session_scope
    from router.oncall.coverage import gap_document, gaps_for
    from router.store.models import Practice
    from router.store.repositories.roster import practice_ids

    if not 1 <= days <= 62:
        raise InputError("--days", days, "must be from 1 to 62")
    start = clock.now()
    with session_scope() as session:
        ids = practice_ids(session)
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
        row = session.get(Practice, practice)
        assert row is not None
        gaps = gaps_for(session, row, start, start + timedelta(days=days))
        zone = ZoneInfo(row.timezone)
    documents = [gap_document(gap) for gap in gaps]
    if as_json:
        typer.echo(json.dumps({"practice": practice, "gaps": documents}))
        return
    typer.echo(f"coverage of {practice} for the next {days} days: {len(gaps)} gaps")
    for gap in gaps:
        start_local, end_local = gap.start.astimezone(zone), gap.end.astimezone(zone)
        typer.echo(
            f"  {start_local:%a %Y-%m-%d %H:%M} to {end_local:%a %Y-%m-%d %H:%M}: "
            f"{', '.join(gap.patients)}"
        )
        for patient, why in gap.why:
            typer.echo(f"    {patient}: {why}")


@app.command()
def token(
    user_id: Annotated[str, typer.Argument(help="A clinician's or supervisor's id.")],
) -> None:
    """Print a new API bearer token, alone on the last line."""
    from router.core.db import session_scope
    from router.store.models import Clinician
    from router.store.repositories import audit, tokens

    with session_scope() as session:
        user = session.get(Clinician, user_id)
        if user is None:
            raise NotFound(f"no clinician or supervisor with id {user_id!r}")
        secret = tokens.issue(session, user.id)
        audit.append(session, actor="cli", action="token.issue", subject=f"user:{user.id}")
    typer.echo(f"token for {user_id} ({user.role}); it is shown once:")
    typer.echo(secret)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; exit 1 on a break."""
    from router.core.db import session_scope
    from router.store.repositories import audit

    with session_scope() as session:
        check = audit.verify(session)
    if not check.ok:
        where = f"entry {check.broken_at}" if check.broken_at and check.broken_at > 0 else "log"
        typer.echo(f"audit log BROKEN at {where}: {check.reason}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit log intact: {check.entries} entries")


@app.command()
def worker(
    burst: Annotated[bool, typer.Option(help="Drain the queue and exit.")] = False,
) -> None:
    """Run a worker: the jobs (texts, page calls, escalations) and a scheduler for delayed
    ones.

    Jobs run in the worker process (no fork per job). Run at least two workers, more with
    load (about two per core: jobs mostly wait on the database and Twilio), so that one
    waiting out a slow Twilio holds nothing up. Every worker runs a scheduler; one at a time
    holds the lock, and another takes over within seconds if it dies or Redis restarts.
    """
    from router.core.logging import configure_logging
    from workers.run import run_worker

    configure_logging()
    run_worker(burst=burst)


@app.command()
def demo() -> None:
    """Seed a demo practice and play a scripted night against the real app."""
    from router.demo.night import play

    sys.exit(play())


# --- Staff accounts (SPEC §4 `user invite`, §11) -------------------------------------------
user_app = typer.Typer(help="Staff accounts: invites and access.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens: list and revoke.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(tokens_app, name="tokens")


@user_app.command("invite")
def user_invite(
    user_id: Annotated[str, typer.Argument(help="A clinician's, supervisor's or admin's id.")],
) -> None:
    """Print a one-time link (valid 24 h) where that person sets a password, alone on the last
    line; with Twilio credentials it is also texted to their own phone."""
    from router.accounts.invites import invite
    from router.core import clock
    from router.core.db import session_scope

    with session_scope() as session:
        invitation = invite(session, user_id, clock.now(), actor="cli")
    texted = "; it was also texted to their phone" if invitation.texted else ""
    typer.echo(
        f"set-password link for {user_id}, valid until "
        f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC and only once{texted}:"
    )
    typer.echo(invitation.link)


@user_app.command("revoke")
def user_revoke(
    user_id: Annotated[str, typer.Argument(help="A clinician's, supervisor's or admin's id.")],
) -> None:
    """End every page session and API token of a staff member (and void their links)."""
    from router.accounts.sessions import revoke_everything
    from router.core import clock
    from router.core.db import session_scope
    from router.store.models import Clinician

    with session_scope() as session:
        if session.get(Clinician, user_id) is None:
            raise NotFound(f"no clinician, supervisor or admin with id {user_id!r}")
        ended = revoke_everything(session, user_id, clock.now(), actor="cli")
    typer.echo(f"{user_id}: {ended.sessions} sessions and {ended.tokens} API tokens revoked")


@tokens_app.command("list")
def tokens_list(
    user_id: Annotated[str, typer.Argument(help="A clinician's, supervisor's or admin's id.")],
) -> None:
    """List a staff member's API tokens: id, created, last used, revoked (never the token)."""
    from router.accounts.tokens import list_tokens
    from router.core.db import session_scope

    def when(value: datetime | None) -> str:
        return f"{value:%Y-%m-%d %H:%M}" if value else "-"

    with session_scope() as session:
        rows = [
            (row.id, when(row.created_at), when(row.last_used_at), when(row.revoked_at))
            for row in list_tokens(session, user_id)
        ]
    if not rows:
        typer.echo(f"{user_id} has no API tokens")
        return
    typer.echo(f"{'id':>6}  {'created (UTC)':16}  {'last used':16}  revoked")
    for token_id, created, used, revoked in rows:
        typer.echo(f"{token_id:>6}  {created:16}  {used:16}  {revoked}")


@tokens_app.command("revoke")
def tokens_revoke(
    token_id: Annotated[int, typer.Argument(help="The token's id from `tokens list`.")],
) -> None:
    """Revoke one API token: it stops working at once."""
    from router.accounts.tokens import revoke
    from router.core import clock
    from router.core.db import session_scope

    with session_scope() as session:
        row = revoke(session, token_id, clock.now(), actor="cli")
        owner = row.clinician_id
    typer.echo(f"token {token_id} of {owner} is revoked")
