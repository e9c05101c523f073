"""TwilioSim: one Twilio account, its phones and the app it serves, driven by a test or the
demo. It composes the voice network, messaging and the REST API over one shared World."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

import httpx

from router.twilio.sim.devices import Device
from router.twilio.sim.messaging import Messaging
from router.twilio.sim.records import (
    CallRecord,
    MessageRecord,
    OutboundCall,
    RestRequest,
    TextRecord,
    WebhookRequest,
)
from router.twilio.sim.rest import RestApi, SimHttpClient
from router.twilio.sim.signing import Params, as_pairs
from router.twilio.sim.voice import VoiceNetwork
from router.twilio.sim.world import Clock, World

DEFAULT_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2


def _now() -> datetime:
    return datetime.now(UTC)


class TwilioSim:
    """A mock Twilio in front of a web app (see the package docstring)."""

    def __init__(
        self,
        client: httpx.Client,
        auth_token: str,
        base_url: str,
        account_sid: str = DEFAULT_ACCOUNT_SID,
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
        self.world = World(
            self,
            client,
            auth_token,
            base_url,
            account_sid,
            strict=strict,
            clock=clock or _now,
            max_requests=max_requests,
            max_flush=max_flush,
        )
        self.voice = VoiceNetwork(
            self.world,
            voice_path=voice_path,
            status_path=status_path,
            fallback_path=fallback_path,
            send_status=send_status,
            conversation_s=conversation_s,
        )
        self.messaging = Messaging(self.world, sms_path=sms_path, carrier_keywords=carrier_keywords)
        account_numbers = set(numbers) if numbers is not None else None
        self.rest = RestApi(self.world, self.voice, self.messaging, numbers=account_numbers)

    # ---- the account -----------------------------------------------------------------

    @property
    def client(self) -> httpx.Client:
        return self.world.client

    @property
    def auth_token(self) -> str:
        return self.world.auth_token

    @property
    def base_url(self) -> str:
        return self.world.base_url

    @property
    def account_sid(self) -> str:
        return self.world.account_sid

    @property
    def strict(self) -> bool:
        """App errors raise AssertionError instead of being "heard"."""
        return self.world.strict

    @strict.setter
    def strict(self, strict: bool) -> None:
        self.world.strict = strict

    @property
    def errors(self) -> list[str]:
        """App failures seen outside a call or a text (status callbacks, mostly)."""
        return self.world.errors

    def phone(self, number: str) -> Device:
        return self.world.device(number)

    def device(self, number: str) -> Device:
        """The phone with this number (the same object as `phone(number)`)."""
        return self.world.device(number)

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
        url = self.world.base_url + path
        pairs = as_pairs(params)
        return self.world.send("POST", url, pairs, signed=sign, token=token, headers=headers)

    def redeliver(self, record: CallRecord, index: int = 0) -> httpx.Response:
        """Send a call's `index`-th webhook again, unchanged, as Twilio does on a retry."""
        return self.voice.redeliver(record, index)

    # ---- calls -----------------------------------------------------------------------

    @property
    def calls(self) -> list[CallRecord]:
        """Incoming calls, in order."""
        return self.voice.calls

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
        record = self.voice.call(
            from_,
            to,
            call_sid=call_sid,
            hang_up_after_seconds=hang_up_after_seconds,
            caller_presses=caller_presses,
            extra_params=extra_params,
            status_callback=status_callback,
            voice_path=voice_path,
        )
        self.flush()
        return record

    # ---- texts -----------------------------------------------------------------------

    @property
    def texts(self) -> list[TextRecord]:
        """Incoming texts, in order."""
        return self.messaging.texts

    @property
    def messages(self) -> list[MessageRecord]:
        """Texts sent for the app, through the REST API and as TwiML <Message>s."""
        return self.messaging.messages

    @property
    def status_callbacks(self) -> list[WebhookRequest]:
        """Message status callbacks sent to the app."""
        return self.messaging.status_callbacks

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
        record = self.messaging.text(
            from_,
            to,
            body,
            message_sid=message_sid,
            num_media=num_media,
            extra_params=extra_params,
            sms_path=sms_path,
        )
        self.flush()
        return record

    def redeliver_text(self, record: TextRecord, sms_path: str | None = None) -> TextRecord:
        """Send an incoming text's webhook again, unchanged, as Twilio does on a retry."""
        again = self.messaging.redeliver(record, sms_path)
        self.flush()
        return again

    # ---- the REST API ------------------------------------------------------------------

    def rest_client_http(self) -> SimHttpClient:
        """An HTTP client for `twilio.rest.Client(..., http_client=...)`, served by the sim."""
        return self.rest.http_client()

    @property
    def rest_requests(self) -> list[RestRequest]:
        return self.rest.requests

    @property
    def outbound_calls(self) -> list[OutboundCall]:
        """Calls the app placed through the REST API."""
        return self.rest.outbound_calls

    @property
    def rest_down(self) -> bool:
        """When true, every REST request answers 500."""
        return self.rest.rest_down

    @rest_down.setter
    def rest_down(self, down: bool) -> None:
        self.rest.rest_down = down

    def rest_fails(self, status: int = 503, *, times: int = 1) -> None:
        """The next `times` REST requests, whoever they address, get HTTP `status` (429 with
        Twilio's code 20429)."""
        self.rest.fail_next(status, times)

    def rest_hangs(self, seconds: float) -> None:
        """Twilio's REST API stalls: every request waits `seconds` (0: over) before it is
        handled, or times out unhandled if the client's read timeout is shorter."""
        self.rest.hang(seconds)

    @property
    def api_keys(self) -> dict[str, str]:
        """API key sid -> secret, also accepted by the REST API."""
        return self.rest.api_keys

    @property
    def messaging_services(self) -> dict[str, str]:
        """Messaging Service sid -> the number it sends from."""
        return self.rest.messaging_services

    # ---- what Twilio does later ----------------------------------------------------------

    @property
    def pending(self) -> list[str]:
        """What flush() would do, in order."""
        return self.world.pending

    def flush(self) -> None:
        """Send every queued status callback and place every queued call, in order, until
        nothing is left (what they make the app ask for is done too)."""
        self.world.flush()
