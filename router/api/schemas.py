"""What the API returns (SPEC §8, §9), as Pydantic models so /openapi.json says so.

Times are written as Python's isoformat() writes them ("+00:00", not "Z"), as they always were.
Event types, purposes and message statuses are open sets (Twilio adds statuses; new steps add
event types), so they are typed as strings; the closed sets are enums from policies/vocabulary.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, PlainSerializer, WithJsonSchema

from policies.vocabulary import Channel, FollowUpStatus, MessageKind, Outcome

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
