"""Cookies and CSRF for the pages.

Signed in, a form's CSRF token is derived from the session's own token. Before sign-in (the
sign-in and set-password forms) it is a signed double-submit: a random cookie, and in the
form that cookie's HMAC under a server key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from router.core.settings import get_settings
from router.twilio.signature import webhook_token

SESSION_COOKIE = "ah_session"
SIGN_IN_COOKIE = "ah_signin"  # between the password and the code
FORM_COOKIE = "ah_form"  # the pre-sign-in double-submit cookie


def _server_key() -> bytes:
    # Derived from the webhook secret every replica shares, never the secret itself.
    secret = webhook_token(get_settings()).encode()
    return hmac.new(secret, b"afterhours page forms v1", hashlib.sha256).digest()


def cookie_options() -> dict[str, Any]:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": get_settings().public_base_url.startswith("https://"),
        "path": "/",
    }


def form_cookie(request: Request) -> tuple[str, bool]:
    """This browser's double-submit cookie, and whether it is new (to be set)."""
    value = request.cookies.get(FORM_COOKIE, "")
    if len(value) >= 32:
        return value, False
    return secrets.token_urlsafe(32), True


def presign_token(cookie_value: str) -> str:
    return hmac.new(_server_key(), cookie_value.encode(), hashlib.sha256).hexdigest()


def presign_ok(request: Request, submitted: str) -> bool:
    value = request.cookies.get(FORM_COOKIE, "")
    return bool(value) and hmac.compare_digest(presign_token(value), submitted or "")


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, **cookie_options())


def clear_cookie(response: Response, name: str) -> None:
    options = cookie_options()
    response.delete_cookie(
        name,
        path=options["path"],
        secure=options["secure"],
        httponly=True,
        samesite=options["samesite"],
    )
