"""What the sim keeps of each call and text, to read back in a test, and the REST resources
Twilio returns for them."""

from __future__ import annotations

import math
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal, NamedTuple, Protocol

from router.twilio.sim.carrier import segments
from router.twilio.sim.signing import first_values

API_VERSION = "2010-04-01"

EndedBy = Literal["hangup", "caller", "completed", "error"]
LegOutcome = Literal["no-answer", "busy", "failed", "screened-out", "bridged", "canceled"]


def new_call_sid() -> str:
    return "CA" + uuid.uuid4().hex


def new_message_sid() -> str:
    return "SM" + uuid.uuid4().hex


def rfc2822(at: datetime) -> str:
    return format_datetime(at.astimezone(UTC))


class Texter(Protocol):
    """What a delivered text needs to be answered: the sim's `text()`."""

    def text(self, from_: str, to: str, body: str) -> TextRecord: ...


class WebhookRequest(NamedTuple):
    path: str  # path and query as the app received it
    params: dict[str, str]
    status_code: int
    body: str


class RestRequest(NamedTuple):
    """One request the app made to the Twilio REST API."""

    method: str
    path: str  # e.g. /2010-04-01/Accounts/AC.../Messages.json
    data: list[tuple[str, str]]  # the form, repeated fields kept
    status_code: int
    body: str  # the JSON answered

    @property
    def form(self) -> dict[str, str]:
        """The form's first value for each field."""
        return first_values(self.data)


@dataclass
class Sms:
    """A text as the receiving phone shows it."""

    from_: str
    to: str
    body: str
    sid: str
    at: datetime
    media: tuple[str, ...] = ()
    _sim: Texter | None = field(default=None, repr=False, compare=False)

    @property
    def segments(self) -> int:
        return segments(self.body)

    def reply(self, body: str) -> TextRecord:
        """Answer this text: from the phone that got it to the number that sent it."""
        if self._sim is None:
            raise AssertionError("this text was not delivered by a TwilioSim")
        return self._sim.text(self.to, self.from_, body)


@dataclass
class DialLeg:
    number: str
    call_sid: str
    outcome: LegOutcome


@dataclass
class CallRecord:
    call_sid: str
    from_: str
    to: str
    requests: list[WebhookRequest] = field(default_factory=list)
    transcript: list[tuple[str, str, str]] = field(default_factory=list)  # (who, verb, text)
    dialled: list[str] = field(default_factory=list)
    legs: list[DialLeg] = field(default_factory=list)
    bridged_to: str | None = None
    ended_by: EndedBy = "completed"
    duration: float = 0.0
    errors: list[str] = field(default_factory=list)
    first_twiml: ET.Element | None = None
    documents: list[tuple[str, ET.Element]] = field(default_factory=list)  # (url, TwiML)
    status_callback: dict[str, str] | None = None
    _sent: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list, repr=False)

    @property
    def heard_by_caller(self) -> list[str]:
        return self.heard_by("caller")

    def heard_by(self, who: str) -> list[str]:
        """The <Say> texts `who` ("caller" or a dialled number) heard, in order."""
        return [text for speaker, verb, text in self.transcript if speaker == who and verb == "Say"]

    def said(self, substring: str, to: str = "caller") -> bool:
        """Whether `to` heard a <Say> containing `substring` (case-insensitive)."""
        return any(substring.lower() in text.lower() for text in self.heard_by(to))

    def requests_to(self, path: str) -> list[WebhookRequest]:
        """Requests whose path (query string aside) is `path`."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]


@dataclass
class OutboundCall(CallRecord):
    """A call the app placed through the REST API. Its TwiML runs on the phone that answered
    (`to`, in the transcript under its number), whose presses answer the <Gather>s; a <Dial>
    in it rings further phones. `duration` counts from the answer, as Twilio's does."""

    status: str = "queued"
    url: str | None = None
    method: str = "POST"
    twiml: str | None = None
    fallback_url: str | None = None
    status_callback_url: str | None = None
    status_callback_method: str = "POST"
    status_callback_events: tuple[str, ...] = ()
    ring_timeout: float = 60.0
    machine_detection: bool = False
    answered_by: str | None = None  # only with MachineDetection, as on Twilio
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    status_callbacks: list[dict[str, str]] = field(default_factory=list)

    @property
    def heard(self) -> list[str]:
        """The <Say> texts the called phone heard."""
        return self.heard_by(self.to)

    def said(self, substring: str, to: str | None = None) -> bool:
        """Whether `to` (by default the called phone) heard a <Say> containing `substring`."""
        return super().said(substring, self.to if to is None else to)

    @property
    def callback_statuses(self) -> list[str]:
        return [params["CallStatus"] for params in self.status_callbacks]

    def resource(self, account_sid: str) -> dict[str, object]:
        """The call as Twilio's REST API returns it."""
        uri = f"/{API_VERSION}/Accounts/{account_sid}/Calls/{self.call_sid}"
        ended = self.status not in ("queued", "ringing", "in-progress")
        return {
            "sid": self.call_sid,
            "account_sid": account_sid,
            "parent_call_sid": None,
            "to": self.to,
            "to_formatted": self.to,
            "from": self.from_,
            "from_formatted": self.from_,
            "phone_number_sid": None,
            "status": self.status,
            "direction": "outbound-api",
            "answered_by": self.answered_by,
            "api_version": API_VERSION,
            "date_created": rfc2822(self.created_at),
            "date_updated": rfc2822(self.created_at),
            "start_time": None,
            "end_time": None,
            "duration": str(math.ceil(self.duration)) if ended else None,
            "price": None,
            "price_unit": "USD",
            "forwarded_from": None,
            "caller_name": None,
            "group_sid": None,
            "queue_time": "0",
            "trunk_sid": None,
            "uri": uri + ".json",
            "subresource_uris": {
                "notifications": uri + "/Notifications.json",
                "recordings": uri + "/Recordings.json",
            },
        }


