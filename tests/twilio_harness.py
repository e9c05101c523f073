"""A mock Twilio that drives a web app through its webhooks, the way Twilio would.

It knows webhook paths and TwiML, nothing about the app. A test sets up phones, places a
call, and reads back what each party heard:

    sim = TwilioSim(client, auth_token="secret", base_url="http://testserver")
    sim.phone(CLINICIAN).answers_and_presses("1")
    record = sim.call(PATIENT, PRACTICE_LINE)
    assert record.bridged_to == CLINICIAN

Time is simulated (speech at 15 characters a second, 5 s to answer, 60 s conversations), so
a night of calls runs in milliseconds. Simplifications are marked in the comments.
"""

from __future__ import annotations

import math
import uuid
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Literal, NamedTuple
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
from twilio.request_validator import RequestValidator  # type: ignore[import-untyped]

API_VERSION = "2010-04-01"
APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye."
SPEECH_CHARS_PER_S = 15.0
PLAY_S = 5.0
SCREEN_OUT_S = 1.0  # busy and failed legs end about this fast

Outcome = Literal["answers", "voicemail", "no-answer", "busy", "failed"]
EndedBy = Literal["hangup", "caller", "completed", "error"]
Params = Mapping[str, str] | Iterable[tuple[str, str]]


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
        self.heard: list[str] = []  # every <Say> a whisper spoke to this phone
        self._standing = Behaviour("no-answer")
        self._queue: deque[Behaviour] = deque()

    def _set(self, behaviour: Behaviour, times: int | None) -> Phone:
        if times is None:
            self._standing = behaviour
        else:
            self._queue.extend([behaviour] * times)
        return self

    def answers_and_presses(
        self, *digits: str | None, after_s: float = 5.0, times: int | None = None
    ) -> Phone:
        """Answers; presses digits[0] at the first <Gather>, digits[1] at the second..."""
        presses = tuple(d or None for d in digits)
        return self._set(Behaviour("answers", presses, after_s), times)

    def voicemail(self, *, after_s: float = 5.0, times: int | None = None) -> Phone:
        """A voicemail box: picks up after ringing and never presses anything."""
        return self._set(Behaviour("voicemail", (), after_s), times)

    def no_answer(self, *, times: int | None = None) -> Phone:
        return self._set(Behaviour("no-answer"), times)

    def busy(self, *, times: int | None = None) -> Phone:
        return self._set(Behaviour("busy"), times)

    def fails(self, *, times: int | None = None) -> Phone:
        return self._set(Behaviour("failed"), times)

    def ring(self) -> Behaviour:
        self.rings += 1
        return self._queue.popleft() if self._queue else self._standing


class WebhookRequest(NamedTuple):
    path: str  # path and query as the app received it
    params: dict[str, str]
    status_code: int
    body: str


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


class _CallerHungUp(Exception):
    pass


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
    who: str  # "caller" or the dialled number
    params: dict[str, str]  # sent with every request on this leg
    presses: deque[str | None]
    is_caller: bool


@dataclass
class _Run:
    record: CallRecord
    clock: _Clock
    fallback_used: bool = False


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
        fallback_path: str | None = None,
        send_status: bool = True,
        strict: bool = True,
        conversation_s: float = 60.0,
        max_requests: int = 50,
    ) -> None:
        self.client = client
        self.auth_token = auth_token
        self.base_url = base_url.rstrip("/")
        self.account_sid = account_sid
        self.voice_path = voice_path
        self.status_path = status_path
        self.fallback_path = fallback_path  # requested once when the app fails (non-strict)
        self.send_status = send_status
        self.strict = strict  # app errors raise AssertionError instead of being "heard"
        self.conversation_s = conversation_s
        self.max_requests = max_requests
        self.calls: list[CallRecord] = []
        self._phones: dict[str, Phone] = {}

    def phone(self, number: str) -> Phone:
        return self._phones.setdefault(number, Phone(number))

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
        """Place an incoming call and follow the app's TwiML until somebody hangs up."""
        record = CallRecord(call_sid=call_sid or new_call_sid(), from_=from_, to=to)
        self.calls.append(record)
        run = _Run(record, _Clock(hang_up_after_seconds))
        started = datetime.now(UTC)
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
                "Timestamp": format_datetime(started + timedelta(seconds=record.duration)),
                "CallbackSource": "call-progress-events",
                "SequenceNumber": "0",
            }
            record.status_callback = status
            target = urljoin(url, status_callback or self.status_path)
            response = self._deliver(record, "POST", target, status)
            if not 200 <= response.status_code < 300:
                self._fail(record, f"status callback {target} answered {response.status_code}")
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

    def _fail(self, record: CallRecord, message: str) -> None:
        record.errors.append(message)
        if self.strict:
            raise AssertionError(message)

    def _fetch_once(
        self, run: _Run, method: str, url: str, params: Mapping[str, str]
    ) -> ET.Element:
        response = self._deliver(run.record, method, url, params)
        where = f"{method} {self._app_path(url)}"
        if response.status_code != 200:
            message = f"{where} answered {response.status_code}: {response.text[:300]}"
        elif "xml" not in response.headers.get("content-type", ""):
            message = f"{where} answered {response.headers.get('content-type')}, not XML"
        else:
            try:
                document = ET.fromstring(response.content)
            except ET.ParseError as error:
                message = f"{where} answered TwiML that does not parse ({error})"
            else:
                if document.tag == "Response":
                    run.record.first_twiml = run.record.first_twiml or document
                    run.record.documents.append((url, document))
                    return document
                message = f"{where} answered <{document.tag}>, not <Response>"
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
        if leg.is_caller and self.fallback_path and not run.fallback_used:
            run.fallback_used = True
            fallback = self.base_url + self.fallback_path
            failure = {**leg.params, "ErrorCode": "11200", "ErrorUrl": url}
            try:
                return fallback, self._fetch_once(run, "POST", fallback, failure)
            except _AppError:
                pass
        self._hear(run, leg, "Say", APPLICATION_ERROR)
        return None

    def _hear(self, run: _Run, leg: _Leg, verb: str, text: str, seconds: float = 0.0) -> None:
        run.record.transcript.append((leg.who, verb, text))
        if not leg.is_caller and verb == "Say":
            self.phone(leg.who).heard.append(text)
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
        callee = _Leg(leg.number, params, deque(behaviour.presses), is_caller=False)
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
        caller_id = dial.get("callerId") or record.to
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
