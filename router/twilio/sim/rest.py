"""The REST API the twilio SDK calls: create and fetch Messages, create, fetch and end
Calls. SimHttpClient answers the SDK in-process, so nothing reaches the network."""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections.abc import Mapping
from urllib.parse import urlsplit

from requests.exceptions import ReadTimeout
from twilio.http import HttpClient
from twilio.http.response import Response as TwilioResponse

from router.twilio.sim.carrier import E164, MAX_BODY
from router.twilio.sim.devices import Device
from router.twilio.sim.messaging import Messaging
from router.twilio.sim.records import (
    API_VERSION,
    MessageRecord,
    OutboundCall,
    RestRequest,
    new_call_sid,
    new_message_sid,
)
from router.twilio.sim.signing import first_values
from router.twilio.sim.voice import VoiceNetwork
from router.twilio.sim.world import World

REST_PATH = re.compile(
    rf"/{API_VERSION}/Accounts/(?P<account>\w+)/(?P<kind>Messages|Calls)(?:/(?P<sid>\w+))?\.json"
)

Answer = tuple[int, dict[str, object]]  # HTTP status and the JSON body


def _flatten(data: Mapping[str, object] | None) -> list[tuple[str, str]]:
    """REST form data as the SDK hands it over: a list value is a repeated field."""
    pairs: list[tuple[str, str]] = []
    for name, value in (data or {}).items():
        for item in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, str(item)))
    return pairs


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _error(status: int, code: int, message: str) -> Answer:
    more_info = f"https://www.twilio.com/docs/errors/{code}"
    return status, {"code": code, "message": message, "more_info": more_info, "status": status}


class SimHttpClient(HttpClient):  # type: ignore[misc]
    """The twilio SDK's HTTP client, answered by the sim: no network."""

    def __init__(self, api: RestApi) -> None:
        super().__init__(logging.getLogger(__name__), False)
        self.api = api

    def request(
        self,
        method: str,
        uri: str,
        params: Mapping[str, object] | None = None,
        data: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | tuple[float, float] | None = None,
        allow_redirects: bool = False,
    ) -> TwilioResponse:
        self.api.wait_out_hang(timeout if timeout is not None else self.timeout)
        response = self.api.handle(method.upper(), uri, _flatten(data), auth)
        self._test_only_last_response = response
        return response


