"""The state every part of the sim shares: the account, the phones, the clock, the work
Twilio does later, and the signed webhook requests that carry it all to the app."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime
from urllib.parse import urlencode, urlsplit

import httpx

from router.twilio.sim.devices import Device, Network
from router.twilio.sim.records import CallRecord, TextRecord, WebhookRequest
from router.twilio.sim.signing import sign

Clock = Callable[[], datetime]


def read_twiml(where: str, response: httpx.Response) -> tuple[ET.Element | None, str]:
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


class World:
    """One Twilio account as the app sees it, shared by voice, messaging and REST."""

    def __init__(
        self,
        network: Network,
        client: httpx.Client,
        auth_token: str,
        base_url: str,
        account_sid: str,
        *,
        strict: bool,
        clock: Clock,
        max_requests: int,
        max_flush: int,
    ) -> None:
        self.network = network  # the TwilioSim the devices text and flush through
        self.client = client
        self.auth_token = auth_token
        self.base_url = base_url.rstrip("/")
        self.account_sid = account_sid
        self.strict = strict  # app errors raise AssertionError instead of being "heard"
        self.clock = clock
        self.max_requests = max_requests
        self.max_flush = max_flush
        self.errors: list[str] = []  # app failures seen outside a call or a text
        self.lock = threading.RLock()  # REST requests arrive on the app's threads
        self._phones: dict[str, Device] = {}
        self._queue: deque[tuple[str, Callable[[], None]]] = deque()
        self._flushing = False

    def device(self, number: str) -> Device:
        with self.lock:
            if number not in self._phones:
                self._phones[number] = Device(number, self.network)
            return self._phones[number]

    # ---- webhooks to the app ------------------------------------------------------------

    def send(
        self,
        method: str,
        url: str,
        pairs: list[tuple[str, str]],
        *,
        signed: bool = True,
        token: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """One webhook request, signed with the account's token unless told otherwise."""
        sent_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        body: str | None = urlencode(pairs)
        if method == "GET":  # parameters ride in the query string, which is what gets signed
            url = url + ("&" if urlsplit(url).query else "?") + urlencode(pairs)
            body, pairs, sent_headers = None, [], {}
        if signed:
            sent_headers["X-Twilio-Signature"] = sign(token or self.auth_token, url, pairs)
        sent_headers.update(headers or {})
        return self.client.request(method, self.app_path(url), content=body, headers=sent_headers)

    def app_path(self, url: str) -> str:
        """The path and query the app receives for `url`."""
        if url.startswith(self.base_url):
            rest = url[len(self.base_url) :]
            return rest if rest.startswith("/") else "/" + rest
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def deliver(
        self, record: CallRecord, method: str, url: str, params: Mapping[str, str]
    ) -> httpx.Response:
        """A webhook request on a call, kept on its record (and for `redeliver`)."""
        if len(record.requests) >= self.max_requests:
            raise AssertionError(
                f"call {record.call_sid} made over {self.max_requests} webhook requests: "
                f"a TwiML loop? last: {[r.path for r in record.requests[-5:]]}"
            )
        pairs = list(params.items())
        record._sent.append((method, url, pairs))
        response = self.send(method, url, pairs)
        record.requests.append(
            WebhookRequest(self.app_path(url), dict(params), response.status_code, response.text)
        )
        return response

    def fail(self, record: CallRecord | TextRecord | None, message: str) -> None:
        """The app did something Twilio would not accept: note it; raise when strict."""
        (record.errors if record is not None else self.errors).append(message)
        if self.strict:
            raise AssertionError(message)

    # ---- what Twilio does later ----------------------------------------------------------

    def enqueue(self, label: str, action: Callable[[], None]) -> None:
        with self.lock:
            self._queue.append((label, action))

    @property
    def pending(self) -> list[str]:
        """What flush() would do, in order."""
        with self.lock:
            return [label for label, _ in self._queue]

    def flush(self) -> None:
        """Do every queued piece of work, in order, until nothing is left."""
        if self._flushing:
            return  # already flushing further up the stack
        self._flushing = True
        try:
            for _ in range(self.max_flush):
                with self.lock:
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
