"""API bearer tokens: handed out once, stored only as a SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.store.models import ApiToken, Clinician


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, clinician_id: str) -> str:
    token = "ah_" + secrets.token_urlsafe(32)
    session.add(ApiToken(clinician_id=clinician_id, token_hash=_hash(token)))
    session.flush()
    return token


def user_for(session: Session, token: str) -> Clinician | None:
    row = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _hash(token), ApiToken.revoked_at.is_(None))
    ).first()
    user = session.get(Clinician, row.clinician_id) if row else None
    return user if user is not None and user.active else None