class RestApi:
    def __init__(
        self,
        world: World,
        voice: VoiceNetwork,
        messaging: Messaging,
        *,
        numbers: set[str] | None,
    ) -> None:
        self.world = world
        self.voice = voice
        self.messaging = messaging
        # The account's own numbers; when given, REST sends from any other number fail.
        self.numbers = numbers
        self.rest_down = False  # every REST request answers 500
        # Account-wide faults: the next requests answer these statuses (503, 429, ...), and
        # every request waits `hang_s` before Twilio looks at it (a stalled Twilio).
        self.failures: list[int] = []
        self.hang_s = 0.0
        self._unhung = threading.Event()
        self.api_keys: dict[str, str] = {}  # API key sid -> secret, also accepted by REST
        self.messaging_services: dict[str, str] = {}  # MG sid -> number it sends from
        self.requests: list[RestRequest] = []
        self.outbound_calls: list[OutboundCall] = []  # calls the app placed by REST
        self._calls_by_sid: dict[str, OutboundCall] = {}
        self._http: SimHttpClient | None = None

    def http_client(self) -> SimHttpClient:
        if self._http is None:
            self._http = SimHttpClient(self)
        return self._http

    def fail_next(self, status: int, times: int = 1) -> None:
        self.failures.extend([status] * times)

    def hang(self, seconds: float) -> None:
        """Every request waits `seconds` (0: no more) before it is handled; a caller whose
        read timeout is shorter gets a timeout, and Twilio never saw the request."""
        self.hang_s = seconds
        if seconds > 0:
            self._unhung.clear()
        else:
            self._unhung.set()

    def wait_out_hang(self, timeout: float | tuple[float, float] | None) -> None:
        if self.hang_s <= 0:
            return
        read = timeout[-1] if isinstance(timeout, tuple) else timeout
        if read is not None and read < self.hang_s:
            self._unhung.wait(read)
            if self.hang_s > 0:
                raise ReadTimeout(f"simulated Twilio hang, read timeout {read} s")
            return
        self._unhung.wait(self.hang_s)

    def handle(
        self, method: str, uri: str, data: list[tuple[str, str]], auth: tuple[str, str] | None
    ) -> TwilioResponse:
        with self.world.lock:
            path = urlsplit(uri).path
            status, payload = self._route(method, uri, data, auth)
            body = json.dumps(payload)
            self.requests.append(RestRequest(method, path, data, status, body))
            return TwilioResponse(status, body, {"Content-Type": "application/json"})

    def _authorised(self, auth: tuple[str, str] | None) -> bool:
        if auth is None:
            return False
        username, password = auth
        if username == self.world.account_sid:
            return password == self.world.auth_token
        return self.api_keys.get(username) == password

    def _route(
        self, method: str, uri: str, data: list[tuple[str, str]], auth: tuple[str, str] | None
    ) -> Answer:
        parts = urlsplit(uri)
        not_found = _error(404, 20404, f"The requested resource {parts.path} was not found")
        if self.rest_down:
            # No Twilio error code: the SDK then reports the HTTP status as the code.
            return 500, {"message": "Internal Server Error", "status": 500}
        if self.failures:
            status = self.failures.pop(0)
            if status == 429:
                return _error(429, 20429, "Too Many Requests")
            return status, {"message": "Service Unavailable", "status": status}
        if not self._authorised(auth):
            return _error(401, 20003, "Authenticate")
        host = parts.hostname or ""
        match = REST_PATH.fullmatch(parts.path)
        if not (host.startswith("api.") and host.endswith("twilio.com")) or match is None:
            return not_found
        account_sid = self.world.account_sid
        if match["account"] != account_sid:
            return not_found
        kind, sid = match["kind"], match["sid"]
        if sid is None and method == "POST":
            return self._create_message(data) if kind == "Messages" else self._create_call(data)
        resource: MessageRecord | OutboundCall | None
        if kind == "Messages":
            resource = self.messaging.by_sid.get(sid or "")
        else:
            resource = self._calls_by_sid.get(sid or "")
        if resource is None:
            return not_found
        if method == "GET":
            return 200, resource.resource(account_sid)
        if method == "POST" and isinstance(resource, OutboundCall):
            return self._update_call(resource, first_values(data), not_found)
        return not_found

    def _refusal(self, recipient: Device) -> Answer | None:
        """A device's transient failure for the request now addressed to it, if any."""
        if recipient.server_errors_left > 0:
            recipient.server_errors_left -= 1
            return 503, {"message": "Service Unavailable", "status": 503}
        if recipient.rate_limits_left > 0:
            recipient.rate_limits_left -= 1
            return _error(429, 20429, "Too Many Requests")
        if recipient.is_invalid:
            return _error(400, 21211, f"Invalid 'To' Phone Number: {recipient.number}")
        return None

    def _create_message(self, data: list[tuple[str, str]]) -> Answer:
        form = first_values(data)
        to, from_ = form.get("To", ""), form.get("From", "")
        service, body = form.get("MessagingServiceSid"), form.get("Body", "")
        media = tuple(value for name, value in data if name == "MediaUrl")
        callback = form.get("StatusCallback")
        if not to:
            return _error(400, 21604, "A 'To' phone number is required.")
        if not from_ and not service:
            return _error(400, 21603, "A 'From' or 'MessagingServiceSid' is required.")
        if not body and not media:
            return _error(400, 21602, "Message body is required.")
        if len(body) > MAX_BODY:
            return _error(400, 21617, "The concatenated message body exceeds 1600 characters")
        if callback is not None and not _is_url(callback):
            return _error(400, 21609, f"Invalid StatusCallback url: {callback}")
        if not from_:
            if service not in self.messaging_services:
                return _error(404, 20404, f"Messaging Service {service} was not found")
            from_ = self.messaging_services[service or ""]
        elif self.numbers is not None and from_ not in self.numbers:
            return _error(
                400,
                21606,
                f"The From phone number {from_} is not a valid, SMS-capable inbound phone "
                "number or short code for your account.",
            )
        if not E164.fullmatch(to):
            return _error(400, 21211, f"Invalid 'To' Phone Number: {to}")
        recipient = self.world.device(to)
        refused = self._refusal(recipient)
        if refused is not None:
            return refused
        if recipient.is_opted_out:
            return _error(400, 21610, "Attempt to send to unsubscribed recipient")
        message = MessageRecord(
            new_message_sid(),
            from_,
            to,
            body,
            "outbound-api",
            self.world.clock(),
            status="queued" if form.get("From") else "accepted",
            status_callback=callback,
            status_callback_method=form.get("StatusCallbackMethod", "POST").upper(),
            messaging_service_sid=service,
            media=media,
        )
        self.messaging.register(message)
        resource = message.resource(self.world.account_sid)
        self.messaging.dispatch(message)
        return 201, resource

    def _create_call(self, data: list[tuple[str, str]]) -> Answer:
        form = first_values(data)
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
            return _error(400, 21201, "No 'To' number is specified")
        if not from_:
            return _error(400, 21213, "No 'From' number is specified")
        if not url and not twiml:
            return _error(400, 21205, "Url or Twiml is required (the sim runs no Apps)")
        for name in ("Url", "FallbackUrl", "StatusCallback"):
            if form.get(name) is not None and not _is_url(form[name]):
                return _error(400, 21205, f"{name} is not a valid URL: {form[name]}")
        if self.numbers is not None and from_ not in self.numbers:
            return _error(400, 21210, "'From' phone number not verified")
        if not E164.fullmatch(to):
            return _error(400, 21211, f"Invalid 'To' Phone Number: {to}")
        recipient = self.world.device(to)
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
            created_at=self.world.clock(),
        )
        self.outbound_calls.append(call)
        self._calls_by_sid[call.call_sid] = call
        recipient.calls.append(call)
        place = functools.partial(self.voice.place, call)
        self.world.enqueue(f"call {call.call_sid} to {to}", place)
        return 201, call.resource(self.world.account_sid)

    def _update_call(self, call: OutboundCall, form: dict[str, str], not_found: Answer) -> Answer:
        if set(form) != {"Status"} or form["Status"] not in ("canceled", "completed"):
            return not_found  # Simplification: the sim only ends calls, it does not redirect
        if call.status == "queued":
            # Simplification: calls run whole inside flush(), so only a queued one can end.
            call.status = "canceled"
            ended = functools.partial(self.voice.ended, call)
            self.world.enqueue(f"call {call.call_sid} canceled", ended)
        return 200, call.resource(self.world.account_sid)
