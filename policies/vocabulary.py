"""The words the contact log and the message log are written in.

Each value is what the database stores and the API returns (SPEC §8, §9), so a member compares
equal to the plain string: `Outcome.OPEN == "open"`. Adding a member is cheap; renaming a value
is a migration and an API change.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How a contact reached the practice (`contacts.channel`)."""

    VOICE = "voice"
    SMS = "sms"


class Outcome(StrEnum):
    """How a contact ended, so far (`contacts.outcome`, the API's `outcome` filter)."""

    CONNECTED = "connected"
    ACKNOWLEDGED = "acknowledged"
    CRISIS_LINE = "crisis_line"
    ABANDONED = "abandoned"
    OPEN = "open"


class EventType(StrEnum):
    """One step in a contact's story (`contact_events.type`)."""

    # calls
    GREETED = "greeted"
    DIALLED = "dialled"
    ANSWERED = "answered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    NOT_ACCEPTED = "not_accepted"
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    FAILED = "failed"
    CANCELED = "canceled"
    BRIDGED = "bridged"
    CRISIS_LINE = "crisis_line"
    CRISIS_CONNECTED = "crisis_connected"
    CRISIS_UNREACHED = "crisis_unreached"
    CALL_ENDED = "call_ended"
    ENDED = "ended"
    ABANDONED = "abandoned"
    FAILSAFE = "failsafe"
    SUPERSEDED = "superseded"  # a dial the fail-safe pre-empted: that clinician was never rung
    # texts
    TEXT_RECEIVED = "text_received"
    RELAYED = "relayed"
    ESCALATED = "escalated"
    REOPENED = "reopened"
    FLOOD_DAMPED = "flood_damped"
    PAGED = "paged"
    PAGE_ACCEPTED = "page_accepted"
    CLINICIAN_REPLIED = "clinician_replied"
    ACKNOWLEDGED = "acknowledged"
    NOT_ACKNOWLEDGED = "not_acknowledged"
    DELIVERY_FAILED = "delivery_failed"
    CRISIS_MESSAGE = "crisis_message"
    SUPERVISORS_ALERTED = "supervisors_alerted"
    OPTED_OUT = "opted_out"
    OPTED_IN = "opted_in"
    # the safety check ("Are you safe right now?", router/texts/safety_check.py)
    SAFETY_CHECK_ASKED = "safety_check_asked"
    SAFETY_CHECK_ANSWERED = "safety_check_answered"
    SAFETY_CHECK_UNANSWERED = "safety_check_unanswered"


class MessageKind(StrEnum):
    """What the router sent (`messages.kind`, the API's `kind` filter)."""

    SMS = "sms"
    CALL = "call"


class MessageStatus(StrEnum):
    """Where an outbound text or call stands (`messages.status`). SENDING is the router's own
    claim on a queued message; the API shows it as QUEUED."""

    PENDING = "pending"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    UNDELIVERED = "undelivered"
    FAILED = "failed"
    SIMULATED = "simulated"


class Purpose(StrEnum):
    """Why the router sent a text or placed a call (`messages.purpose`)."""

    RELAY = "relay"
    PAGE = "page"
    CLINICIAN_REPLY = "clinician_reply"
    CRISIS_MESSAGE = "crisis_message"
    SUPERVISOR_ALERT = "supervisor_alert"
    OPTOUT_NOTICE = "optout_notice"
    NOTICE = "notice"
    INVITE = "invite"
    SIGN_IN_CODE = "sign_in_code"
    COVER_REQUEST = "cover_request"
    COVER_ANSWER = "cover_answer"
    COVERAGE_GAP = "coverage_gap"
    FOLLOW_UP_OVERDUE = "follow_up_overdue"
    FOLLOW_UPS_MORNING = "follow_ups_morning"


class Role(StrEnum):
    """What a member of staff may see and do (`clinicians.role`, the roster's `role`)."""

    CLINICIAN = "clinician"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
"""Roles that see the whole practice (S8); a clinician sees their own patients."""


class FollowUpStatus(StrEnum):
    """A follow-up is open until someone marks it done (`follow_ups.status`)."""

    OPEN = "open"
    DONE = "done"


class CoverStatus(StrEnum):
    """Where a cover request stands (SPEC §11)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CANCELLED = "cancelled"  # one of the two left the practice
