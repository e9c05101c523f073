"""Server-side page sessions: an idle timeout (the practice's policy) and an absolute limit."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.policy import policy_for
from router.core import clock
from router.store.models import Clinician, WebSession
from router.store.repositories import accounts, audit

ABSOLUTE_LIMIT = timedelta(hours=12)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(session_token: str) -> str:
    """The forms' CSRF token, bound to the session: only its holder can compute it."""
    return hmac.new(session_token.encode(), b"afterhours csrf", hashlib.sha256).hexdigest()


def idle_timeout(session: Session, member: Clinician) -> timedelta:
    practice = accounts.practice(session, member.practice_id)
    policy = policy_for(practice.policy if practice else None)
    return timedelta(seconds=policy.session_idle_timeout_s)


def open_session(session: Session, member: Clinician, now: datetime) -> str:
    """A new session for someone who has just passed both sign-in steps; returns its token."""
    token = new_secret()
    accounts.add(
        session,
        WebSession(
            clinician_id=member.id,
            token_hash=accounts.secret_hash(token),
            created_at=now,
            last_seen_at=now,
            expires_at=now + ABSOLUTE_LIMIT,
        ),
    )
    return token


@dataclass(frozen=True)
class SignedIn:
    member: Clinician
    token: str
    expires_at: datetime
    idle_timeout: timedelta

    @property
    def csrf(self) -> str:
        return csrf_token(self.token)


def signed_in(session: Session, token: str, now: datetime) -> SignedIn | None:
    """Whose session this token is, if it is live; a live session's idle clock restarts."""
    row = accounts.web_session_by_token(session, token)
    if row is None or row.revoked_at is not None or now >= row.expires_at:
        return None
    member = accounts.staff(session, row.clinician_id)
    if member is None or not member.active:
        return None  # left the practice: the roster's deactivation ends every session
    idle = idle_timeout(session, member)
    if now - row.last_seen_at >= idle:
        return None
    row.last_seen_at = now
    return SignedIn(member, token, row.expires_at, idle)


def sign_out(session: Session, token: str, now: datetime) -> None:
    row = accounts.web_session_by_token(session, token)
    if row is None or row.revoked_at is not None:
        return
    row.revoked_at = now
    audit.append(session, actor=row.clinician_id, action="session.sign_out", subject=None)


@dataclass(frozen=True)
class Revoked:
    sessions: int
    tokens: int


def revoke_everything(
    session: Session, clinician_id: str, now: datetime | None = None, *, actor: str = "system"
) -> Revoked:
    """Ends every page session and API token of a staff member, and voids their open links
    and codes: what deactivation does. Audited."""
    at = now or clock.now()
    ended = Revoked(
        accounts.revoke_web_sessions(session, clinician_id, at),
        accounts.revoke_api_tokens(session, clinician_id, at),
    )
    accounts.retire_invites(session, clinician_id, at)
    accounts.retire_challenges(session, clinician_id, at)
    audit.append(
        session,
        actor=actor,
        action="access.revoke_all",
        subject=f"user:{clinician_id}",
        detail={"sessions": ended.sessions, "tokens": ended.tokens},
    )
    return ended