@dataclass
class MessageRecord:
    """A text Twilio sent for the app: through the REST API or as a TwiML <Message>."""

    sid: str
    from_: str
    to: str
    body: str
    direction: Literal["outbound-api", "outbound-reply"]
    created_at: datetime
    status: str = "queued"
    error_code: int | None = None
    status_callback: str | None = None  # an absolute URL
    status_callback_method: str = "POST"
    messaging_service_sid: str | None = None
    media: tuple[str, ...] = ()
    statuses: list[str] = field(default_factory=list)  # every status it took, in order
    callbacks: list[WebhookRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.statuses.append(self.status)

    def resource(self, account_sid: str) -> dict[str, object]:
        """The message as Twilio's REST API returns it."""
        uri = f"/{API_VERSION}/Accounts/{account_sid}/Messages/{self.sid}"
        return {
            "sid": self.sid,
            "account_sid": account_sid,
            "messaging_service_sid": self.messaging_service_sid,
            "to": self.to,
            "from": self.from_,
            "body": self.body,
            "status": self.status,
            "direction": self.direction,
            "num_segments": str(segments(self.body)),
            "num_media": str(len(self.media)),
            "api_version": API_VERSION,
            "date_created": rfc2822(self.created_at),
            "date_updated": rfc2822(self.created_at),
            "date_sent": None,
            "error_code": self.error_code,
            "error_message": None,
            "price": None,
            "price_unit": "USD",
            "uri": uri + ".json",
            "subresource_uris": {"media": uri + "/Media.json"},
        }


@dataclass
class TextRecord:
    """One text a phone sent to the app, and what the app's TwiML answered."""

    message_sid: str
    from_: str
    to: str
    body: str
    params: dict[str, str]
    requests: list[WebhookRequest] = field(default_factory=list)
    documents: list[tuple[str, ET.Element]] = field(default_factory=list)  # (url, TwiML)
    replies: list[MessageRecord] = field(default_factory=list)  # every TwiML <Message>
    carrier_reply: Sms | None = None  # Twilio's own answer to STOP or START
    errors: list[str] = field(default_factory=list)

    @property
    def status_code(self) -> int:
        """What the app answered the first webhook request (0 if none was made)."""
        return self.requests[0].status_code if self.requests else 0

    @property
    def reply_bodies(self) -> list[str]:
        return [reply.body for reply in self.replies]

    def replied(self, substring: str) -> bool:
        """Whether a TwiML <Message> contained `substring` (case-insensitive)."""
        return any(substring.lower() in body.lower() for body in self.reply_bodies)
