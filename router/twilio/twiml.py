"""TwiML both channels use: relative webhook URLs, speech in Twilio's language codes, hanging
up. What a call or a text says lives with its channel (router/calls/, router/texts/)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Gather, VoiceResponse

# Our languages (en | es) as Twilio's <Say> names them.
SAY_LANGUAGE = {"en": "en-US", "es": "es-US"}

# What XML 1.0 cannot carry (C0 controls but tab and newline, lone surrogates, U+FFFE/FFFF)
# and what carriers' GSM and speech engines drop or choke on (DEL, the C1 controls).
_UNCARRIABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What no database, XML document or carrier can carry, in a webhook field or a stored text:
# NUL and the other C0 controls but tab, newline and carriage return; DEL and the C1
# controls; lone surrogates; the noncharacters U+FFFE/FFFF. (PostgreSQL refuses NUL in text.)
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A name is spoken, not read out as a page: anything longer was never a name.
NAME_SPOKEN_MAX = 100


def speakable(text: str) -> str:
    """`text` without the characters that would make a TwiML document unparseable."""
    return _UNCARRIABLE.sub("", text)


def storable(text: str) -> str:
    """`text` without the characters a database, XML 1.0 or a carrier cannot carry; line
    breaks and tabs stay (a patient's text keeps its lines)."""
    return _UNSTORABLE.sub("", text)


def spoken_name(name: str) -> str:
    """A practice's, clinician's or patient's name as it may be said on a call."""
    return " ".join(speakable(name).split())[:NAME_SPOKEN_MAX]


def say_language(language: str) -> str:
    return SAY_LANGUAGE.get(language, "en-US")


def url(path: str, **query: str | int) -> str:
    """A relative webhook URL: Twilio resolves it against the URL it requested."""
    return f"{path}?{urlencode(query)}" if query else path


def say(response: VoiceResponse | Gather, text: str, language: str) -> None:
    response.say(speakable(text), language=say_language(language))


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
