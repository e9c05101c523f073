"""A mock Twilio that drives a web app through its webhooks and its REST API, as Twilio would.

It knows Twilio's interfaces (webhook paths, TwiML, the REST API the official SDK calls),
nothing about the app. A test sets up phones, places calls and sends texts, and reads back
what each party heard and received:

    sim = TwilioSim(client, auth_token="secret", base_url="http://testserver")
    sim.phone(CLINICIAN).answers_and_presses("1")
    record = sim.call(PATIENT, PRACTICE_LINE)
    assert record.bridged_to == CLINICIAN

    twilio = Client(ACCOUNT_SID, "secret", http_client=sim.rest_client_http())  # in the app
    sim.text(PATIENT, PRACTICE_LINE, "can't sleep")
    sim.device(CLINICIAN).expect_sms("[Sam R.]").reply("On my way")
    sim.device(PATIENT).expect_sms("On my way")

Voice time is simulated (speech at 15 characters a second, 5 s to answer, 60 s
conversations), so a night of calls runs in milliseconds. Texts carry the time of the
`clock` the sim is given (the app's test clock). Work Twilio does later (status callbacks,
calls placed through the REST API) is queued and done by `flush()`, never inside the app's
own request. Simplifications are marked in the comments.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import re
import threading
import uuid
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Literal, NamedTuple, Self
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from twilio.http import HttpClient  # type: ignore[import-untyped]
from twilio.http.response import Response as TwilioResponse  # type: ignore[import-untyped]
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

API_VERSION = "2010-04-01"
APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye."
SPEECH_CHARS_PER_S = 15.0
PLAY_S = 5.0
SCREEN_OUT_S = 1.0  # busy and failed legs end about this fast
MAX_BODY = 1600

# Twilio's default handling of carrier keywords on long codes (exact, single word).
OPT_OUT_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_WORDS = frozenset({"START", "YES", "UNSTOP"})
OPT_OUT_REPLY = (
    "You have successfully been unsubscribed. You will not receive any more messages from "
    "this number. Reply START to resubscribe."
)
OPT_IN_REPLY = (
    "You have successfully been re-subscribed to messages from this number. Reply HELP for "
    "help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."
)

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # two septets each
E164 = re.compile(r"\+[1-9]\d{6,14}")
REST_PATH = re.compile(
    rf"/{API_VERSION}/Accounts/(?P<account>\w+)/(?P<kind>Messages|Calls)(?:/(?P<sid>\w+))?\.json"
)
CALL_EVENTS = ("initiated", "ringing", "answered", "completed")

Outcome = Literal["answers", "voicemail", "no-answer", "busy", "failed"]
EndedBy = Literal["hangup", "caller", "completed", "error"]
Params = Mapping[str, str] | Iterable[tuple[str, str]]
Clock = Callable[[], datetime]


class _FormFields:
    """Form fields as the SDK validator reads them: repeated names keep every value."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._pairs = list(pairs)

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)

    def getall(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]


def _pairs(params: Params) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    return [(str(name), str(value)) for name, value in items]


def sign(auth_token: str, url: str, params: Iterable[tuple[str, str]]) -> str:
    """The X-Twilio-Signature Twilio would send for a POST of `params` to `url`."""
    return str(RequestValidator(auth_token).compute_signature(url, _FormFields(params)))


def new_call_sid() -> str:
    return "CA" + uuid.uuid4().hex


def new_message_sid() -> str:
    return "SM" + uuid.uuid4().hex


