"""Staff accounts: credentials, invites, sign-in challenges, web sessions and API tokens.

Secrets are looked up by their SHA-256; the secrets themselves are never stored.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from router.store.models import (
    ApiToken,
    Clinician,
    Practice,
    SignInChallenge,
    StaffCredential,
    StaffInvite,
    WebSession,
)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def staff(session: Session, clinician_id: str) -> Clinician | None:
    return session.get(Clinician, clinician_id)


def practice(session: Session, practice_id: str) -> Practice | None:
    return session.get(Practice, practice_id)


def credential(session: Session, clinician_id: str) -> StaffCredential | None:
    return session.get(StaffCredential, clinician_id)


def credential_locked(session: Session, clinician_id: str) -> StaffCredential | None:
    """The credential row, locked for the rest of the transaction: failed attempts count once."""
    return session.scalars(
        select(StaffCredential)
        .where(StaffCredential.clinician_id == clinician_id)
        .with_for_update()
    ).first()


AccountRow = StaffCredential | StaffInvite | SignInChallenge | WebSession


def add(session: Session, row: AccountRow) -> None:
    session.add(row)
    session.flush()


def invite_by_token(session: Session, token: str) -> StaffInvite | None:
    return session.scalars(
        select(StaffInvite).where(StaffInvite.token_hash == secret_hash(token)).with_for_update()
    ).first()


def retire_invites(session: Session, clinician_id: str, now: datetime) -> None:
    """A new invite (or a password set) makes every earlier link of that person useless."""
    session.execute(
        update(StaffInvite)
        .where(StaffInvite.clinician_id == clinician_id, StaffInvite.used_at.is_(None))
        .values(used_at=now)
    )


def challenge_by_token(session: Session, token: str) -> SignInChallenge | None:
    return session.scalars(
        select(SignInChallenge)
        .where(SignInChallenge.token_hash == secret_hash(token))
        .with_for_update()
    ).first()


def retire_challenges(session: Session, clinician_id: str, now: datetime) -> None:
    session.execute(
        update(SignInChallenge)
        .where(SignInChallenge.clinician_id == clinician_id, SignInChallenge.used_at.is_(None))
        .values(used_at=now)
    )


def web_session_by_token(session: Session, token: str) -> WebSession | None:
    return session.scalars(
        select(WebSession).where(WebSession.token_hash == secret_hash(token))
    ).first()


def revoke_web_sessions(session: Session, clinician_id: str, now: datetime) -> int:
    result = session.execute(
        update(WebSession)
        .where(WebSession.clinician_id == clinician_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def tokens_of(session: Session, clinician_id: str) -> list[ApiToken]:
    return list(
        session.scalars(
            select(ApiToken).where(ApiToken.clinician_id == clinician_id).order_by(ApiToken.id)
        )
    )


def api_token(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)


def revoke_api_tokens(session: Session, clinician_id: str, now: datetime) -> int:
    result = session.execute(
        update(ApiToken)
        .where(ApiToken.clinician_id == clinician_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def bearer_user(session: Session, token: str, now: datetime) -> Clinician | None:
    """The staff member a live bearer token belongs to; records when it was last used."""
    row = session.scalars(
        select(ApiToken).where(
            ApiToken.token_hash == secret_hash(token), ApiToken.revoked_at.is_(None)
        )
    ).first()
    if row is None:
        return None
    user = session.get(Clinician, row.clinician_id)
    if user is None or not user.active:
        return None  # a deactivated staff member's tokens no longer work
    row.last_used_at = now
    return user
