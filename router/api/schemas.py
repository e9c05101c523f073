"""What the API returns (SPEC §8, §9), as Pydantic models so /openapi.json says so.

Times are written as Python's isoformat() writes them ("+00:00", not "Z"), as they always were.
Event types, purposes and message statuses are open sets (Twilio adds statuses; new steps add
event types), so they are typed as strings; the closed sets are enums from policies/vocabulary.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, PlainSerializer, WithJsonSchema

from policies.vocabulary import Channel, CoverStatus, FollowUpStatus, MessageKind, Outcome, Role

Instant = Annotated[
    datetime,
    PlainSerializer(lambda value: value.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class EventOut(BaseModel):
    """One step of a contact; `clinician` and `detail` appear only when there is one
    (`exclude_if` needs pydantic 2.12)."""

    at: Instant
    type: str
    clinician: str | None = Field(default=None, exclude_if=lambda value: value is None)
    detail: dict[str, Any] | None = Field(default=None, exclude_if=lambda value: value is None)


class FollowUpOut(BaseModel):
    status: FollowUpStatus
    assignee: str | None
    due: Instant
    urgent: bool


class ContactOut(BaseModel):
    """A call or a conversation of texts, with everything that happened in it."""

    id: str
    sid: str
    channel: Channel
    practice: str | None
    patient: str | None
    from_: str | None = Field(serialization_alias="from")
    to: str | None
    started_at: Instant
    ended_at: Instant | None
    duration_s: int | None
    outcome: Outcome
    connected_to: str | None
    route: list[str]
    events: list[EventOut]
    follow_up: FollowUpOut | None


class MessageOut(BaseModel):
    """A text the router sent or a call it placed."""

    id: str
    kind: MessageKind
    purpose: str
    to: str
    from_: str | None = Field(serialization_alias="from")
    body: str | None
    status: str = Field(description="queued, sent, delivered, failed, undelivered or simulated")
    sid: str | None
    error_code: int | None
    contact: str | None
    clinician: str | None
    created_at: Instant
    updated_at: Instant


class RouteOut(BaseModel):
    """Who is tried, in order, at an instant; the same document as `afterhours who --json`."""

    patient: str
    at: Instant
    route: list[str]
    crisis_line: str


class PauseIn(BaseModel):
    until: datetime
    clinician: str | None = None  # supervisors may pause for a clinician; default: yourself


class PauseOut(BaseModel):
    patient: str
    clinician: str
    until: Instant


def _absent(value: object) -> bool:
    return value is None


# A time the document already holds as ISO 8601 text (the oncall services write them).
IsoText = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]


class FollowUpItemOut(BaseModel):
    """A follow-up in the morning-after queue (`/api/v1/follow-ups`), with its contact."""

    id: int
    contact: str
    patient: str | None
    channel: Channel
    started_at: IsoText
    status: FollowUpStatus
    assignee: str | None
    due: IsoText
    overdue: bool
    urgent: bool
    note: str | None
    closed_at: IsoText | None
    closed_by: str | None


class WindowOut(BaseModel):
    """An on-call window as a roster entry writes it: weekly (`days`, `start`, `end`, local
    HH:MM) or one-off (`from`, `to`, local date-times); `off` takes the clinician off call."""

    id: int
    clinician: str
    source: str
    days: list[str] | None = Field(default=None, exclude_if=_absent)
    start: str | None = Field(default=None, exclude_if=_absent)
    end: str | None = Field(default=None, exclude_if=_absent)
    from_: str | None = Field(default=None, alias="from", exclude_if=_absent)
    to: str | None = Field(default=None, exclude_if=_absent)
    duty: bool
    off: bool


class CoverRequestOut(BaseModel):
    """A colleague (`to`) asked to cover one occurrence of a window (`at` to `until`)."""

    id: int
    window: int
    from_: str = Field(alias="from")
    to: str
    at: IsoText
    until: IsoText
    duty: bool
    status: CoverStatus


class GapOut(BaseModel):
    """An interval in which these patients have nobody on call, and why, patient by patient."""

    from_: IsoText = Field(alias="from")
    to: IsoText
    patients: list[str]
    why: dict[str, str]


class CoverageOut(BaseModel):
    practice: str
    gaps: list[GapOut]


class MeOut(BaseModel):
    """Who the bearer token belongs to, and their private calendar feed."""

    id: str
    name: str
    role: Role
    practice: str
    ical_url: str


class IcalOut(BaseModel):
    ical_url: str
