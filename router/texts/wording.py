"""What texts say. Replies to patients are GSM-7 and fit one segment where they can."""

from __future__ import annotations

from policies.gsm import to_gsm7

_REPLIES: dict[str, dict[str, str]] = {
    "notified": {
        "en": "{practice}: your message reached {who}. Expect a reply within {minutes} min.",
        "es": "{practice}: su mensaje llego a {who}. Espere respuesta en {minutes} min.",
    },
    "nobody": {
        "en": "{practice}: nobody is on call right now. Call or text 988 now, "
        "or 911 if you are in immediate danger. We will follow up in the morning.",
        "es": "{practice}: no hay nadie de guardia ahora. Llame o escriba al 988, "
        "o al 911 si esta en peligro inmediato. Le contactaremos en la manana.",
    },
    "danger": {
        "en": " If you are in danger call 911. You can call or text 988 any time.",
        "es": " Si esta en peligro llame al 911. Puede llamar o escribir al 988.",
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


def role_or_first_name(first_name: str, duty: bool) -> str:
    """Who was notified, as a patient may be told: a first name, or a role."""
    if duty:
        return f"{first_name} (clinician on duty)" if first_name else "the clinician on duty"
    return f"{first_name} (on call)" if first_name else "the clinician on call"


# Texts to clinicians: the patient's display name and message, nothing more (S7).
def relay(label: str, body: str, code: int | None, *, escalated: bool = False) -> str:
    tag = f"[#{code} {label}]" if code else f"[{label}]"
    how = f"reply #{code} to answer" if code else "reply here to answer"
    note = " (not yet answered by the first clinician)" if escalated else ""
    return f"{tag} {body} - {how}{note}"


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
