"""S6 under a careless operator: a blank token, a token file left empty, a token rotation."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from router.core.settings import get_settings
from router.twilio import signature
from router.twilio.sim import sign
from tests.clinic import BASE_URL, PRACTICE_NUMBER, SAM

CALL = {"CallSid": "CA" + "d" * 32, "From": SAM, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def _post(client, token: str):
    url = "/twilio/voice/fallback"
    return client.post(
        url,
        data=CALL,
        headers={"X-Twilio-Signature": sign(token, BASE_URL + url, list(CALL.items()))},
    )


@pytest.fixture
def development(monkeypatch, database_url, tmp_path) -> Path:
    """No TWILIO_AUTH_TOKEN: webhooks are signed with the development token file."""
    monkeypatch.delenv("TWILIO_AUTH_TOKEN", raising=False)
    get_settings.cache_clear()
    return tmp_path / "dev-token"


@pytest.mark.parametrize("content", ["", "   \n", "\n"])
def test_a_blank_development_token_file_refuses_a_request_signed_with_the_empty_key(
    client, development, content
):
    development.write_text(content)
    assert _post(client, content).status_code == 403
    assert _post(client, "").status_code == 403


@pytest.mark.parametrize("token", ["", " ", "\t"])
def test_a_blank_twilio_auth_token_refuses_every_signature(
    client, monkeypatch, database_url, token
):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", token)
    get_settings.cache_clear()
    assert _post(client, token).status_code == 403
    assert _post(client, "").status_code == 403


def test_the_development_token_is_created_once_never_empty_and_private(development):
    settings = get_settings()
    tokens: list[str] = []
    threads = [
        threading.Thread(target=lambda: tokens.append(signature.webhook_token(settings)))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tokens)) == 1
    assert len(tokens[0]) >= 32
    assert development.read_text() == tokens[0]
    assert development.stat().st_mode & 0o077 == 0
    assert not [p for p in development.parent.iterdir() if p.name.startswith(".dev-token")]


def test_a_request_signed_with_the_development_token_is_accepted(client, development):
    token = signature.webhook_token(get_settings())
    assert _post(client, token).status_code == 200


def test_the_previous_auth_token_is_accepted_during_rotation(client, monkeypatch, database_url):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "new-token-0123456789abcdef0123456")
    monkeypatch.setenv("TWILIO_AUTH_TOKEN_PREVIOUS", "old-token-0123456789abcdef0123456")
    get_settings.cache_clear()
    assert _post(client, "new-token-0123456789abcdef0123456").status_code == 200
    assert _post(client, "old-token-0123456789abcdef0123456").status_code == 200
    assert _post(client, "another-token-0123456789abcdef01").status_code == 403


def test_a_blank_previous_token_is_not_a_second_key(client, monkeypatch, database_url):
    monkeypatch.setenv("TWILIO_AUTH_TOKEN_PREVIOUS", " ")
    get_settings.cache_clear()
    assert _post(client, "").status_code == 403
    assert _post(client, " ").status_code == 403


def test_the_token_file_is_not_readable_by_others(development):
    signature.webhook_token(get_settings())
    assert oct(os.stat(development).st_mode & 0o777) == "0o600"
