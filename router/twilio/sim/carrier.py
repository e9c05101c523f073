"""What the carrier side of Twilio decides: segments, reachable numbers, STOP and START.

Independent of policies/gsm.py on purpose: the sim checks the app against Twilio's rules,
not against the app's own reading of them.
"""

from __future__ import annotations

import math
import re

MAX_BODY = 1600  # characters in one message, over every segment
E164 = re.compile(r"\+[1-9]\d{6,14}")

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|€\f")  # two septets each

# Twilio's default handling of carrier keywords on long codes (exact, single word).
OPT_OUT_WORDS = frozenset(
    {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"}
)
OPT_IN_WORDS = frozenset({"START", "YES", "UNSTOP"})
OPT_OUT_REPLY = (
    "You have successfully been unsubscribed. You will not receive any more messages from "
    "this number. Reply START to resubscribe."
)
OPT_IN_REPLY = (
    "You have successfully been re-subscribed to messages from this number. Reply HELP for "
    "help. Reply STOP to unsubscribe. Msg&Data Rates May Apply."
)


def segments(body: str) -> int:
    """The segments Twilio bills for `body`: GSM-7 160 then 153 each, else UCS-2 70 then 67."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in body):
        units = sum(2 if char in GSM7_EXTENSION else 1 for char in body)
        single, split = 160, 153
    else:
        units = len(body.encode("utf-16-le")) // 2  # an emoji takes two UCS-2 units
        single, split = 70, 67
    return 1 if units <= single else math.ceil(units / split)


def keyword_answer(body: str, opted_out: bool) -> tuple[bool, str] | None:
    """Twilio's own answer to a carrier keyword: (opted out after it, the reply), or None
    when `body` is not one that changes anything."""
    word = body.strip().upper()
    if word in OPT_OUT_WORDS:
        return True, OPT_OUT_REPLY
    if word in OPT_IN_WORDS and opted_out:
        # Simplification: YES from a subscribed phone is just a text, with no reply.
        return False, OPT_IN_REPLY
    return None
