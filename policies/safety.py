"""The wording of two short exchanges (issue 8): a patient's answer to the safety check, and a
clinician's text that reads like a command rather than a reply for the patient.

- `is_safety_answer`: after "Are you safe right now? Reply YES or NO", is this reply a YES,
  a NO, or not an answer? Any doubt is "not an answer" (None), which the caller treats like
  silence: the check times out and the contact becomes high risk. The reply is triaged as
  any text as well ("yes, but I took 30 pills" is a YES here and HIGH there).
- `looks_like_command`: inside an open thread, a clinician's "STOP", "OFF", "on till 2am" or
  "help me set ON" is never relayed to the patient; the clinician is asked what they meant.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class SafetyAnswer(StrEnum):
    YES = "yes"
    NO = "no"


_YES_FIRST = frozenset(
    "yes y yeah yea yep yup ya ye yess yass ok okay k safe si sip simon claro seguro segura".split()
)
_NO_FIRST = frozenset("no n nope nah naw not nel".split())
# Words that may follow a YES without changing it ("yes I'm safe, thank you").
_AFTER_YES = frozenset(
    (
        "i im am i'm safe ok okay fine good alright right now for the moment thanks thank you "
        "u ty for asking checking yes sure really promise tonight and just "
        "estoy bien a salvo segura seguro ahora gracias por preguntar si claro ya todo tranquila "
        "tranquilo de momento ahorita"
    ).split()
)
# Words that may follow a NO without changing it ("no I'm not", "no, not really").
_AFTER_NO = frozenset(
    (
        "i im am not really safe right now at all no dont think so feel ok okay fine good "
        "estoy me siento a salvo segura seguro ahora no creo realmente la verdad mucho bien"
    ).split()
)
# A NO wherever it stands: these outweigh a leading "yes" ("yes... no, I'm not safe").
_NOT_SAFE = re.compile(
    r"\b(?:not|dont feel|no longer|never) (?:\w+ ){0,2}safe\b|\bunsafe\b"
    r"|\bno (?:\w+ ){0,2}(?:a salvo|segur[ao])\b"
    r"|\bi(?:m| am) not(?: (?:safe|ok|okay|sure|fine|good|really|alright))?$"
)


_FINE = frozenset("safe ok okay fine good alright".split())


def _words(text: str) -> list[str]:
    decomposed = unicodedata.normalize(
        "NFKD", text.casefold().replace("'", "").replace("\u2019", "")
    )
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[a-z]+", folded)


def is_safety_answer(text: str, language: str = "en") -> SafetyAnswer | None:
    """YES, NO, or None when the reply is not a clear answer to "Are you safe right now?".

    English and Spanish answers are both read whatever `language` the question was asked in:
    patients answer in the language that comes first at 2 a.m.
    """
    del language  # both languages are read; the parameter names the question's language
    words = _words(text)
    if not words:
        return None
    joined = " ".join(words)
    if _NOT_SAFE.search(joined):
        return SafetyAnswer.NO
    first, rest = words[0], set(words[1:])
    if first in _NO_FIRST and rest <= _AFTER_NO:
        return SafetyAnswer.NO
    if first in _YES_FIRST and not rest & _NO_FIRST:
        return SafetyAnswer.YES
    if first in ("i", "im") and rest <= _AFTER_YES and rest & _FINE:
        return SafetyAnswer.YES  # "I'm safe", "I am ok"
    if first == "estoy" and rest <= _AFTER_YES and rest & {"bien", "salvo", "segura", "seguro"}:
        return SafetyAnswer.YES  # "estoy bien", "estoy a salvo"
    return None


# Carrier keywords (opt-out, opt-in, help) that a carrier or Twilio may act on by themselves.
CARRIER_KEYWORDS = frozenset(
    "stop stopall unsubscribe cancel end quit optout revoke start unstop help info".split()
)
# The practice number's own commands for clinicians (SPEC §8).
COMMANDS = frozenset({"on", "off", "who", "help"})
_TIME = re.compile(
    r"\b(?:\d{1,2}:\d{2}|\d{1,2}\s*(?:am|pm|a\.m|p\.m|h|hrs)|midnight|noon|medianoche)\b"
)
_UNTIL = frozenset("till til until untill to hasta through".split())
_SETTING = frozenset("set turn switch put make me sign log mark".split())
_SHORT = 8  # words: a command is short; a reply to a patient rarely is this terse


def looks_like_command(text: str) -> bool:
    """Whether a clinician's text in an open thread reads as a command or a carrier keyword."""
    raw = unicodedata.normalize("NFKC", text).strip()
    words = _words(raw)
    if not words:
        return False
    if len(words) == 1 and (words[0] in CARRIER_KEYWORDS or words[0] in COMMANDS):
        return True  # "STOP", "off", "Who?"
    if len(words) > _SHORT:
        return False
    first = words[0]
    rest = words[1:]
    if first == "on" and (set(rest) & _UNTIL or _TIME.search(raw.casefold())):
        return True  # "on till 2am", "ON 23:00"
    if first == "off" and set(rest) <= {"now", "tonight", "duty", "call", "please", "for", "the"}:
        return True  # "off now", "off call"
    if first in ("who", "whos") and set(rest) <= {
        "is",
        "s",
        "on",
        "call",
        "tonight",
        "now",
        "duty",
    }:
        return True  # "who's on call"
    shouted = {token.casefold() for token in re.findall(r"\b[A-Z]{2,}\b", raw)}
    if shouted & (COMMANDS | CARRIER_KEYWORDS) and len(words) > 1:
        return True  # "help me set ON", "please STOP"
    if set(words) & _SETTING and set(words) & {"on", "off"} and set(words) & {"me", "set", "turn"}:
        return True  # "set me on", "turn me off"
    return False
