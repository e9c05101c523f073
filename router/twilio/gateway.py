"""Outbound texts and calls: Twilio's REST API behind a small interface.

With credentials, `TwilioGateway`; without, `RecordingGateway`, which sends nothing and
reports every message as `simulated`. Settings choose, never `if testing`.
"""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from policies.vocabulary import MessageStatus
from router.core.settings import get_settings

log = logging.getLogger("afterhours.gateway")

# Twilio error codes that will not change on a retry (TWILIO.md).
PERMANENT_ERRORS = {21211, 21610, 21614, 21612, 21408, 21606}
OPTED_OUT = 21610
# Seconds to connect to Twilio, and to wait for its answer once connected.
CONNECT_TIMEOUT_S = 3.05
READ_TIMEOUT_S = 10.0
TIMEOUTS = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)


@dataclass(frozen=True)
class Sent:
    sid: str
    status: str


class GatewayError(Exception):
    def __init__(self, code: int | None, status: int | None, permanent: bool) -> None:
        self.code, self.status, self.permanent = code, status, permanent
        super().__init__(f"twilio error {code} (HTTP {status})")


class Gateway(Protocol):
    def send_sms(self, *, to: str, from_: str, body: str, status_callback: str) -> Sent: ...

    def place_call(self, *, to: str, from_: str, url: str, status_callback: str) -> Sent: ...


class RecordingGateway:
    """No credentials: nothing leaves the machine; the message log says `simulated`."""

    def send_sms(self, *, to: str, from_: str, body: str, status_callback: str) -> Sent:
        return Sent("SM" + uuid.uuid4().hex, MessageStatus.SIMULATED)

    def place_call(self, *, to: str, from_: str, url: str, status_callback: str) -> Sent:
        return Sent("CA" + uuid.uuid4().hex, MessageStatus.SIMULATED)


_http_client: Any = None


def use_http_client(client: Any) -> None:
    """The HTTP client the twilio SDK sends through (None: its own, over the network)."""
    global _http_client
    _http_client = client


class TwilioGateway:
    """Twilio's REST API with connect and read timeouts: a stalled Twilio costs a job
    `CONNECT_TIMEOUT_S` + `READ_TIMEOUT_S` at most, never a webhook (jobs send, webhooks
    only queue). A temporary failure (5xx, 429, unreachable) is tried again at once a few
    times with a short backoff, then handed back for the delivery ladder
    (policies.delivery.retry_after); a permanent one (4xx, invalid or opted-out number) is
    never tried again. A read timeout is not tried again here: Twilio may have taken the
    request, and the ladder's later try is the lesser risk."""

    def __init__(self, account_sid: str, auth_token: str, *, attempts: int = 3) -> None:
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        http = _http_client or TwilioHttpClient(timeout=TIMEOUTS)
        if getattr(http, "timeout", None) is None:
            http.timeout = TIMEOUTS  # the sim's client honours them too
        self.client = Client(account_sid, auth_token, http_client=http)
        self.attempts = attempts

    def _with_retries(self, send: Any) -> Sent:
        from requests.exceptions import ConnectionError as Unreachable
        from requests.exceptions import Timeout
        from twilio.base.exceptions import TwilioRestException

        pause = get_settings().twilio_retry_backoff_s
        for attempt in range(1, self.attempts + 1):
            try:
                resource = send()
                return Sent(resource.sid, resource.status or MessageStatus.QUEUED)
            except TwilioRestException as exc:
                code = exc.code if isinstance(exc.code, int) else None
                permanent = code in PERMANENT_ERRORS or (
                    exc.status is not None and 400 <= exc.status < 500 and exc.status != 429
                )
                log.warning("twilio REST error %s (HTTP %s), attempt %d", code, exc.status, attempt)
                if permanent or attempt == self.attempts:
                    raise GatewayError(code, exc.status, permanent) from None
            except Timeout as exc:
                if isinstance(exc, Unreachable) and attempt < self.attempts:
                    log.warning("twilio REST connect timeout, attempt %d", attempt)
                else:  # no answer in time: maybe taken, so not again at once
                    log.warning("twilio REST timed out, attempt %d", attempt)
                    raise GatewayError(None, None, permanent=False) from None
            except OSError:
                log.warning("twilio REST unreachable, attempt %d", attempt)
                if attempt == self.attempts:
                    raise GatewayError(None, None, permanent=False) from None
            time.sleep(pause * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    def send_sms(self, *, to: str, from_: str, body: str, status_callback: str) -> Sent:
        return self._with_retries(
            lambda: self.client.messages.create(
                to=to, from_=from_, body=body, status_callback=status_callback
            )
        )

    def place_call(self, *, to: str, from_: str, url: str, status_callback: str) -> Sent:
        return self._with_retries(
            lambda: self.client.calls.create(
                to=to,
                from_=from_,
                url=url,
                method="POST",
                status_callback=status_callback,
                status_callback_method="POST",
                status_callback_event=["completed"],
                timeout=25,
            )
        )


def get_gateway() -> Gateway:
    settings = get_settings()
    if settings.twilio_account_sid and settings.twilio_auth_token:
        return TwilioGateway(settings.twilio_account_sid, settings.twilio_auth_token)
    return RecordingGateway()
