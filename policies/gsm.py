"""SMS text rules (SPEC §8): GSM-7 where we can, and how many segments a text costs.

A text is sent in GSM-7 when every character is in the GSM 03.38 basic set or its extension
table; one emoji or curly quote switches the whole text to UCS-2. GSM-7: 160 septets in one
segment, 153 per segment when split; extension characters take two septets, and an escape
pair is never split across segments. UCS-2: 70 UTF-16 code units in one segment, 67 when
split; a surrogate pair (most emoji) is never split either.
"""

from __future__ import annotations

import unicodedata

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")  # each sent as ESC + a character: two septets
GSM7 = GSM7_BASIC | GSM7_EXTENSION

GSM7_SINGLE, GSM7_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67

# Look-alikes GSM-7 lacks; anything else outside GSM-7 is decomposed (NFKD: "á" is "a",
# "…" is "...", a no-break space is a space) and what still is not GSM-7 is dropped.
_REPLACEMENTS: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\u301d\u301e", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2022\u00b7\u2027\u2219", "-"),
    "\u2039": "<",
    "\u203a": ">",
    "\u2044": "/",
    "\u2215": "/",
    "\t": " ",
    "\u00a0": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u00d7": "x",
    "\u00f7": "/",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    "\u00a2": "c",
    "\u0131": "i",
    "\u0142": "l",
    "\u0141": "L",
    "\u0111": "d",
    "\u0110": "D",
    "\u0153": "oe",
    "\u0152": "OE",
}


def _to_gsm7_char(char: str) -> str:
    if char in GSM7:
        return char
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed == char:
        return ""
    return "".join(_to_gsm7_char(part) for part in decomposed)


def to_gsm7(text: str) -> str:
    """The text in characters GSM-7 can carry: look-alikes replaced, emoji and the rest dropped."""
    # Composed first, so that "e" + a combining acute is the GSM-7 "é", not "e".
    return "".join(_to_gsm7_char(char) for char in unicodedata.normalize("NFC", text))


def is_gsm7(text: str) -> bool:
    return all(char in GSM7 for char in text)


def _fill(sizes: list[int], single: int, multi: int) -> int:
    """Segments for units of these sizes; a unit never straddles two segments."""
    if sum(sizes) <= single:
        return 1 if sizes else 0
    count, used = 1, 0
    for size in sizes:
        if used + size > multi:
            count, used = count + 1, 0
        used += size
    return count


def segments(text: str) -> int:
    """How many SMS segments the text takes as it stands (0 for an empty text)."""
    if is_gsm7(text):
        return _fill([2 if c in GSM7_EXTENSION else 1 for c in text], GSM7_SINGLE, GSM7_MULTI)
    return _fill([2 if ord(c) > 0xFFFF else 1 for c in text], UCS2_SINGLE, UCS2_MULTI)


def fit_one_segment(text: str) -> bool:
    return segments(text) <= 1
