"""Staff access (SPEC §4 `token`, `user invite`, §11): API tokens, invites, revocation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from router.core.errors import NotFound

user_app = typer.Typer(help="Staff accounts: invites and access.", no_args_is_help=True)
tokens_app = typer.Typer(help="API bearer tokens: list and revoke.", no_args_is_help=True)


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
