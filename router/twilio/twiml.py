"""TwiML both channels use: relative webhook URLs, speech in Twilio's language codes, hanging
up. What a call or a text says lives with its channel (router/calls/, router/texts/)."""

from __future__ import annotations

from urllib.parse import urlencode

from twilio.twiml.voice_response import VoiceResponse

# Our languages (en | es) as Twilio's <Say> names them.
SAY_LANGUAGE = {"en": "en-US", "es": "es-US"}


def say_language(language: str) -> str:
    return SAY_LANGUAGE.get(language, "en-US")


def url(path: str, **query: str | int) -> str:
    """A relative webhook URL: Twilio resolves it against the URL it requested."""
    return f"{path}?{urlencode(query)}" if query else path


def say(response: VoiceResponse, text: str, language: str) -> None:
    response.say(text, language=say_language(language))


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
