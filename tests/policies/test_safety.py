"""Replies to the safety check, and a clinician's texts that read as commands (issue 8)."""

import pytest

from policies.safety import SafetyAnswer, is_safety_answer, looks_like_command


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("YES", "en"),
        ("yes", "en"),
        ("y", "en"),
        ("Yeah I'm safe", "en"),
        ("yes, thank you for checking", "en"),
        ("im safe", "en"),
        ("I am ok", "en"),
        ("safe", "en"),
        ("Sí", "es"),
        ("si estoy bien gracias", "es"),
        ("estoy a salvo", "es"),
        ("si", "en"),
    ],
)
def test_a_yes_to_the_safety_check_is_yes(text: str, language: str) -> None:
    assert is_safety_answer(text, language) is SafetyAnswer.YES


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("NO", "en"),
        ("no", "es"),
        ("n", "en"),
        ("nope", "en"),
        ("not really", "en"),
        ("no im not", "en"),
        ("I'm not safe", "en"),
        ("i dont feel safe", "en"),
        ("yes... actually no, not safe", "en"),
        ("I'm not", "en"),
        ("no estoy a salvo", "es"),
        ("no me siento segura", "es"),
        ("no, no estoy bien", "es"),
    ],
)
def test_a_no_to_the_safety_check_is_no(text: str, language: str) -> None:
    assert is_safety_answer(text, language) is SafetyAnswer.NO


@pytest.mark.parametrize(
    "text",
    ["", "   ", "i dont know", "maybe", "can you call me", "yes no", "?", "no sé", "🙏"],
)
def test_anything_unclear_is_not_an_answer(text: str) -> None:
    # The caller treats it like silence: the check times out and the contact goes high.
    assert is_safety_answer(text, "en") is None


@pytest.mark.parametrize(
    "text",
    [
        "STOP",
        "stop",
        "OFF",
        "off now",
        "on till 2am",
        "ON until 23:30",
        "on 2am",
        "help me set ON",
        "set me on",
        "WHO",
        "who's on call",
        "HELP",
        "UNSUBSCRIBE",
        "Cancel",
        "please STOP",
    ],
)
def test_a_command_or_carrier_keyword_in_a_thread_is_caught(text: str) -> None:
    assert looks_like_command(text)


@pytest.mark.parametrize(
    "text",
    [
        "on my way, call you in 5",
        "Hi Sam, I'm here. Can you tell me what's going on?",
        "ok",
        "yes",
        "Who is with you right now?",
        "Please stop for a second and breathe with me",
        "you can turn the lights off and try to rest",
        "I'll call at 9am tomorrow",
        "",
    ],
)
def test_an_ordinary_reply_is_relayed(text: str) -> None:
    assert not looks_like_command(text)
