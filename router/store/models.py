"""What the router stores. Every query lives in `router.store.repositories`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from policies.vocabulary import CoverStatus, FollowUpStatus, MessageStatus, Outcome, Role


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC on every backend, always read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Practice(Base):
    __tablename__ = "practices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    crisis_line: Mapped[str] = mapped_column(String(20))
    policy: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [{"days": [...], "start": "HH:MM", "end": "HH:MM"}]; empty: the whole week is after hours.
    office_hours: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    holidays: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")


class PracticeNumber(Base):
    """An after-hours number: a webhook's To selects the practice."""

    __tablename__ = "practice_numbers"
    __table_args__ = (Index("ix_practice_number_practice", "practice_id", "position"),)

    e164: Mapped[str] = mapped_column(String(20), primary_key=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Clinician(Base):
    """A member of staff: clinician, supervisor or admin. Also the API user."""

    __tablename__ = "clinicians"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    practice_id: Mapped[str] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    role: Mapped[str] = mapped_column(String(16), default=Role.CLINICIAN)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Left out of the practice's roster file: never routed to, history kept (SPEC §5).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    practice_id: Mapped[str] = mapped_column(
        ForeignKey("practices.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    textable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Left out of the practice's roster file: not matched to calls or texts, history kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class PatientPhone(Base):
    __tablename__ = "patient_phones"
    __table_args__ = (UniqueConstraint("practice_id", "e164", name="uq_patient_phone"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    e164: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)


class CareTeamMember(Base):
    __tablename__ = "care_team_members"

    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), primary_key=True
    )
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class OnCallWindow(Base):
    """A weekly or one-off on-call window in the clinician's wall-clock time (SPEC §6).

    One-off windows also carry their UTC bounds so that lookups at an instant use an index.
    """

    __tablename__ = "oncall_windows"
    __table_args__ = (
        Index("ix_window_clinician_kind", "clinician_id", "kind"),
        Index("ix_window_practice_duty", "practice_id", "duty"),
        Index("ix_window_oneoff_span", "clinician_id", "starts_at", "ends_at"),
        # The route lookup's practice-wide parts (0007): duty and off windows, weekly or by
        # start, so that past and future one-off windows are never scanned.
        Index("ix_window_practice_duty_start", "practice_id", "duty", "kind", "starts_at"),
        Index("ix_window_practice_off_start", "practice_id", "off", "kind", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    # roster: from a roster file (replaced by the next file); self: set by the clinician.
    source: Mapped[str] = mapped_column(String(16), default="roster")
    kind: Mapped[str] = mapped_column(String(8))  # weekly | oneoff
    days: Mapped[int] = mapped_column(Integer, default=0)  # bit 0 = Monday
    start_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM"
    end_time: Mapped[str | None] = mapped_column(String(5), nullable=True)  # "HH:MM" | "24:00"
    local_start: Mapped[str | None] = mapped_column(String(16), nullable=True)  # one-off
    local_end: Mapped[str | None] = mapped_column(String(16), nullable=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    duty: Mapped[bool] = mapped_column(Boolean, default=False)
    # An "off" window (a clinician's OFF text) takes them off call while it lasts.
    off: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CoachingPause(Base):
    """DBT's 24-hour rule: a clinician skipped for one patient until a time."""

    __tablename__ = "coaching_pauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    patient_id: Mapped[str] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Ended early (0008): `until` is moved to that instant, so routing honours it at once.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Contact(Base):
    """One inbound call or text, with every leg of it (S5)."""

    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contact_practice_started", "practice_id", "started_at"),
        Index("ix_contact_patient_started", "patient_id", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # opaque, safe in URLs
    sid: Mapped[str] = mapped_column(String(64), unique=True)  # CallSid or first MessageSid
    channel: Mapped[str] = mapped_column(String(8))  # voice | sms
    practice_id: Mapped[str | None] = mapped_column(
        ForeignKey("practices.id", ondelete="SET NULL"), nullable=True
    )
    patient_id: Mapped[str | None] = mapped_column(
        ForeignKey("patients.id", ondelete="SET NULL"), nullable=True
    )
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    duration_s: Mapped[int | None] = mapped_column(Integer, nullable=True)
    outcome: Mapped[str] = mapped_column(String(16), default=Outcome.OPEN)
    connected_to: Mapped[str | None] = mapped_column(
        ForeignKey("clinicians.id", ondelete="SET NULL"), nullable=True
    )
    # The route planned when the contact arrived; every later step follows it.
    route: Mapped[list[str]] = mapped_column(JSON, default=list)
    crisis_line: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8), default="en")
    risk: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # Texts: how far up the route the escalation has climbed (S4).
    escalation_step: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The first step of the current round: a conversation reopened after an answer starts a
    # new round, in which clinicians tried in earlier rounds may be tried again.
    round_start: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ContactEvent(Base):
    __tablename__ = "contact_events"
    __table_args__ = (UniqueConstraint("contact_id", "key", name="uq_event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    type: Mapped[str] = mapped_column(String(32))
    clinician_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Makes a retried webhook idempotent: the same step never records the same event twice.
    key: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CallLeg(Base):
    """One clinician rung during a call, and what the router saw of it (S2)."""

    __tablename__ = "call_legs"

    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    )
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    clinician_id: Mapped[str] = mapped_column(String(64))
    child_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[str | None] = mapped_column(String(16), nullable=True)


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_followup_status_due", "status", "due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), unique=True
    )
    assignee: Mapped[str | None] = mapped_column(
        ForeignKey("clinicians.id", ondelete="SET NULL"), nullable=True
    )
    due: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(8), default=FollowUpStatus.OPEN)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    # When the supervisors were texted that it is overdue (0008): set once, with the text.
    flagged_overdue_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ApiToken(Base):
    """A bearer token; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditHead(Base):
    """A single row whose update serialises appends to the audit chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Tamper-evident: each entry's hash covers its content and the previous hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(128), nullable=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class InboundText(Base):
    """Every text that reached the webhook, floods included (S5)."""

    __tablename__ = "inbound_texts"
    __table_args__ = (Index("ix_inbound_from_received", "from_number", "received_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sid: Mapped[str] = mapped_column(String(64), unique=True)
    practice_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    sender: Mapped[str] = mapped_column(String(16))  # patient | clinician | unknown
    sender_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    to_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    body: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The TwiML answered, so that a retried webhook gets the same answer.
    reply: Mapped[str] = mapped_column(Text, default="")
    # Whether a clinician has been sent this text (a flood defers some to a batch).
    relayed: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class TextThread(Base):
    """Binds a clinician to a patient's texting contact: their replies reach that patient."""

    __tablename__ = "text_threads"
    __table_args__ = (
        UniqueConstraint("contact_id", "clinician_id", name="uq_thread_contact_clinician"),
        Index("ix_thread_clinician_status", "clinician_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[str] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    step: Mapped[int] = mapped_column(Integer)
    code: Mapped[int] = mapped_column(Integer)  # short code the clinician may prefix: #2
    status: Mapped[str] = mapped_column(String(8), default="open")  # open | closed
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboundMessage(Base):
    """Every text sent and call placed (SPEC §8 `GET /api/v1/messages`)."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_message_created", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    practice_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(8))  # sms | call
    purpose: Mapped[str] = mapped_column(String(24))
    to_number: Mapped[str] = mapped_column(String(32))
    from_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=MessageStatus.PENDING)
    sid: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    error_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    contact_id: Mapped[str | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    clinician_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the next try is due (a retry waits out its backoff): the sweeper sends a queued
    # message whose job was lost soon after this, not minutes later.
    send_after: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)


# --- Staff accounts and sign-in (SPEC §11). Secrets are never stored, only their hashes. ---


class StaffCredential(Base):
    """A staff member's password (Argon2) and the lockout that guards it."""

    __tablename__ = "staff_credentials"

    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), primary_key=True
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class StaffInvite(Base):
    """A one-time set-password link: valid for a day, used once."""

    __tablename__ = "staff_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SignInChallenge(Base):
    """The second step of a sign-in: a 6-digit code texted to the person's own phone.

    The browser holds the challenge's token (a cookie); the code is hashed with that token.
    """

    __tablename__ = "sign_in_challenges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class WebSession(Base):
    """A signed-in browser: ends after the practice's idle timeout or its absolute limit."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class IcalFeed(Base):
    """A clinician's private calendar feed; the URL's secret is kept only as a SHA-256."""

    __tablename__ = "ical_feeds"

    clinician_id: Mapped[str] = mapped_column(
        ForeignKey("clinicians.id", ondelete="CASCADE"), primary_key=True
    )
    # The URL's secret is HMAC(signing token, clinician, nonce): a new nonce revokes the URL.
    nonce: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CoverRequest(Base):
    """A clinician asks a colleague to take one occurrence of a window (SPEC §11)."""

    __tablename__ = "cover_requests"
    __table_args__ = (Index("ix_cover_colleague_status", "colleague_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )
    asker_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    colleague_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duty: Mapped[bool] = mapped_column(Boolean, default=False)
    code: Mapped[str] = mapped_column(String(8))
    # pending | accepted | declined | cancelled (one of the two left the practice)
    status: Mapped[str] = mapped_column(String(10), default=CoverStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # On acceptance: the colleague's on-call window and the asker's time off for the stretch.
    cover_window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )
    off_window_id: Mapped[int | None] = mapped_column(
        ForeignKey("oncall_windows.id", ondelete="SET NULL"), nullable=True
    )


class CoverageAlert(Base):
    """A coverage gap the supervisors were texted about, so each gap is told once."""

    __tablename__ = "coverage_alerts"
    __table_args__ = (
        UniqueConstraint("practice_id", "starts_at", "ends_at", name="uq_coverage_alert_gap"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    practice_id: Mapped[str] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    patients: Mapped[list[str]] = mapped_column(JSON, default=list)
    told_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EscalationDeadline(Base):
    """When a relayed text must have been answered (S4), kept in the database so that a queue
    outage or a dead worker loses no escalation: the job is only the timely wake-up, and the
    web app's sweeper runs whatever is due and not done. The wait starts when the relay is
    sent (`message_id`), never before: a text is escalated only after it was relayed."""

    __tablename__ = "escalation_deadlines"
    __table_args__ = (Index("ix_escalation_deadline_due", "done_at", "due_at"),)

    id: Mapped[str] = mapped_column(String(96), primary_key=True)  # the job id it stands for
    contact_id: Mapped[str] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # escalate | reply
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    inbound_sid: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The relay whose sending starts the wait, and the wait itself.
    message_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    wait_s: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class FollowUpDigest(Base):
    """A clinician's morning text of their open follow-ups (0008): one per clinician and
    practice-local day, whichever replica's check gets there first."""

    __tablename__ = "follow_up_digests"
    __table_args__ = (UniqueConstraint("clinician_id", "day", name="uq_follow_up_digest_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    clinician_id: Mapped[str] = mapped_column(ForeignKey("clinicians.id", ondelete="CASCADE"))
    day: Mapped[str] = mapped_column(String(10))  # the clinician's local date, YYYY-MM-DD
    open_count: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