def segments(body: str) -> int:
    """The segments Twilio bills for `body`: GSM-7 160 then 153 each, else UCS-2 70 then 67."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in body):
        units = sum(2 if char in GSM7_EXTENSION else 1 for char in body)
        single, split = 160, 153
    else:
        units = len(body.encode("utf-16-le")) // 2  # an emoji takes two UCS-2 units
        single, split = 70, 67
    return 1 if units <= single else math.ceil(units / split)


def _rfc2822(at: datetime) -> str:
    return format_datetime(at.astimezone(UTC))


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _flatten(data: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """REST form data as the SDK hands it over: a list value is a repeated field."""
    pairs: list[tuple[str, str]] = []
    for name, value in (data or {}).items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, str(item)))
    return pairs


def _first(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in pairs:
        values.setdefault(name, value)
    return values


@dataclass(frozen=True)
class Behaviour:
    """What a phone does when it rings."""

    outcome: Outcome
    presses: tuple[str | None, ...] = ()  # one entry per <Gather>, None = no input
    after_s: float = 5.0  # seconds of ringing before it answers


class Phone:
    """A dialled phone. Its behaviour applies to every ring unless some rings are queued."""

    def __init__(self, number: str) -> None:
        self.number = number
        self.rings = 0
        self.heard: list[str] = []  # every <Say> spoken to this phone when it was called
        self._standing = Behaviour("no-answer")
        self._queue: deque[Behaviour] = deque()

    def _set(self, behaviour: Behaviour, times: int | None) -> Self:
        if times is None:
            self._standing = behaviour
        else:
            self._queue.extend([behaviour] * times)
        return self

    def answers_and_presses(
        self, *digits: str | None, after_s: float = 5.0, times: int | None = None
    ) -> Self:
        """Answers; presses digits[0] at the first <Gather>, digits[1] at the second..."""
        presses = tuple(d or None for d in digits)
        return self._set(Behaviour("answers", presses, after_s), times)

    def voicemail(self, *, after_s: float = 5.0, times: int | None = None) -> Self:
        """A voicemail box: picks up after ringing and never presses anything."""
        return self._set(Behaviour("voicemail", (), after_s), times)

    def no_answer(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("no-answer"), times)

    def busy(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("busy"), times)

    def fails(self, *, times: int | None = None) -> Self:
        return self._set(Behaviour("failed"), times)

    def ring(self) -> Behaviour:
        self.rings += 1
        return self._queue.popleft() if self._queue else self._standing


@dataclass
class Sms:
    """A text as the receiving phone shows it."""

    from_: str
    to: str
    body: str
    sid: str
    at: datetime
    media: tuple[str, ...] = ()
    _sim: TwilioSim | None = field(default=None, repr=False, compare=False)

    @property
    def segments(self) -> int:
        return segments(self.body)

    def reply(self, body: str) -> TextRecord:
        """Answer this text: from the phone that got it to the number that sent it."""
        if self._sim is None:
            raise AssertionError("this text was not delivered by a TwilioSim")
        return self._sim.text(self.to, self.from_, body)


def _describe(sms: Sms) -> str:
    return f"  {sms.at:%H:%M:%S} from {sms.from_}: {sms.body!r}"


class Device(Phone):
    """A phone in the sim: it rings (see Phone) and sends and receives texts.

    Failure modes apply to what the app sends it through Twilio: `opted_out()` and
    `invalid()` refuse REST sends with Twilio's 400 errors, `undeliverable()` accepts them
    and reports `undelivered`, `rate_limited()` and `server_error()` refuse the next sends.
    """

    def __init__(self, number: str, sim: TwilioSim) -> None:
        super().__init__(number)
        self.sim = sim
        self.inbox: list[Sms] = []  # delivered and not yet taken by expect_sms
        self.received: list[Sms] = []  # every text ever delivered, read or not
        self.calls: list[OutboundCall] = []  # calls the app placed to it through the REST API
        self.last_texted_by: str | None = None
        self.is_opted_out = False
        self.is_invalid = False
        self.is_undeliverable = False
        self.rate_limits_left = 0
        self.server_errors_left = 0
        self._checked_calls: set[str] = set()

    # ---- failure modes ----------------------------------------------------------------

    def opted_out(self, opted_out: bool = True) -> Self:
        """Texts to it fail with 21610 (REST: HTTP 400; TwiML replies: status failed)."""
        self.is_opted_out = opted_out
        return self

    def invalid(self) -> Self:
        """Not a phone number Twilio can reach: sends fail with 21211."""
        self.is_invalid = True
        return self

    def undeliverable(self) -> Self:
        """Texts are accepted, then reported `undelivered` with ErrorCode 30003."""
        self.is_undeliverable = True
        return self

    def rate_limited(self, *, times: int = 1) -> Self:
        """The next `times` REST requests addressed to it get HTTP 429, code 20429."""
        self.rate_limits_left += times
        return self

    def server_error(self, *, times: int = 1) -> Self:
        """The next `times` REST requests addressed to it get HTTP 503."""
        self.server_errors_left += times
        return self

    # ---- texts -------------------------------------------------------------------------

    def _receive(self, sms: Sms) -> None:
        self.inbox.append(sms)
        self.received.append(sms)
        self.last_texted_by = sms.from_

    def _find(self, substring: str | None, matching: str | re.Pattern[str] | None) -> list[Sms]:
        def fits(sms: Sms) -> bool:
            if substring is not None and substring.lower() not in sms.body.lower():
                return False
            return matching is None or re.search(matching, sms.body) is not None

        return [sms for sms in self.inbox if fits(sms)]

    def _listing(self) -> str:
        unread = "\n".join(_describe(sms) for sms in self.inbox) or "  (empty)"
        read = len(self.received) - len(self.inbox)
        return f"inbox of {self.number} ({read} already read):\n{unread}"

    def expect_sms(
        self, substring: str | None = None, *, matching: str | re.Pattern[str] | None = None
    ) -> Sms:
        """Take the oldest unread text containing `substring` (any case) and/or whose body
        matches the regex `matching`; AssertionError listing the inbox if there is none.
        Pending Twilio work is flushed first."""
        self.sim.flush()
        found = self._find(substring, matching)
        if not found:
            wanted = " and ".join(
                part
                for part in (
                    f"containing {substring!r}" if substring is not None else "",
                    f"matching {matching!r}" if matching is not None else "",
                )
                if part
            )
            raise AssertionError(f"no unread text {wanted or 'at all'}; {self._listing()}")
        self.inbox.remove(found[0])
        return found[0]

    def expect_no_sms(
        self, substring: str | None = None, *, matching: str | re.Pattern[str] | None = None
    ) -> Self:
        """AssertionError if any unread text (containing `substring`, matching `matching`)."""
        self.sim.flush()
        if self._find(substring, matching):
            raise AssertionError(f"expected no such text; {self._listing()}")
        return self

    def clear(self) -> list[Sms]:
        """Mark every unread text read; returns them, oldest first."""
        self.sim.flush()
        taken, self.inbox = self.inbox, []
        return taken

    def reply(self, body: str) -> TextRecord:
        """Text `body` back to the number that last texted this phone (the practice line)."""
        if self.last_texted_by is None:
            raise AssertionError(f"nobody has texted {self.number}: there is nobody to reply to")
        return self.sim.text(self.number, self.last_texted_by, body)

    def send(self, body: str, *, to: str) -> TextRecord:
        """Text `body` from this phone to `to` (a practice number)."""
        return self.sim.text(self.number, to, body)

    # ---- calls the app placed ------------------------------------------------------------

    def expect_call(self, said: str | None = None) -> OutboundCall:
        """The oldest REST call to this phone not yet expected (whose <Say>s to it contain
        `said`, any case); AssertionError listing the calls if there is none."""
        self.sim.flush()
        for call in self.calls:
            if call.call_sid in self._checked_calls:
                continue
            if said is None or call.said(said):
                self._checked_calls.add(call.call_sid)
                return call
        listing = "\n".join(f"  {call.call_sid} {call.status}: {call.heard}" for call in self.calls)
        wanted = f" in which it heard {said!r}" if said else ""
        raise AssertionError(
            f"no new call to {self.number}{wanted}; calls:\n{listing or '  (none)'}"
        )


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
        return _first(self.data)


@dataclass
class DialLeg:
    number: str
    call_sid: str
    outcome: Literal["no-answer", "busy", "failed", "screened-out", "bridged", "canceled"]


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
            "date_created": _rfc2822(self.created_at),
            "date_updated": _rfc2822(self.created_at),
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
            "date_created": _rfc2822(self.created_at),
            "date_updated": _rfc2822(self.created_at),
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


class _CallerHungUp(Exception):
    pass


def _read_twiml(where: str, response: httpx.Response) -> tuple[ET.Element | None, str]:
    """A webhook's answer as a <Response> document, or why it is not one."""
    if response.status_code != 200:
        return None, f"{where} answered {response.status_code}: {response.text[:300]}"
    if "xml" not in response.headers.get("content-type", ""):
        return None, f"{where} answered {response.headers.get('content-type')}, not XML"
    try:
        document = ET.fromstring(response.content)
    except ET.ParseError as error:
        return None, f"{where} answered TwiML that does not parse ({error})"
    if document.tag != "Response":
        return None, f"{where} answered <{document.tag}>, not <Response>"
    return document, ""


