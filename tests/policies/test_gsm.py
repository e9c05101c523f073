"""SMS text rules: replies in GSM-7, and what a text costs in segments."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.gsm import GSM7, GSM7_EXTENSION, fit_one_segment, is_gsm7, segments, to_gsm7

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cCall 988\u201d", '"Call 988"'),
        ("We\u2019ll call you back", "We'll call you back"),
        ("\u2018soon\u2019", "'soon'"),
        ("9 pm \u2013 8 am \u2014 every night", "9 pm - 8 am - every night"),
        ("wait\u2026", "wait..."),
        ("call\u00a0988", "call 988"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("\u00abhola\u00bb", '"hola"'),
        ("\tindent", " indent"),
    ],
)
def test_look_alikes_become_their_gsm7_twins(text: str, expected: str) -> None:
    assert to_gsm7(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks \U0001f64f", "Thanks "),
        ("ok \U0001f44d\U0001f3fd!", "ok !"),
        ("\U0001f468\u200d\U0001f469\u200d\U0001f467 family", " family"),
        ("\U0001f1fa\U0001f1f8 flag", " flag"),
        ("\u2764\ufe0f you", " you"),
        ("press 1\ufe0f\u20e3", "press 1"),
        ("\u4f60\u597d hi", " hi"),
    ],
)
def test_emoji_and_other_scripts_are_dropped(text: str, expected: str) -> None:
    assert to_gsm7(text) == expected


def test_spanish_keeps_what_gsm7_has_and_loses_only_other_accents() -> None:
    assert to_gsm7("¿Señal? ¡Sí! Él está aquí, mañana, pingüino") == (
        "¿Señal? ¡Si! Él esta aqui, mañana, pingüino"
    )
    assert to_gsm7("ÁÉÍÓÚ áéíóú Ññ Üü") == "AÉIOU aéiou Ññ Üü"
    assert to_gsm7("e\u0301") == "é"


def test_gsm7_text_is_left_alone() -> None:
    text = "Dr. Lee has been told. Call or text 988; 911 if in danger. {€5} [a~b] ^|\\ @£$¥"
    assert is_gsm7(text)
    assert to_gsm7(text) == text


@pytest.mark.parametrize("text", ["\u201cquoted\u201d", "emoji \U0001f600", "á", "\x1b", "\t"])
def test_anything_outside_gsm7_is_not_gsm7(text: str) -> None:
    assert not is_gsm7(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 153 * 2, 2),
        ("a" * (153 * 2 + 1), 3),
        ("a" * 153 * 3, 3),
    ],
)
def test_gsm7_segments_are_160_then_153(text: str, count: int) -> None:
    assert segments(text) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("€" * 80, 1),
        ("€" * 81, 2),
        ("a" * 159 + "{", 2),
        ("a" * 158 + "~", 1),
        ("[" * 152, 2),
        ("]" * 153, 3),
    ],
)
def test_extension_characters_count_double(text: str, count: int) -> None:
    assert all(c in GSM7_EXTENSION for c in text.strip("a"))
    assert segments(text) == count


def test_an_escape_pair_is_never_split_across_segments() -> None:
    # 306 septets would fill two segments exactly, but the euro cannot straddle them.
    assert segments("a" * 152 + "€" + "a" * 152) == 3


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("á" * 70, 1),
        ("á" * 71, 2),
        ("á" * 67 * 2, 2),
        ("á" * (67 * 2 + 1), 3),
        ("\u201c" + "a" * 69, 1),
        ("\u201c" + "a" * 70, 2),
        ("\U0001f600" * 35, 1),
        ("\U0001f600" * 36, 2),
    ],
)
def test_ucs2_segments_are_70_then_67_code_units(text: str, count: int) -> None:
    assert segments(text) == count


def test_a_surrogate_pair_is_never_split_across_segments() -> None:
    assert segments("á" * 66 + "\U0001f600" + "á" * 66) == 3


def test_one_curly_quote_turns_a_full_text_into_three_segments() -> None:
    plain = "a" * 158 + "'"
    curly = "a" * 158 + "\u2019"
    assert fit_one_segment(plain)
    assert not fit_one_segment(curly)
    assert segments(curly) == 3
    assert fit_one_segment(to_gsm7(curly))


def test_fit_one_segment_at_the_boundary() -> None:
    assert fit_one_segment("")
    assert fit_one_segment("a" * 160)
    assert not fit_one_segment("a" * 161)
    assert not fit_one_segment("a" * 159 + "€")


@PROPERTY_SETTINGS
@given(text=st.text())
def test_to_gsm7_always_gives_gsm7(text: str) -> None:
    converted = to_gsm7(text)
    assert is_gsm7(converted)
    assert to_gsm7(converted) == converted


@PROPERTY_SETTINGS
@given(text=st.text(alphabet=sorted(GSM7)))
def test_gsm7_text_survives_unchanged(text: str) -> None:
    assert to_gsm7(text) == text


@PROPERTY_SETTINGS
@given(text=st.text(max_size=2000))
def test_segments_hold_the_text(text: str) -> None:
    count = segments(text)
    if is_gsm7(text):
        septets = len(text) + sum(c in GSM7_EXTENSION for c in text)
        single, multi, size = 160, 153, septets
    else:
        single, multi, size = 70, 67, len(text.encode("utf-16-le")) // 2
    if size == 0:
        assert count == 0
    elif size <= single:
        assert count == 1
    else:
        # a two-unit character that would straddle a boundary wastes at most one unit
        assert -(-size // multi) <= count <= -(-size // (multi - 1))
    assert fit_one_segment(text) == (size <= single)
