"""Calls: an incoming call from a phone to the app, and the calls the app places through
the REST API, each with the status callbacks Twilio sends."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import deque
from datetime import timedelta
from urllib.parse import urljoin

import httpx

from router.twilio.sim.callflow import (
    APPLICATION_ERROR,
    SCREEN_OUT_S,
    CallClock,
    CallerHungUp,
    CallFlow,
    Leg,
    Run,
)
from router.twilio.sim.records import API_VERSION, CallRecord, OutboundCall, new_call_sid, rfc2822
from router.twilio.sim.world import World


class VoiceNetwork:
    def __init__(
        self,
        world: World,
        *,
        voice_path: str,
        status_path: str,
        fallback_path: str | None,
        send_status: bool,
        conversation_s: float,
    ) -> None:
        self.world = world
        self.voice_path = voice_path
        self.status_path = status_path
        self.fallback_path = fallback_path  # requested once when the app fails (non-strict)
        self.send_status = send_status
        self.flow = CallFlow(world, conversation_s)
        self.calls: list[CallRecord] = []  # incoming calls

    # ---- incoming calls --------------------------------------------------------------

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
        world = self.world
        record = CallRecord(call_sid=call_sid or new_call_sid(), from_=from_, to=to)
        self.calls.append(record)
        fallback = world.base_url + self.fallback_path if self.fallback_path else None
        run = Run(record, CallClock(hang_up_after_seconds), caller_id=to, fallback_url=fallback)
        started = world.clock()
        base = {
            "CallSid": record.call_sid,
            "AccountSid": world.account_sid,
            "From": from_,
            "To": to,
            "CallStatus": "in-progress",
            "Direction": "inbound",
            "ApiVersion": API_VERSION,
            "Caller": from_,
            "Called": to,
            **(extra_params or {}),
        }
        caller = Leg("caller", base, deque(caller_presses or []), is_caller=True)
        url = world.base_url + (voice_path or self.voice_path)
        try:
            fetched = self.flow.fetch(run, caller, "POST", url, {**base, "CallStatus": "ringing"})
            record.ended_by = self.flow.execute(run, caller, *fetched) if fetched else "error"
        except CallerHungUp:
            record.ended_by = "caller"
        record.duration = run.clock.now
        if self.send_status:
            status = {
                **base,
                "CallStatus": "completed",
                "CallDuration": str(math.ceil(record.duration)),
                "Timestamp": rfc2822(started + timedelta(seconds=record.duration)),
                "CallbackSource": "call-progress-events",
                "SequenceNumber": "0",
            }
            record.status_callback = status
            target = urljoin(url, status_callback or self.status_path)
            response = world.deliver(record, "POST", target, status)
            if not 200 <= response.status_code < 300:
                world.fail(record, f"status callback {target} answered {response.status_code}")
        return record

    def redeliver(self, record: CallRecord, index: int = 0) -> httpx.Response:
        """Send a call's `index`-th webhook again, unchanged, as Twilio does on a retry."""
        method, url, pairs = record._sent[index]
        return self.world.send(method, url, pairs)

    # ---- calls the app placed ------------------------------------------------------------

    def place(self, call: OutboundCall) -> None:
        """Ring the phone; if it answers, run the call's TwiML with that phone as the party."""
        if call.status != "queued":
            return  # canceled meanwhile
        world = self.world
        phone = world.device(call.to)
        run = Run(call, CallClock(None), caller_id=call.from_, fallback_url=call.fallback_url)
        base = {
            "CallSid": call.call_sid,
            "AccountSid": world.account_sid,
            "From": call.from_,
            "To": call.to,
            "CallStatus": "in-progress",
            "Direction": "outbound-api",
            "ApiVersion": API_VERSION,
            "Caller": call.from_,
            "Called": call.to,
        }
        self._progress(call, run, base, "initiated", "initiated")
        call.status = "ringing"
        self._progress(call, run, base, "ringing", "ringing")
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
            self._progress(call, run, base, "answered", "in-progress")
            leg = Leg(call.to, base, deque(behaviour.presses), is_caller=True, phone=phone)
            fetched = self._first_document(run, leg, call)
            call.ended_by = self.flow.execute(run, leg, *fetched) if fetched else "error"
            call.status = "completed"
        call.duration = run.clock.now - answered_at if answered_at is not None else 0.0
        self.ended(call, run.clock.now, base)

    def _first_document(
        self, run: Run, leg: Leg, call: OutboundCall
    ) -> tuple[str, ET.Element] | None:
        if call.url is not None:
            return self.flow.fetch(run, leg, call.method, call.url, leg.params)
        try:
            document = ET.fromstring(call.twiml or "")
        except ET.ParseError as error:
            self.world.fail(call, f"call {call.call_sid}: its Twiml does not parse ({error})")
        else:
            if document.tag == "Response":
                call.first_twiml = document
                call.documents.append(("Twiml", document))
                return self.world.base_url + "/", document
            self.world.fail(call, f"call {call.call_sid}: its Twiml is <{document.tag}>")
        self.flow.hear(run, leg, "Say", APPLICATION_ERROR)
        return None

    def _progress(
        self, call: OutboundCall, run: Run, base: dict[str, str], event: str, status: str
    ) -> None:
        if call.status_callback_url is None or event not in call.status_callback_events:
            return
        self._callback(call, {**base, "CallStatus": status}, run.clock.now)

    def ended(
        self, call: OutboundCall, at_s: float = 0.0, base: dict[str, str] | None = None
    ) -> None:
        """The final status callback, sent whatever events were asked for."""
        if call.status_callback_url is None:
            return
        params = {
            **(base or {"CallSid": call.call_sid, "AccountSid": self.world.account_sid}),
            "From": call.from_,
            "To": call.to,
            "Direction": "outbound-api",
            "ApiVersion": API_VERSION,
            "CallStatus": call.status,
            "CallDuration": str(math.ceil(call.duration)),
        }
        call.status_callback = params
        self._callback(call, params, at_s)

    def _callback(self, call: OutboundCall, params: dict[str, str], at_s: float) -> None:
        url = call.status_callback_url
        assert url is not None
        params = {
            **params,
            "Timestamp": rfc2822(call.created_at + timedelta(seconds=at_s)),
            "CallbackSource": "call-progress-events",
            "SequenceNumber": str(len(call.status_callbacks)),
        }
        call.status_callbacks.append(params)
        response = self.world.deliver(call, call.status_callback_method, url, params)
        if not 200 <= response.status_code < 300:
            path = self.world.app_path(url)
            self.world.fail(call, f"status callback {path} answered {response.status_code}")
