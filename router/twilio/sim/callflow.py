"""Following a call's voice TwiML, leg by leg: Say, Play, Pause, Gather, Redirect, Dial (with
a <Number url> whisper on the callee), Hangup and Reject.

Voice time is simulated: speech at 15 characters a second, 5 s a <Play>, phones answering
after their ring time, conversations of `conversation_s`.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urljoin

from router.twilio.sim.devices import Behaviour, Phone
from router.twilio.sim.records import API_VERSION, CallRecord, DialLeg, EndedBy, new_call_sid
from router.twilio.sim.world import World, read_twiml

APPLICATION_ERROR = "We are sorry, an application error has occurred. Goodbye."
SPEECH_CHARS_PER_S = 15.0
PLAY_S = 5.0
SCREEN_OUT_S = 1.0  # busy and failed legs end about this fast

Request = tuple[str, str, dict[str, str]]  # (method, url, params): the next fetch on a leg


class CallerHungUp(Exception):
    pass


class _AppError(Exception):
    pass


class CallClock:
    """Seconds into a call; past the caller's patience, the caller hangs up."""

    def __init__(self, caller_hangs_up_at: float | None) -> None:
        self.now = 0.0
        self.limit = caller_hangs_up_at

    def advance(self, seconds: float) -> None:
        if self.limit is not None and self.now + seconds > self.limit:
            self.now = self.limit
            raise CallerHungUp
        self.now += seconds


@dataclass
class Leg:
    who: str  # "caller" or the number of the phone on this leg
    params: dict[str, str]  # sent with every request on this leg
    presses: deque[str | None]
    is_caller: bool  # runs the call's own TwiML: may <Dial>, falls back to the fallback URL
    phone: Phone | None = None  # the sim's phone on this leg, which records what it heard


@dataclass
class Run:
    record: CallRecord
    clock: CallClock
    caller_id: str  # the callerId of a <Dial> that names none
    fallback_url: str | None = None
    fallback_used: bool = False


class CallFlow:
    def __init__(self, world: World, conversation_s: float) -> None:
        self.world = world
        self.conversation_s = conversation_s

    def _fetch_once(self, run: Run, method: str, url: str, params: Mapping[str, str]) -> ET.Element:
        response = self.world.deliver(run.record, method, url, params)
        document, message = read_twiml(f"{method} {self.world.app_path(url)}", response)
        if document is not None:
            run.record.first_twiml = run.record.first_twiml or document
            run.record.documents.append((url, document))
            return document
        self.world.fail(run.record, message)
        raise _AppError(message)

    def fetch(
        self, run: Run, leg: Leg, method: str, url: str, params: Mapping[str, str]
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
        self.hear(run, leg, "Say", APPLICATION_ERROR)
        return None

    def hear(self, run: Run, leg: Leg, verb: str, text: str, seconds: float = 0.0) -> None:
        run.record.transcript.append((leg.who, verb, text))
        if leg.phone is not None and verb == "Say":
            leg.phone.heard.append(text)
        run.clock.advance(seconds)

    def _play(self, run: Run, leg: Leg, verb: ET.Element) -> None:
        if verb.tag == "Say":
            text = " ".join("".join(verb.itertext()).split())
            self.hear(run, leg, "Say", text, len(text) / SPEECH_CHARS_PER_S)
        elif verb.tag == "Play":
            sound = (verb.text or "").strip() or f"digits:{verb.get('digits', '')}"
            self.hear(run, leg, "Play", sound, PLAY_S)
        elif verb.tag == "Pause":
            length = float(verb.get("length", "1"))
            self.hear(run, leg, "Pause", f"{length:g}s", length)
        else:
            self.world.fail(run.record, f"<{verb.tag}> cannot be nested in <Gather>")

    def execute(self, run: Run, leg: Leg, url: str, document: ET.Element) -> EndedBy:
        """Run TwiML verb by verb on one leg; returns how that leg ended."""
        while True:
            following: Request | None = None
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
                    self.world.fail(run.record, f"<{verb.tag}> is not supported in {where} ({url})")
                    return "error"
                if following is not None:
                    break
            if following is None:
                return "completed"
            fetched = self.fetch(run, leg, *following)
            if fetched is None:
                return "error"
            url, document = fetched

    def _gather(self, run: Run, leg: Leg, url: str, gather: ET.Element) -> Request | None:
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
        self, run: Run, leg: DialLeg, behaviour: Behaviour, caller_id: str, url: str, method: str
    ) -> bool:
        """Run a <Number url> whisper on the callee; True when the leg is to be bridged."""
        params = {
            "CallSid": leg.call_sid,
            "ParentCallSid": run.record.call_sid,
            "AccountSid": self.world.account_sid,
            "From": caller_id,
            "To": leg.number,
            "CallStatus": "in-progress",
            "Direction": "outbound-dial",
            "ApiVersion": API_VERSION,
            "Caller": caller_id,
            "Called": leg.number,
        }
        presses = deque(behaviour.presses)
        phone = self.world.device(leg.number)
        callee = Leg(leg.number, params, presses, is_caller=False, phone=phone)
        fetched = self.fetch(run, callee, method.upper(), url, params)
        # A whisper that runs out of verbs without <Hangup/> bridges the call.
        return fetched is not None and self.execute(run, callee, *fetched) == "completed"

    def _dial(
        self, run: Run, caller: Leg, url: str, dial: ET.Element
    ) -> Request | None | Literal["completed", "error"]:
        """Ring the numbers; the action request to make next, None to go on, or the end."""
        record, clock = run.record, run.clock
        targets: list[tuple[str, str | None, str]] = []
        for noun in dial:
            if noun.tag != "Number":
                self.world.fail(record, f"<Dial><{noun.tag}> is not supported by this sim ({url})")
                return "error"
            whisper = urljoin(url, noun.get("url", "")) if noun.get("url") else None
            targets.append(((noun.text or "").strip(), whisper, noun.get("method", "POST")))
        if not targets and (dial.text or "").strip():
            targets.append(((dial.text or "").strip(), None, "POST"))
        if not targets:
            self.world.fail(record, f"<Dial> with nothing to dial ({url})")
            return "error"
        timeout = float(dial.get("timeout", "30"))
        time_limit = float(dial.get("timeLimit", "14400"))
        caller_id = dial.get("callerId") or run.caller_id
        legs: list[tuple[DialLeg, Behaviour, str | None, str]] = []
        for number, whisper, method in targets:
            record.dialled.append(number)
            leg = DialLeg(number, new_call_sid(), "no-answer")
            behaviour = self.world.device(number).ring()
            if behaviour.outcome in ("busy", "failed"):
                leg.outcome = "busy" if behaviour.outcome == "busy" else "failed"
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
        except CallerHungUp:
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
