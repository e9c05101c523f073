"""Running the service: `serve`, `worker`, `demo`, `db upgrade` and `audit verify`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from router.core.settings import get_settings

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


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


def demo() -> None:
    """Seed a demo practice and play a scripted night against the real app."""
    from router.demo.night import play

    sys.exit(play())
