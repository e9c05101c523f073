"""API bearer tokens: listed and revoked (issuing stays `afterhours token USER_ID`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from router.accounts.errors import AccountError, UnknownStaff
from router.store.models import ApiToken
from router.store.repositories import accounts, audit


def list_tokens(session: Session, user_id: str) -> list[ApiToken]:
    if accounts.staff(session, user_id) is None:
        raise UnknownStaff(user_id)
    return accounts.tokens_of(session, user_id)


def revoke(session: Session, token_id: int, now: datetime, *, actor: str = "cli") -> ApiToken:
    row = accounts.api_token(session, token_id)
    if row is None:
        raise AccountError("token", f"no API token with id {token_id}")
    if row.revoked_at is None:
        row.revoked_at = now
        audit.append(
            session,
            actor=actor,
            action="token.revoke",
            subject=f"user:{row.clinician_id}",
            detail={"token": row.id},
        )
    return row
