"""What texts say. Replies to patients are GSM-7 and fit one segment where they can."""

from __future__ import annotations

from policies.gsm import to_gsm7

_REPLIES: dict[str, dict[str, str]] = {
    # S3: every reply gives crisis resources, in one segment where the practice name allows.
    "notified": {
        "en": "{practice}: your message reached {who}. Expect a reply within {minutes} min. "
        "Call or text 988; 911 in immediate danger.",
        "es": "{practice}: su mensaje llego a {who}. Espere respuesta en {minutes} min. "
        "Llame o escriba al 988; 911 si hay peligro inmediato.",
    },
    # A text that reads as possibly unsafe: the safety check (router/texts/safety_check.py).
    "safety_check": {
        "en": "{practice}: {who} will reply within {minutes} min. Are you safe right now? "
        "Reply YES or NO. Call or text 988; 911 in immediate danger.",
        "es": "{practice}: {who} le respondera en {minutes} min. Esta a salvo ahora? "
        "Responda SI o NO. Llame o escriba al 988; 911 si hay peligro.",
    },
    # Someone else (a child) swallowed something: 911 and poison control first.
    "poison": {
        "en": "{practice}: {who} is told. If someone swallowed something call 911 now, or "
        "Poison Control 1-800-222-1222. You can call or text 988.",
        "es": "{practice}: avisamos a {who}. Si alguien trago algo llame al 911 ya, o a "
        "Toxicologia 1-800-222-1222. Llame o escriba al 988.",
    },
    "poison_nobody": {
        "en": "{practice}: nobody is on call right now. If someone swallowed something call "
        "911 now, or Poison Control 1-800-222-1222. You can call or text 988.",
        "es": "{practice}: no hay nadie de guardia ahora. Si alguien trago algo llame al 911 "
        "ya, o a Toxicologia 1-800-222-1222. Llame o escriba al 988.",
    },
    "nobody": {
        "en": "{practice}: nobody is on call right now. Call or text 988 now, "
        "or 911 if you are in immediate danger. We will follow up in the morning.",
        "es": "{practice}: no hay nadie de guardia ahora. Llame o escriba al 988, "
        "o al 911 si esta en peligro inmediato. Le contactaremos en la manana.",
    },
    "unanswered": {
        "en": "{practice}: we could not reach a clinician. Please call or text 988 now, "
        "or 911 if you are in immediate danger. We will follow up first thing.",
        "es": "{practice}: no pudimos contactar a un clinico. Llame o escriba al 988 ahora, "
        "o al 911 si esta en peligro inmediato. Le contactaremos temprano.",
    },
    "help": {
        "en": "{practice} after-hours line. Text us and the clinician on call is told. "
        "In a crisis call or text 988; 911 in immediate danger.",
        "es": "Linea fuera de horario de {practice}. Escribanos y avisamos al clinico de "
        "guardia. En crisis llame o escriba al 988; 911 si hay peligro inmediato.",
    },
    "failsafe": {
        "en": "We got your message but could not reach the on-call team just now. "
        "Call or text 988 now, or 911 if you are in immediate danger.",
        "es": "Recibimos su mensaje pero no pudimos avisar al equipo ahora. "
        "Llame o escriba al 988, o al 911 si esta en peligro inmediato.",
    },
}


def reply(key: str, language: str, **values: object) -> str:
    texts = _REPLIES[key]
    return to_gsm7((texts.get(language) or texts["en"]).format(**values))


_ROLES: dict[str, dict[bool, tuple[str, str]]] = {
    # (after a first name, alone), on duty (True) or on call (False)
    "en": {
        True: ("clinician on duty", "the clinician on duty"),
        False: ("on call", "the clinician on call"),
    },
    "es": {
        True: ("clinico de turno", "el clinico de turno"),
        False: ("de guardia", "el clinico de guardia"),
    },
}


def role_or_first_name(first_name: str, duty: bool, language: str = "en") -> str:
    """Who was notified, as a patient may be told: a first name, or a role, in the patient's
    language (a Spanish-speaking patient reads Spanish only)."""
    after, alone = (_ROLES.get(language) or _ROLES["en"])[duty]
    return f"{first_name} ({after})" if first_name else alone


# Texts to clinicians: the patient's display name and message, nothing more (S7).
# A photo or other media (MMS) is never forwarded: the text says one was sent.
PHOTO = "[photo]"
MEDIA_NOTE = " (media is not forwarded)"


def with_media(body: str, num_media: int) -> str:
    """The body as relayed: "[photo]" before any caption when media came, never empty."""
    return f"{PHOTO} {body}".strip() if num_media > 0 else body


def relay(label: str, body: str, code: int | None, *, escalated: bool = False) -> str:
    tag = f"[#{code} {label}]" if code else f"[{label}]"
    how = f"reply #{code} to answer" if code else "reply here to answer"
    note = " (not yet answered by the first clinician)" if escalated else ""
    media = MEDIA_NOTE if PHOTO in body else ""
    return f"{tag} {body}{media} - {how}{note}"


# Texts to clinicians about the safety check ("Are you safe right now?").
SAFETY_ANSWERED = {
    "yes": " (answer to 'Are you safe right now?': YES)",
    "no": " (answer to 'Are you safe right now?': NO - now urgent)",
}
SAFETY_UNANSWERED = (
    "afterhours: {label} did not answer 'Are you safe right now?' within {minutes} min. "
    "Now urgent: please call or text them."
)


def reads_like_command(label: str, code: int) -> str:
    """A clinician's text in a thread that reads like a command: not sent; what did they mean?"""
    return (
        f"Not sent to {label.rstrip('.')}: that reads like a command. To send it to them, "
        f"start with #{code}. Commands (ON until HH:MM, OFF, WHO, HELP) go alone."
    )


CLINICIAN_HELP = (
    "Reply to a patient by texting back here. With several open threads start with the "
    "code, e.g. #2 On my way. Commands: ON [until HH:MM], OFF, WHO, HELP."
)


# The page call a high-risk text places: no name until the clinician presses 1 (S7).
PAGE_PROMPT = (
    "This is the {practice} after-hours line. A patient's text reads as urgent. "
    "Check your texts. Press 1 to be connected to the patient now."
)
PAGE_NO_KEY = "No key pressed. Please check your texts. Goodbye."
PAGE_DECLINED = "Please check your texts. Goodbye."
PAGE_PROMPT_FAILED = "Please check your texts from the after-hours line."
PAGE_NO_NUMBER = "The patient's number is not available. Goodbye."


def page_connecting(name: str) -> str:
    return f"Connecting you to {name.rstrip('.')}."
