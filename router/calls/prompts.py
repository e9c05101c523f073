"""What callers and clinicians hear on a call, in the patient's language (en | es)."""

from __future__ import annotations

from router.twilio.twiml import spoken_name

_PROMPTS: dict[str, dict[str, str]] = {
    "greeting": {
        "en": "You have reached the {practice} after-hours line. "
        "If you are in immediate danger, hang up and dial 911.",
        "es": "Ha llamado a la línea fuera de horario de {practice}. "
        "Si está en peligro inmediato, cuelgue y marque el 911.",
    },
    "connecting": {
        "en": "We are connecting you to an on-call clinician. Please stay on the line.",
        "es": "Le estamos comunicando con un clínico de guardia. Por favor, no cuelgue.",
    },
    "still_trying": {
        "en": "Still trying. Please stay on the line.",
        "es": "Seguimos intentando. Por favor, no cuelgue.",
    },
    "to_crisis_line": {
        "en": "We are connecting you to a crisis counselor now. "
        "You can also call or text 9 8 8 at any time.",
        "es": "Le estamos comunicando ahora con un consejero de crisis. "
        "También puede llamar o enviar un mensaje al 9 8 8 en cualquier momento.",
    },
    "crisis_unreachable": {
        "en": "We could not reach the crisis line. Please call or text 9 8 8 now. "
        "If you are in immediate danger, dial 911.",
        "es": "No pudimos comunicarnos con la línea de crisis. Llame o envíe un mensaje al "
        "9 8 8 ahora. Si está en peligro inmediato, marque el 911.",
    },
    "failsafe": {
        "en": "You have reached an after-hours line. If you are in immediate danger, "
        "hang up and dial 911. We are connecting you to a crisis counselor now.",
        "es": "",
    },
}

# Spoken to the clinician's phone: nobody's name before the digit (S2, S7).
SCREEN_PROMPT = (
    "After-hours call from a {practice} patient. Press 1 to accept the call. To decline, hang up."
)
SCREEN_NO_INPUT = "No key pressed. The call will go to the next clinician. Goodbye."
SCREEN_DECLINED = "Call declined. The caller will be connected to someone else. Goodbye."
SCREEN_CONNECTING = "Connecting you now. The caller is {patient}"
SCREEN_TOO_LATE = "This call has already been answered or has ended. Goodbye."


def prompt(key: str, language: str, **values: str) -> str:
    """The prompt in the caller's language; the names in it as they may be spoken."""
    texts = _PROMPTS[key]
    text = texts.get(language) or texts["en"]
    return text.format(**{name: spoken_name(value) for name, value in values.items()})


def screen_prompt(practice: str) -> str:
    return SCREEN_PROMPT.format(practice=spoken_name(practice))


def screen_connecting(patient: str) -> str:
    return SCREEN_CONNECTING.format(patient=spoken_name(patient).rstrip(".")) + "."
