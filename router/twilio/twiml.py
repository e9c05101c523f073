"""The TwiML documents the voice webhooks answer with."""

from __future__ import annotations

from urllib.parse import urlencode

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from router.twilio.prompts import (
    SCREEN_NO_INPUT,
    SCREEN_PROMPT,
    prompt,
    say_language,
)

CRISIS_RING_S = 60


def url(path: str, **query: str | int) -> str:
    """A relative webhook URL: Twilio resolves it against the URL it requested."""
    return f"{path}?{urlencode(query)}" if query else path


def say(response: VoiceResponse, text: str, language: str) -> None:
    response.say(text, language=say_language(language))


def dial_clinician(
    response: VoiceResponse,
    *,
    contact_id: str,
    step: int,
    number: str,
    ring_timeout_s: int,
    caller_id: str | None,
) -> None:
    """One target per <Dial>; the <Number url> screens the answer before any bridge (S2)."""
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
    gather.say(SCREEN_PROMPT.format(practice=practice_name), language="en-US")
    response.append(gather)
    # A voicemail or silence falls through the Gather: hang up that leg, never bridge it.
    response.say(SCREEN_NO_INPUT, language="en-US")
    response.hangup()
    return str(response)


def spoken_then_hangup(text: str, language: str = "en") -> str:
    response = VoiceResponse()
    say(response, text, language)
    response.hangup()
    return str(response)


def hangup() -> str:
    response = VoiceResponse()
    response.hangup()
    return str(response)


def bridge() -> str:
    """An empty whisper answer: the leg is bridged when it ends."""
    return str(VoiceResponse())


# Both channels: an empty answer, the replies to a text, and the page call's documents.
EMPTY = "<Response/>"


def messages(*bodies: str) -> str:
    """The answer to a text: one <Message> per body (none: the empty answer)."""
    if not bodies:
        return EMPTY
    response = MessagingResponse()
    for body in bodies:
        response.message(body)
    return str(response)


def press_one(action: str, prompt: str, *, timeout_s: int, no_input: str) -> str:
    """A one-digit <Gather> that posts to `action`; without a key, `no_input` and hang up."""
    response = VoiceResponse()
    gather = Gather(num_digits=1, action=action, method="POST", timeout=timeout_s)
    gather.say(prompt, language="en-US")
    response.append(gather)
    response.say(no_input, language="en-US")
    response.hangup()
    return str(response)


def say_then_dial(text: str, number: str, *, caller_id: str | None, timeout_s: int) -> str:
    response = VoiceResponse()
    response.say(text, language="en-US")
    response.dial(number, caller_id=caller_id, timeout=timeout_s)
    return str(response)