class _AppError(Exception):
    pass


class _Clock:
    def __init__(self, caller_hangs_up_at: float | None) -> None:
        self.now = 0.0
        self.limit = caller_hangs_up_at

    def advance(self, seconds: float) -> None:
        if self.limit is not None and self.now + seconds > self.limit:
            self.now = self.limit
            raise _CallerHungUp
        self.now += seconds


@dataclass
class _Leg:
    who: str  # "caller" or the number of the phone on this leg
    params: dict[str, str]  # sent with every request on this leg
    presses: deque[str | None]
    is_caller: bool  # runs the call's own TwiML: may <Dial>, falls back to the fallback URL
    phone: Phone | None = None  # the sim's phone on this leg, which records what it heard


@dataclass
class _Run:
    record: CallRecord
    clock: _Clock
    caller_id: str  # the callerId of a <Dial> that names none
    fallback_url: str | None = None
    fallback_used: bool = False


class SimHttpClient(HttpClient):  # type: ignore[misc]
    """The twilio SDK's HTTP client, answered by the sim: no network."""

    def __init__(self, sim: TwilioSim) -> None:
        super().__init__(logging.getLogger(__name__), False)
        self.sim = sim

    def request(
        self,
        method: str,
        uri: str,
        params: Mapping[str, object] | None = None,
        data: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> TwilioResponse:
        response = self.sim._rest(method.upper(), uri, _flatten(data), auth)
        self._test_only_last_response = response
        return response


class TwilioSim:
    def __init__(
        self,
        client: httpx.Client,
        auth_token: str,
        base_url: str,
        account_sid: str = "AC" + "0123456789abcdef" * 2,
        *,
        voice_path: str = "/twilio/voice",
        status_path: str = "/twilio/status",
        sms_path: str = "/twilio/sms",
        fallback_path: str | None = None,
        send_status: bool = True,
        strict: bool = True,
        conversation_s: float = 60.0,
        max_requests: int = 50,
        clock: Clock | None = None,
        numbers: Iterable[str] | None = None,
        carrier_keywords: bool = True,
        max_flush: int = 500,
    ) -> None:
        self.client = client
        self.auth_token = auth_token
        self.base_url = base_url.rstrip("/")
        self.account_sid = account_sid
        self.voice_path = voice_path
        self.status_path = status_path
        self.sms_path = sms_path
        self.fallback_path = fallback_path  # requested once when the app fails (non-strict)
        self.send_status = send_status
        self.strict = strict  # app errors raise AssertionError instead of being "heard"
        self.conversation_s = conversation_s
        self.max_requests = max_requests
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        # The account's own numbers; when given, REST sends from any other number fail.
        self.numbers: set[str] | None = set(numbers) if numbers is not None else None
        self.carrier_keywords = carrier_keywords  # STOP and START handled as Twilio does
        self.max_flush = max_flush
        self.calls: list[CallRecord] = []  # incoming calls
        self.texts: list[TextRecord] = []  # incoming texts
        self.messages: list[MessageRecord] = []  # texts sent for the app (REST and TwiML)
        self.outbound_calls: list[OutboundCall] = []  # calls the app placed by REST
        self.rest_requests: list[RestRequest] = []
        self.status_callbacks: list[WebhookRequest] = []  # message status callbacks sent
        self.errors: list[str] = []  # app failures seen outside a call or a text
        self.rest_down = False  # every REST request answers 500
        self.api_keys: dict[str, str] = {}  # API key sid -> secret, also accepted by REST
        self.messaging_services: dict[str, str] = {}  # MG sid -> number it sends from
        self._phones: dict[str, Device] = {}
        self._message_index: dict[str, MessageRecord] = {}
        self._call_index: dict[str, OutboundCall] = {}
        self._queue: deque[tuple[str, Callable[[], None]]] = deque()
        self._lock = threading.RLock()  # REST requests arrive on the app's threads
        self._flushing = False
        self._http: SimHttpClient | None = None

    def phone(self, number: str) -> Device:
        return self.device(number)

    def device(self, number: str) -> Device:
        """The phone with this number (the same object as `phone(number)`)."""
        with self._lock:
            if number not in self._phones:
                self._phones[number] = Device(number, self)
            return self._phones[number]

    # ---- single webhooks -------------------------------------------------------------

    def post(
        self,
        path: str,
        params: Params,
        *,
        sign: bool = True,
        token: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One webhook POST to base_url + path; token= signs with another (wrong) token."""
        return self._send("POST", self.base_url + path, _pairs(params), sign, token, headers)

    def redeliver(self, record: CallRecord, index: int = 0) -> httpx.Response:
        """Send a call's `index`-th webhook again, unchanged, as Twilio does on a retry."""
        method, url, pairs = record._sent[index]
        return self._send(method, url, pairs, True, None, None)

    def _send(
        self,
        method: str,
        url: str,
        pairs: list[tuple[str, str]],
        signed: bool,
        token: str | None,
        extra_headers: Mapping[str, str] | None,
    ) -> httpx.Response:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        body: str | None = urlencode(pairs)
        if method == "GET":  # parameters ride in the query string, which is what gets signed
            url = url + ("&" if urlsplit(url).query else "?") + urlencode(pairs)
            body, pairs, headers = None, [], {}
        if signed:
            headers["X-Twilio-Signature"] = sign(token or self.auth_token, url, pairs)
        headers.update(extra_headers or {})
        return self.client.request(method, self._app_path(url), content=body, headers=headers)

    def _app_path(self, url: str) -> str:
        if url.startswith(self.base_url):
            rest = url[len(self.base_url) :]
            return rest if rest.startswith("/") else "/" + rest
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    # ---- a whole call -----------------------------------------------------------------

    def call(
        self,
        from_: str,
        to: str,
        *,
        call_sid: str | None = None,
        hang_up_after_seconds: float | None = None,
        caller_presses: list[str] | None = None,
        extra_params: dict[str, str] | None = None,
        status_callback: str | None = None,
        voice_path: str | None = None,
    ) -> CallRecord:
        """Place an incoming call and follow the app's TwiML until somebody hangs up; then
        flush what the app asked Twilio to do meanwhile."""
        record = CallRecord(call_sid=call_sid or new_call_sid(), from_=from_, to=to)
        self.calls.append(record)
        fallback = self.base_url + self.fallback_path if self.fallback_path else None
        run = _Run(record, _Clock(hang_up_after_seconds), caller_id=to, fallback_url=fallback)
        started = self.clock()
        base = {
            "CallSid": record.call_sid,
            "AccountSid": self.account_sid,
            "From": from_,
            "To": to,
            "CallStatus": "in-progress",
            "Direction": "inbound",
            "ApiVersion": API_VERSION,
            "Caller": from_,
            "Called": to,
            **(extra_params or {}),
        }
        caller = _Leg("caller", base, deque(caller_presses or []), is_caller=True)
        url = self.base_url + (voice_path or self.voice_path)
        try:
            fetched = self._fetch(run, caller, "POST", url, {**base, "CallStatus": "ringing"})
            record.ended_by = self._execute(run, caller, *fetched) if fetched else "error"
        except _CallerHungUp:
            record.ended_by = "caller"
        record.duration = run.clock.now
        if self.send_status:
            status = {
                **base,
                "CallStatus": "completed",
                "CallDuration": str(math.ceil(record.duration)),
                "Timestamp": _rfc2822(started + timedelta(seconds=record.duration)),
                "CallbackSource": "call-progress-events",
                "SequenceNumber": "0",
            }
            record.status_callback = status
            target = urljoin(url, status_callback or self.status_path)
            response = self._deliver(record, "POST", target, status)
            if not 200 <= response.status_code < 300:
                self._fail(record, f"status callback {target} answered {response.status_code}")
        self.flush()
        return record

    def _deliver(
        self, record: CallRecord, method: str, url: str, params: Mapping[str, str]
    ) -> httpx.Response:
        if len(record.requests) >= self.max_requests:
            raise AssertionError(
                f"call {record.call_sid} made over {self.max_requests} webhook requests: "
                f"a TwiML loop? last: {[r.path for r in record.requests[-5:]]}"
            )
        pairs = list(params.items())
        record._sent.append((method, url, pairs))
        response = self._send(method, url, pairs, True, None, None)
        record.requests.append(
            WebhookRequest(self._app_path(url), dict(params), response.status_code, response.text)
        )
        return response

    def _fail(self, record: CallRecord | TextRecord | None, message: str) -> None:
        (record.errors if record is not None else self.errors).append(message)
        if self.strict:
            raise AssertionError(message)

    def _fetch_once(
        self, run: _Run, method: str, url: str, params: Mapping[str, str]
    ) -> ET.Element:
        response = self._deliver(run.record, method, url, params)
        document, message = _read_twiml(f"{method} {self._app_path(url)}", response)
        if document is not None:
            run.record.first_twiml = run.record.first_twiml or document
            run.record.documents.append((url, document))
            return document
        self._fail(run.record, message)
        raise _AppError(message)

    def _fetch(
        self, run: _Run, leg: _Leg, method: str, url: str, params: Mapping[str, str]
    ) -> tuple[str, ET.Element] | None:
        """The next document for a leg; None when the app failed and the leg is over."""
        try:
            return url, self._fetch_once(run, method, url, params)
        except _AppError:
            pass
        if leg.is_caller and run.fallback_url and not run.fallback_used:
            run.fallback_used = True
            failure = {**leg.params, "ErrorCode": "11200", "ErrorUrl": url}
            try:
                return run.fallback_url, self._fetch_once(run, "POST", run.fallback_url, failure)
            except _AppError:
                pass
        self._hear(run, leg, "Say", APPLICATION_ERROR)
        return None

    def _hear(self, run: _Run, leg: _Leg, verb: str, text: str, seconds: float = 0.0) -> None:
        run.record.transcript.append((leg.who, verb, text))
        if leg.phone is not None and verb == "Say":
            leg.phone.heard.append(text)
        run.clock.advance(seconds)

    def _play(self, run: _Run, leg: _Leg, verb: ET.Element) -> None:
        if verb.tag == "Say":
            text = " ".join("".join(verb.itertext()).split())
            self._hear(run, leg, "Say", text, len(text) / SPEECH_CHARS_PER_S)
        elif verb.tag == "Play":
            sound = (verb.text or "").strip() or f"digits:{verb.get('digits', '')}"
            self._hear(run, leg, "Play", sound, PLAY_S)
        elif verb.tag == "Pause":
            length = float(verb.get("length", "1"))
            self._hear(run, leg, "Pause", f"{length:g}s", length)
        else:
            self._fail(run.record, f"<{verb.tag}> cannot be nested in <Gather>")

    def _execute(self, run: _Run, leg: _Leg, url: str, document: ET.Element) -> EndedBy:
        """Run TwiML verb by verb on one leg; returns how that leg ended."""
        while True:
            following: tuple[str, str, dict[str, str]] | None = None
            for verb in document:
                if verb.tag in ("Say", "Play", "Pause"):
                    self._play(run, leg, verb)
                elif verb.tag == "Gather":
                    following = self._gather(run, leg, url, verb)
                elif verb.tag == "Redirect":
                    target = urljoin(url, (verb.text or "").strip())
                    following = (verb.get("method", "POST").upper(), target, leg.params)
                elif verb.tag in ("Hangup", "Reject"):
                    return "hangup"
                elif verb.tag == "Dial" and leg.is_caller:
                    dial_result = self._dial(run, leg, url, verb)
                    if isinstance(dial_result, str):
                        return dial_result  # the call ended on the Dial
                    following = dial_result
                else:
                    where = "a whisper" if verb.tag == "Dial" else "this sim"
                    self._fail(run.record, f"<{verb.tag}> is not supported in {where} ({url})")
                    return "error"
                if following is not None:
                    break
            if following is None:
                return "completed"
            fetched = self._fetch(run, leg, *following)
            if fetched is None:
                return "error"
            url, document = fetched

    def _gather(
        self, run: _Run, leg: _Leg, url: str, gather: ET.Element
    ) -> tuple[str, str, dict[str, str]] | None:
        for prompt in gather:
            self._play(run, leg, prompt)
        pressed = leg.presses.popleft() if leg.presses else None
        if pressed:
            finish = gather.get("finishOnKey", "#")
            digits = pressed.split(finish, 1)[0] if finish else pressed
            if gather.get("numDigits"):
                digits = digits[: int(gather.get("numDigits", "1"))]
            run.clock.advance(1.0)
        else:
            digits = ""
            run.clock.advance(float(gather.get("timeout", "5")))
            if gather.get("actionOnEmptyResult", "false") != "true":
                return None  # no input: fall through to the next verb
        target = urljoin(url, gather.get("action", url))
        return gather.get("method", "POST").upper(), target, {**leg.params, "Digits": digits}

    def _screen(
        self, run: _Run, leg: DialLeg, behaviour: Behaviour, caller_id: str, url: str, method: str
    ) -> bool:
        """Run a <Number url> whisper on the callee; True when the leg is to be bridged."""
        params = {
            "CallSid": leg.call_sid,
            "ParentCallSid": run.record.call_sid,
            "AccountSid": self.account_sid,
            "From": caller_id,
            "To": leg.number,
            "CallStatus": "in-progress",
            "Direction": "outbound-dial",
            "ApiVersion": API_VERSION,
            "Caller": caller_id,
            "Called": leg.number,
        }
        presses = deque(behaviour.presses)
        callee = _Leg(leg.number, params, presses, is_caller=False, phone=self.phone(leg.number))
        fetched = self._fetch(run, callee, method.upper(), url, params)
        # A whisper that runs out of verbs without <Hangup/> bridges the call.
        return fetched is not None and self._execute(run, callee, *fetched) == "completed"

    def _dial(
        self, run: _Run, caller: _Leg, url: str, dial: ET.Element
    ) -> tuple[str, str, dict[str, str]] | None | Literal["completed", "error"]:
        """Ring the numbers; the action request to make next, None to go on, or the end."""
        record, clock = run.record, run.clock
        targets: list[tuple[str, str | None, str]] = []
        for noun in dial:
            if noun.tag != "Number":
                self._fail(record, f"<Dial><{noun.tag}> is not supported by this sim ({url})")
                return "error"
            whisper = urljoin(url, noun.get("url", "")) if noun.get("url") else None
            targets.append(((noun.text or "").strip(), whisper, noun.get("method", "POST")))
        if not targets and (dial.text or "").strip():
            targets.append(((dial.text or "").strip(), None, "POST"))
        if not targets:
            self._fail(record, f"<Dial> with nothing to dial ({url})")
            return "error"
        timeout = float(dial.get("timeout", "30"))
        time_limit = float(dial.get("timeLimit", "14400"))
        caller_id = dial.get("callerId") or run.caller_id
        legs: list[tuple[DialLeg, Behaviour, str | None, str]] = []
        for number, whisper, method in targets:
            record.dialled.append(number)
            leg = DialLeg(number, new_call_sid(), "no-answer")
            behaviour = self.phone(number).ring()
            if behaviour.outcome in ("busy", "failed"):
                leg.outcome = behaviour.outcome
            legs.append((leg, behaviour, whisper, method))
            record.legs.append(leg)
        start = clock.now
        answering = sorted(
            (item for item in legs if item[1].outcome in ("answers", "voicemail")),
            key=lambda item: item[1].after_s,
        )
        bridged: DialLeg | None = None
        answered: tuple[DialLeg, float] | None = None
        try:
            for leg, behaviour, whisper, method in answering:
                if behaviour.after_s >= timeout:
                    break  # rang out before picking up
                clock.advance(max(0.0, start + behaviour.after_s - clock.now))
                picked_up = clock.now
                if whisper is None or self._screen(run, leg, behaviour, caller_id, whisper, method):
                    bridged = leg
                    leg.outcome = "bridged"
                    record.bridged_to = leg.number
                    talk = min(self.conversation_s, time_limit)
                    # Simplification: a caller who hangs up mid-conversation ends the call,
                    # with no Dial action request.
                    clock.advance(talk)
                    answered = (leg, talk)
                    break
                leg.outcome = "screened-out"
                answered = (leg, clock.now - picked_up)
            if bridged is None and any(item[0].outcome == "no-answer" for item in legs):
                clock.advance(max(0.0, start + timeout - clock.now))
            elif bridged is None and answered is None:
                clock.advance(SCREEN_OUT_S)
        except _CallerHungUp:
            # Simplification: the caller gave up mid-Dial, so no action request; legs drop.
            for item in legs:
                if item[0].outcome == "no-answer":  # still ringing, or mid-whisper
                    item[0].outcome = "canceled"
            raise
        outcomes = {item[0].outcome for item in legs}
        dial_fields = {"DialBridged": "true" if bridged else "false"}
        if answered is not None:
            dial_fields |= {
                "DialCallStatus": "completed",
                "DialCallSid": answered[0].call_sid,
                "DialCallDuration": str(math.ceil(answered[1])),
            }
        else:
            status = next(s for s in ("no-answer", "busy", "failed") if s in outcomes)
            dial_fields |= {"DialCallStatus": status, "DialCallSid": legs[-1][0].call_sid}
        action = dial.get("action")
        if action:
            fields = {**caller.params, **dial_fields}
            return dial.get("method", "POST").upper(), urljoin(url, action), fields
        # Simplification: after a bridge with no action the call ends, as when the caller
        # hangs up at the end of the conversation.
        return "completed" if bridged else None

    # ---- texts from phones -----------------------------------------------------------

    def text(
        self,
        from_: str,
        to: str,
        body: str,
        *,
        message_sid: str | None = None,
        num_media: int = 0,
        extra_params: Mapping[str, str] | None = None,
        sms_path: str | None = None,
    ) -> TextRecord:
        """A phone texts `to`: POST the signed webhook, deliver the TwiML's <Message>s, then
        flush what the app asked Twilio to do meanwhile."""
        sid = message_sid or new_message_sid()
        params = {
            "MessageSid": sid,
            "SmsSid": sid,
            "SmsMessageSid": sid,
            "AccountSid": self.account_sid,
            "From": from_,
            "To": to,
            "Body": body,
            "NumMedia": str(num_media),
            "NumSegments": str(segments(body)),
            "SmsStatus": "received",
            "ApiVersion": API_VERSION,
        }
        for index in range(num_media):
            media = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}/Media/"
            params[f"MediaUrl{index}"] = "https://api.twilio.com" + media + "ME" + uuid.uuid4().hex
            params[f"MediaContentType{index}"] = "image/jpeg"
        params.update(extra_params or {})
        record = TextRecord(sid, from_, to, body, params)
        self.texts.append(record)
        if self.carrier_keywords:
            self._carrier_keyword(record)
        self._answer_text(record, "POST", self.base_url + (sms_path or self.sms_path), params)
        self.flush()
        return record

    def redeliver_text(self, record: TextRecord, sms_path: str | None = None) -> TextRecord:
        """Send an incoming text's webhook again, unchanged, as Twilio does on a retry."""
        again = TextRecord(record.message_sid, record.from_, record.to, record.body, record.params)
        self.texts.append(again)
        self._answer_text(again, "POST", self.base_url + (sms_path or self.sms_path), again.params)
        self.flush()
        return again

    def _carrier_keyword(self, record: TextRecord) -> None:
        """Twilio's own STOP/START handling, before the webhook (which still gets the word)."""
        word, sender = record.body.strip().upper(), self.device(record.from_)
        if word in OPT_OUT_WORDS:
            sender.is_opted_out, answer = True, OPT_OUT_REPLY
        elif word in OPT_IN_WORDS and sender.is_opted_out:
            # Simplification: YES from a subscribed phone is just a text, with no reply.
            sender.is_opted_out, answer = False, OPT_IN_REPLY
        else:
            return
        record.carrier_reply = Sms(
            record.to, record.from_, answer, new_message_sid(), self.clock(), _sim=self
        )
        sender._receive(record.carrier_reply)

    def _answer_text(
        self, record: TextRecord, method: str, url: str, params: Mapping[str, str]
    ) -> None:
        while True:
            if len(record.requests) >= self.max_requests:
                raise AssertionError(f"text {record.message_sid}: a TwiML <Redirect> loop?")
            pairs = list(params.items())
            response = self._send(method, url, pairs, True, None, None)
            path = self._app_path(url)
            record.requests.append(
                WebhookRequest(path, dict(params), response.status_code, response.text)
            )
            document = self._messaging_twiml(record, f"{method} {path}", response)
            if document is None:
                return
            record.documents.append((url, document))
            redirect: tuple[str, str] | None = None
            for verb in document:
                if verb.tag == "Message":
                    self._twiml_message(record, url, verb)
                elif verb.tag == "Redirect":
                    target = urljoin(url, (verb.text or "").strip())
                    redirect = (verb.get("method", "POST").upper(), target)
                    break
                else:
                    self._fail(record, f"<{verb.tag}> is not messaging TwiML ({path})")
            if redirect is None:
                return
            method, url = redirect

    def _messaging_twiml(
        self, record: TextRecord, where: str, response: httpx.Response
    ) -> ET.Element | None:
        if 200 <= response.status_code < 300 and not response.content.strip():
            return None  # an empty answer: no reply, as Twilio treats it
        document, message = _read_twiml(where, response)
        if document is None:
            self._fail(record, message)
        return document

    def _twiml_message(self, record: TextRecord, url: str, verb: ET.Element) -> None:
        body_element = verb.find("Body")
        media = tuple((item.text or "").strip() for item in verb.findall("Media"))
        if body_element is not None:
            body = "".join(body_element.itertext())
        elif media:
            body = ""
        else:
            body = "".join(verb.itertext())
        body = body.strip()
        if not body and not media:
            self._fail(record, f"an empty <Message> ({self._app_path(url)})")
            return
        if len(body) > MAX_BODY:
            self._fail(record, f"a <Message> of {len(body)} characters, over {MAX_BODY}")
            return
        callback = verb.get("statusCallback") or verb.get("action")
        message = MessageRecord(
            new_message_sid(),
            verb.get("from") or record.to,
            verb.get("to") or record.from_,
            body,
            "outbound-reply",
            self.clock(),
            status_callback=urljoin(url, callback) if callback else None,
            status_callback_method=verb.get("method", "POST").upper(),
            media=media,
        )
        record.replies.append(message)
        self._register(message)
        recipient = self.device(message.to)
        if recipient.is_opted_out:
            self._refuse(message, 21610)
        elif recipient.is_invalid:
            self._refuse(message, 21211)
        else:
            self._dispatch(message)

    # ---- texts to phones ---------------------------------------------------------------

    def _register(self, message: MessageRecord) -> None:
        with self._lock:
            self.messages.append(message)
            self._message_index[message.sid] = message

    def _dispatch(self, message: MessageRecord) -> None:
        """Hand an accepted text to the carrier: to the inbox at once, the statuses later."""
        recipient = self.device(message.to)
        if recipient.is_undeliverable:
            self._enqueue_status(message, "sent")
            self._enqueue_status(message, "undelivered", 30003)
            return
        at = self.clock()
        recipient._receive(
            Sms(message.from_, message.to, message.body, message.sid, at, message.media, self)
        )
        self._enqueue_status(message, "sent")
        self._enqueue_status(message, "delivered")

    def _refuse(self, message: MessageRecord, error_code: int) -> None:
        self._enqueue_status(message, "failed", error_code)

    def _enqueue_status(
        self, message: MessageRecord, status: str, error_code: int | None = None
    ) -> None:
        action = functools.partial(self._message_status, message, status, error_code)
        self._enqueue(f"message {message.sid} {status}", action)

    def _message_status(self, message: MessageRecord, status: str, error_code: int | None) -> None:
        message.status = status
        message.statuses.append(status)
        if error_code is not None:
            message.error_code = error_code
        if message.status_callback is None:
            return
        params = {
            "MessageSid": message.sid,
            "SmsSid": message.sid,
            "MessageStatus": status,
            "SmsStatus": status,
            "To": message.to,
            "From": message.from_,
            "AccountSid": self.account_sid,
            "ApiVersion": API_VERSION,
        }
        if message.messaging_service_sid:
            params["MessagingServiceSid"] = message.messaging_service_sid
        if error_code is not None:
            params["ErrorCode"] = str(error_code)
        url, method = message.status_callback, message.status_callback_method
        response = self._send(method, url, list(params.items()), True, None, None)
        request = WebhookRequest(self._app_path(url), params, response.status_code, response.text)
        message.callbacks.append(request)
        self.status_callbacks.append(request)
        if not 200 <= response.status_code < 300:
            self._fail(None, f"status callback {request.path} answered {response.status_code}")

    # ---- the REST API ------------------------------------------------------------------

    def rest_client_http(self) -> SimHttpClient:
        """An HTTP client for `twilio.rest.Client(..., http_client=...)`, served by the sim."""
        if self._http is None:
            self._http = SimHttpClient(self)
        return self._http

    def _rest(
        self,
        method: str,
        uri: str,
        data: list[tuple[str, str]],
        auth: tuple[str, str] | None,
    ) -> TwilioResponse:
        with self._lock:
            path = urlsplit(uri).path
            status, payload = self._route(method, uri, data, auth)
            body = json.dumps(payload)
            self.rest_requests.append(RestRequest(method, path, data, status, body))
            return TwilioResponse(status, body, {"Content-Type": "application/json"})

    @staticmethod
    def _error(status: int, code: int, message: str) -> tuple[int, dict[str, object]]:
        more_info = f"https://www.twilio.com/docs/errors/{code}"
        return status, {"code": code, "message": message, "more_info": more_info, "status": status}

    def _authorised(self, auth: tuple[str, str] | None) -> bool:
        if auth is None:
            return False
        username, password = auth
        if username == self.account_sid:
            return password == self.auth_token
        return self.api_keys.get(username) == password

    def _route(
        self,
        method: str,
        uri: str,
        data: list[tuple[str, str]],
        auth: tuple[str, str] | None,
    ) -> tuple[int, dict[str, object]]:
        parts = urlsplit(uri)
        not_found = self._error(404, 20404, f"The requested resource {parts.path} was not found")
        if self.rest_down:
            # No Twilio error code: the SDK then reports the HTTP status as the code.
            return 500, {"message": "Internal Server Error", "status": 500}
        if not self._authorised(auth):
            return self._error(401, 20003, "Authenticate")
        host = parts.hostname or ""
        match = REST_PATH.fullmatch(parts.path)
        if not (host.startswith("api.") and host.endswith("twilio.com")) or match is None:
            return not_found
        if match["account"] != self.account_sid:
            return not_found
        kind, sid = match["kind"], match["sid"]
        if sid is None and method == "POST":
            create = self._create_message if kind == "Messages" else self._create_call
            return create(data)
        resource = (self._message_index if kind == "Messages" else self._call_index).get(sid or "")
        if resource is None:
            return not_found
        if method == "GET":
            return 200, resource.resource(self.account_sid)
        if method == "POST" and isinstance(resource, OutboundCall):
            return self._update_call(resource, _first(data), not_found)
        return not_found

    def _refusal(self, recipient: Device) -> tuple[int, dict[str, object]] | None:
        """A device's transient failure for the request now addressed to it, if any."""
        if recipient.server_errors_left > 0:
            recipient.server_errors_left -= 1
            return 503, {"message": "Service Unavailable", "status": 503}
        if recipient.rate_limits_left > 0:
            recipient.rate_limits_left -= 1
            return self._error(429, 20429, "Too Many Requests")
        if recipient.is_invalid:
            return self._error(400, 21211, f"Invalid 'To' Phone Number: {recipient.number}")
        return None

    def _create_message(self, data: list[tuple[str, str]]) -> tuple[int, dict[str, object]]:
        form = _first(data)
        to, from_ = form.get("To", ""), form.get("From", "")
        service, body = form.get("MessagingServiceSid"), form.get("Body", "")
        media = tuple(value for name, value in data if name == "MediaUrl")
        callback = form.get("StatusCallback")
        if not to:
            return self._error(400, 21604, "A 'To' phone number is required.")
        if not from_ and not service:
            return self._error(400, 21603, "A 'From' or 'MessagingServiceSid' is required.")
        if not body and not media:
            return self._error(400, 21602, "Message body is required.")
        if len(body) > MAX_BODY:
            return self._error(400, 21617, "The concatenated message body exceeds 1600 characters")
        if callback is not None and not _is_url(callback):
            return self._error(400, 21609, f"Invalid StatusCallback url: {callback}")
        if not from_:
            if service not in self.messaging_services:
                return self._error(404, 20404, f"Messaging Service {service} was not found")
            from_ = self.messaging_services[service or ""]
        elif self.numbers is not None and from_ not in self.numbers:
            return self._error(
                400,
                21606,
                f"The From phone number {from_} is not a valid, SMS-capable inbound phone "
                "number or short code for your account.",
            )
        if not E164.fullmatch(to):
            return self._error(400, 21211, f"Invalid 'To' Phone Number: {to}")
        recipient = self.device(to)
        refused = self._refusal(recipient)
        if refused is not None:
            return refused
        if recipient.is_opted_out:
            return self._error(400, 21610, "Attempt to send to unsubscribed recipient")
        message = MessageRecord(
            new_message_sid(),
            from_,
            to,
            body,
            "outbound-api",
            self.clock(),
            status="queued" if form.get("From") else "accepted",
            status_callback=callback,
            status_callback_method=form.get("StatusCallbackMethod", "POST").upper(),
            messaging_service_sid=service,
            media=media,
        )
        self._register(message)
        resource = message.resource(self.account_sid)
        self._dispatch(message)
        return 201, resource

    def _create_call(self, data: list[tuple[str, str]]) -> tuple[int, dict[str, object]]:
        form = _first(data)
        to, from_ = form.get("To", ""), form.get("From", "")
        url, twiml = form.get("Url"), form.get("Twiml")
        callback = form.get("StatusCallback")
        events = tuple(
            event
            for name, value in data
            if name == "StatusCallbackEvent"
            for event in value.split()
        )
        if not to:
            return self._error(400, 21201, "No 'To' number is specified")
        if not from_:
            return self._error(400, 21213, "No 'From' number is specified")
        if not url and not twiml:
            return self._error(400, 21205, "Url or Twiml is required (the sim runs no Apps)")
        for name in ("Url", "FallbackUrl", "StatusCallback"):
            if form.get(name) is not None and not _is_url(form[name]):
                return self._error(400, 21205, f"{name} is not a valid URL: {form[name]}")
        if self.numbers is not None and from_ not in self.numbers:
            return self._error(400, 21210, "'From' phone number not verified")
        if not E164.fullmatch(to):
            return self._error(400, 21211, f"Invalid 'To' Phone Number: {to}")
        recipient = self.device(to)
        refused = self._refusal(recipient)
        if refused is not None:
            return refused
        call = OutboundCall(
            new_call_sid(),
            from_,
            to,
            url=url,
            method=form.get("Method", "POST").upper(),
            twiml=twiml,
            fallback_url=form.get("FallbackUrl"),
            status_callback_url=callback,
            status_callback_method=form.get("StatusCallbackMethod", "POST").upper(),
            status_callback_events=events,
            ring_timeout=float(form.get("Timeout", "60")),
            machine_detection=bool(form.get("MachineDetection")),
            created_at=self.clock(),
        )
        self.outbound_calls.append(call)
        self._call_index[call.call_sid] = call
        recipient.calls.append(call)
        self._enqueue(f"call {call.call_sid} to {to}", functools.partial(self._place, call))
        return 201, call.resource(self.account_sid)

    def _update_call(
        self, call: OutboundCall, form: dict[str, str], not_found: tuple[int, dict[str, object]]
    ) -> tuple[int, dict[str, object]]:
        if set(form) != {"Status"} or form["Status"] not in ("canceled", "completed"):
            return not_found  # Simplification: the sim only ends calls, it does not redirect
        if call.status == "queued":
            # Simplification: calls run whole inside flush(), so only a queued one can end.
            call.status = "canceled"
            self._enqueue(
                f"call {call.call_sid} canceled", functools.partial(self._call_ended, call)
            )
        return 200, call.resource(self.account_sid)

    # ---- calls the app placed ------------------------------------------------------------

    def _place(self, call: OutboundCall) -> None:
        """Ring the phone; if it answers, run the call's TwiML with that phone as the party."""
        if call.status != "queued":
            return  # canceled meanwhile
        phone = self.device(call.to)
        run = _Run(call, _Clock(None), caller_id=call.from_, fallback_url=call.fallback_url)
        base = {
            "CallSid": call.call_sid,
            "AccountSid": self.account_sid,
            "From": call.from_,
            "To": call.to,
            "CallStatus": "in-progress",
            "Direction": "outbound-api",
            "ApiVersion": API_VERSION,
            "Caller": call.from_,
            "Called": call.to,
        }
        self._call_progress(run, base, "initiated", "initiated")
        call.status = "ringing"
        self._call_progress(run, base, "ringing", "ringing")
        behaviour = phone.ring()
        answered_at: float | None = None
        if behaviour.outcome in ("busy", "failed"):
            run.clock.advance(SCREEN_OUT_S)
            call.status = behaviour.outcome
        elif behaviour.outcome == "no-answer" or behaviour.after_s >= call.ring_timeout:
            run.clock.advance(call.ring_timeout)
            call.status = "no-answer"
        else:
            run.clock.advance(behaviour.after_s)
            answered_at = run.clock.now
            call.status = "in-progress"
            if call.machine_detection:
                call.answered_by = "human" if behaviour.outcome == "answers" else "machine_start"
                base["AnsweredBy"] = call.answered_by
            self._call_progress(run, base, "answered", "in-progress")
            leg = _Leg(call.to, base, deque(behaviour.presses), is_caller=True, phone=phone)
            fetched = self._first_document(run, leg, call)
            call.ended_by = self._execute(run, leg, *fetched) if fetched else "error"
            call.status = "completed"
        call.duration = run.clock.now - answered_at if answered_at is not None else 0.0
        self._call_ended(call, run, base)

    def _first_document(
        self, run: _Run, leg: _Leg, call: OutboundCall
    ) -> tuple[str, ET.Element] | None:
        if call.url is not None:
            return self._fetch(run, leg, call.method, call.url, leg.params)
        try:
            document = ET.fromstring(call.twiml or "")
        except ET.ParseError as error:
            self._fail(call, f"call {call.call_sid}: its Twiml does not parse ({error})")
        else:
            if document.tag == "Response":
                call.first_twiml = document
                call.documents.append(("Twiml", document))
                return self.base_url + "/", document
            self._fail(call, f"call {call.call_sid}: its Twiml is <{document.tag}>")
        self._hear(run, leg, "Say", APPLICATION_ERROR)
        return None

    def _call_progress(self, run: _Run, base: dict[str, str], event: str, status: str) -> None:
        call = run.record
        assert isinstance(call, OutboundCall)
        if call.status_callback_url is None or event not in call.status_callback_events:
            return
        self._call_callback(call, {**base, "CallStatus": status}, run.clock.now)

    def _call_ended(
        self, call: OutboundCall, run: _Run | None = None, base: dict[str, str] | None = None
    ) -> None:
        """The final status callback, sent whatever events were asked for."""
        if call.status_callback_url is None:
            return
        params = {
            **(base or {"CallSid": call.call_sid, "AccountSid": self.account_sid}),
            "From": call.from_,
            "To": call.to,
            "Direction": "outbound-api",
            "ApiVersion": API_VERSION,
            "CallStatus": call.status,
            "CallDuration": str(math.ceil(call.duration)),
        }
        call.status_callback = params
        self._call_callback(call, params, run.clock.now if run is not None else 0.0)

    def _call_callback(self, call: OutboundCall, params: dict[str, str], at_s: float) -> None:
        assert call.status_callback_url is not None
        params = {
            **params,
            "Timestamp": _rfc2822(call.created_at + timedelta(seconds=at_s)),
            "CallbackSource": "call-progress-events",
            "SequenceNumber": str(len(call.status_callbacks)),
        }
        call.status_callbacks.append(params)
        url = call.status_callback_url
        response = self._deliver(call, call.status_callback_method, url, params)
        if not 200 <= response.status_code < 300:
            self._fail(
                call, f"status callback {self._app_path(url)} answered {response.status_code}"
            )

    # ---- what Twilio does later ----------------------------------------------------------

    def _enqueue(self, label: str, action: Callable[[], None]) -> None:
        with self._lock:
            self._queue.append((label, action))

    @property
    def pending(self) -> list[str]:
        """What flush() would do, in order."""
        with self._lock:
            return [label for label, _ in self._queue]

    def flush(self) -> None:
        """Send every queued status callback and place every queued call, in order, until
        nothing is left (what they make the app ask for is done too)."""
        if self._flushing:
            return  # already flushing further up the stack
        self._flushing = True
        try:
            for _ in range(self.max_flush):
                with self._lock:
                    if not self._queue:
                        return
                    _, action = self._queue.popleft()
                action()
            raise AssertionError(
                f"flush did not settle after {self.max_flush} steps: the app keeps asking "
                f"Twilio for more; next: {self.pending[:5]}"
            )
        finally:
            self._flushing = False
