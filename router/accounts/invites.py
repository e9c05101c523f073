"""One-time set-password links: `afterhours user invite USER_ID`, valid 24 hours, used once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from policies.vocabulary import Purpose
from router.accounts import passwords, sessions
from router.accounts.errors import AccountError, LinkNotUsable, UnknownStaff
from router.accounts.texting import text_staff
from router.core.settings import get_settings
from router.store.models import Clinician, StaffCredential, StaffInvite
from router.store.repositories import accounts, audit

INVITE_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class Invitation:
    link: str
    expires_at: datetime
    texted: bool


def invite(session: Session, user_id: str, now: datetime, *, actor: str = "cli") -> Invitation:
    """A new link for a staff member (earlier ones stop working); with Twilio credentials it
    is also texted to their own phone."""
    member = accounts.staff(session, user_id)
    if member is None:
        raise UnknownStaff(user_id)
    accounts.retire_invites(session, member.id, now)
    token = sessions.new_secret()
    expires_at = now + INVITE_LIFETIME
    accounts.add(
        session,
        StaffInvite(
            clinician_id=member.id,
            token_hash=accounts.secret_hash(token),
            created_at=now,
            expires_at=expires_at,
        ),
    )
    settings = get_settings()
    link = f"{settings.public_base_url}/invite/{token}"
    texted = bool(settings.twilio_account_sid and settings.twilio_auth_token)
    if texted:
        text_staff(
            session,
            member,
            f"Set your afterhours password here (works once, for 24 hours): {link}",
            purpose=Purpose.INVITE,
            now=now,
        )
    audit.append(
        session,
        actor=actor,
        action="user.invite",
        subject=f"user:{member.id}",
        detail={"expires_at": expires_at.isoformat(), "texted": texted},
    )
    return Invitation(link, expires_at, texted)


def _usable(session: Session, token: str, now: datetime) -> tuple[StaffInvite, Clinician]:
    row = accounts.invite_by_token(session, token)
    member = accounts.staff(session, row.clinician_id) if row else None
    if row is None or member is None or row.used_at is not None or now >= row.expires_at:
        raise LinkNotUsable()
    return row, member


def holder(session: Session, token: str, now: datetime) -> Clinician:
    """Whose link this is, if it can still be used."""
    return _usable(session, token, now)[1]


def set_password(
    session: Session, token: str, password: str, confirm: str, now: datetime
) -> Clinician:
    """Uses the link: checks the new password, stores its hash, ends the person's sessions."""
    row, member = _usable(session, token, now)
    if password != confirm:
        raise AccountError("confirm", "the two passwords are not the same")
    practice = accounts.practice(session, member.practice_id)
    passwords.check_strength(
        password,
        passwords.personal_words(
            member.id,
            member.name,
            member.practice_id,
            practice.name if practice else "",
        ),
    )
    credential = accounts.credential(session, member.id)
    if credential is None:
        credential = StaffCredential(clinician_id=member.id, password_hash="")
        accounts.add(session, credential)
    credential.password_hash = passwords.hash_password(password)
    credential.failed_attempts = 0
    credential.locked_until = None
    credential.updated_at = now
    row.used_at = now
    accounts.retire_invites(session, member.id, now)
    accounts.revoke_web_sessions(session, member.id, now)
    audit.append(session, actor=member.id, action="user.password_set", subject=f"user:{member.id}")
    return member
