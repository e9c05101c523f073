"""The documents a call is answered with: dial a clinician, screen the leg, the crisis line,
the fail-safe. Shared TwiML (url, say, hangup) comes from router/twilio/twiml.py."""

from __future__ import annotations

from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from router.calls.prompts import SCREEN_NO_INPUT, prompt, screen_connecting, screen_prompt
from router.twilio.twiml import say, url

CRISIS_RING_S = 60


def greet(response: VoiceResponse, practice_name: str, language: str) -> None:
    say(response, prompt("greeting", language, practice=practice_name), language)


def dial_clinician(
    response: VoiceResponse,
    *,
    contact_id: str,
    step: int,
    number: str,
    ring_timeout_s: int,
    caller_id: str | None,
    language: str,
) -> None:
    """One target per <Dial>; the <Number url> screens the answer before any bridge (S2)."""
    say(response, prompt("connecting" if step == 0 else "still_trying", language), language)
    dial = Dial(
        action=url("/twilio/voice/next", c=contact_id, n=step),
        method="POST",
        timeout=ring_timeout_s,
        answer_on_bridge=True,
        caller_id=caller_id,
    )
    dial.number(number, url=url("/twilio/voice/screen", c=contact_id, n=step), method="POST")
    response.append(dial)


def dial_crisis_line(
    response: VoiceResponse,
    *,
    crisis_line: str,
    language: str,
    contact_id: str | None,
    attempt: int = 1,
) -> None:
    say(response, prompt("to_crisis_line", language), language)
    if contact_id is None:
        response.dial(crisis_line, timeout=CRISIS_RING_S)
        say(response, prompt("crisis_unreachable", language), language)
        return
    response.dial(
        crisis_line,
        timeout=CRISIS_RING_S,
        action=url("/twilio/voice/crisis", c=contact_id, a=attempt),
        method="POST",
    )


def crisis_unreachable(language: str) -> str:
    response = VoiceResponse()
    say(response, prompt("crisis_unreachable", language), language)
    response.hangup()
    return str(response)


def failsafe(crisis_line: str) -> str:
    """S1: what a caller hears when anything fails. Built without the database."""
    response = VoiceResponse()
    say(response, prompt("failsafe", "en"), "en")
    response.dial(crisis_line, timeout=CRISIS_RING_S)
    say(response, prompt("crisis_unreachable", "en"), "en")
    return str(response)


def screen(contact_id: str, step: int, practice_name: str, screen_timeout_s: int) -> str:
    """Played to the clinician who picked up: no name until they press 1."""
    response = VoiceResponse()
    gather = Gather(
        num_digits=1,
        action=url("/twilio/voice/screen/answer", c=contact_id, n=step),
        method="POST",
        timeout=screen_timeout_s,
    )
    say(gather, screen_prompt(practice_name), "en")
    response.append(gather)
    # A voicemail or silence falls through the Gather: hang up that leg, never bridge it.
    say(response, SCREEN_NO_INPUT, "en")
    response.hangup()
    return str(response)


def connecting(patient_name: str) -> str:
    """Said to the clinician who pressed 1, just before the bridge: now the name (S2)."""
    response = VoiceResponse()
    say(response, screen_connecting(patient_name), "en")
    return str(response)
