"""Signing in: a password, then a 6-digit code texted to the person's own phone.

Five failures in a row (wrong passwords or wrong codes) lock the account for 15 minutes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from policies.vocabulary import Purpose
from router.accounts import passwords, sessions
from router.accounts.errors import SignInRefused
from router.accounts.texting import text_staff
from router.store.models import Clinician, SignInChallenge, StaffCredential
from router.store.repositories import accounts, audit

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
CODE_LIFETIME = timedelta(minutes=15)
MAX_CODE_TRIES = 5
WRONG_PASSWORD = "that id and password do not match"


def _code_hash(challenge_token: str, code: str) -> str:
    # Keyed by the browser's token: the stored hash alone cannot be tried against 10^6 codes.
    return hmac.new(challenge_token.encode(), code.encode(), hashlib.sha256).hexdigest()


def _locked(session: Session, member: Clinician, credential: StaffCredential) -> SignInRefused:
    until = credential.locked_until
    assert until is not None
    practice = accounts.practice(session, member.practice_id)
    local = until.astimezone(ZoneInfo(practice.timezone)) if practice else until
    return SignInRefused(
        "user",
        f"too many failed attempts: this account is locked until {local:%H:%M} "
        "(ask a supervisor if you need the pages sooner)",
    )


def _is_locked(credential: StaffCredential, now: datetime) -> bool:
    return credential.locked_until is not None and now < credential.locked_until


def _count_failure(session: Session, credential: StaffCredential, now: datetime) -> None:
    if credential.locked_until is not None and now >= credential.locked_until:
        credential.failed_attempts = 0
        credential.locked_until = None
    credential.failed_attempts += 1
    if credential.failed_attempts >= MAX_FAILURES:
        credential.locked_until = now + LOCKOUT
        credential.failed_attempts = 0
        audit.append(
            session,
            actor="web",
            action="signin.locked",
            subject=f"user:{credential.clinician_id}",
            detail={"until": credential.locked_until.isoformat()},
        )


def start(session: Session, user_id: str, password: str, now: datetime) -> str:
    """Checks the password and texts a code; returns the token the browser keeps for step 2."""
    user_id = user_id.strip()
    member = accounts.staff(session, user_id) if user_id else None
    credential = accounts.credential_locked(session, member.id) if member else None
    if member is not None and credential is not None and _is_locked(credential, now):
        raise _locked(session, member, credential)
    matches = len(password) <= passwords.MAX_LENGTH and passwords.verify(
        credential.password_hash if credential else None, password
    )
    if member is None or credential is None or not matches:
        if credential is not None:
            _count_failure(session, credential, now)
        audit.append(
            session,
            actor="web",
            action="signin.failed",
            subject=f"user:{member.id}" if member else None,
            detail={"step": "password"},
        )
        if member is not None and credential is not None and _is_locked(credential, now):
            raise _locked(session, member, credential)
        raise SignInRefused("password", WRONG_PASSWORD)
    credential.failed_attempts = 0
    credential.locked_until = None
    if passwords.needs_rehash(credential.password_hash):
        credential.password_hash = passwords.hash_password(password)
    accounts.retire_challenges(session, member.id, now)
    token = sessions.new_secret()
    code = f"{secrets.randbelow(10**6):06d}"
    accounts.add(
        session,
        SignInChallenge(
            clinician_id=member.id,
            token_hash=accounts.secret_hash(token),
            code_hash=_code_hash(token, code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        ),
    )
    text_staff(
        session,
        member,
        f"afterhours sign-in code: {code}. It works once, for 15 minutes. "
        "If you did not just sign in, tell your supervisor.",
        purpose=Purpose.SIGN_IN_CODE,
        now=now,
    )
    audit.append(session, actor="web", action="signin.code_sent", subject=f"user:{member.id}")
    return token


def pending(session: Session, challenge_token: str, now: datetime) -> Clinician | None:
    """Who is between the two steps with this token, if the code may still be entered."""
    challenge = accounts.challenge_by_token(session, challenge_token)
    if challenge is None or challenge.used_at is not None or now >= challenge.expires_at:
        return None
    return accounts.staff(session, challenge.clinician_id)


def finish(
    session: Session, challenge_token: str, code: str, now: datetime
) -> tuple[Clinician, str]:
    """Checks the texted code; returns the person and their new session's token."""
    challenge = accounts.challenge_by_token(session, challenge_token)
    if challenge is None or challenge.used_at is not None or now >= challenge.expires_at:
        raise SignInRefused("code", "that code has expired or was already used: sign in again")
    member = accounts.staff(session, challenge.clinician_id)
    credential = accounts.credential_locked(session, challenge.clinician_id)
    if member is None or credential is None:
        raise SignInRefused("code", "that code has expired or was already used: sign in again")
    if _is_locked(credential, now):
        challenge.used_at = now
        raise _locked(session, member, credential)
    given = code.strip().replace(" ", "")
    if not hmac.compare_digest(_code_hash(challenge_token, given), challenge.code_hash):
        challenge.attempts += 1
        _count_failure(session, credential, now)
        audit.append(
            session,
            actor="web",
            action="signin.failed",
            subject=f"user:{member.id}",
            detail={"step": "code"},
        )
        if _is_locked(credential, now):
            challenge.used_at = now
            raise _locked(session, member, credential)
        if challenge.attempts >= MAX_CODE_TRIES:
            challenge.used_at = now
            raise SignInRefused("code", "too many wrong codes: sign in again for a new one")
        raise SignInRefused("code", "that code is not the one we texted; check it and try again")
    challenge.used_at = now
    credential.failed_attempts = 0
    token = sessions.open_session(session, member, now)
    audit.append(session, actor=member.id, action="signin", subject=f"user:{member.id}")
    return member, token
