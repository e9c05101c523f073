"""S6: only Twilio speaks for Twilio. There is no switch that turns this off."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request
from starlette.datastructures import FormData
from twilio.request_validator import RequestValidator

from router.core.settings import Settings, get_settings


def webhook_token(settings: Settings) -> str:
    """The token that signs webhooks: Twilio's, or this machine's own development token."""
    if settings.twilio_auth_token:
        return settings.twilio_auth_token
    path = Path(settings.dev_token_path)
    if path.exists():
        return path.read_text().strip()
    token = secrets.token_hex(16)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
    return token


def public_url(request: Request) -> str:
    """The URL Twilio requested: PUBLIC_BASE_URL + path + raw query (proxies rewrite the rest)."""
    query = request.url.query
    return get_settings().public_base_url + request.url.path + (f"?{query}" if query else "")


async def twilio_form(request: Request) -> FormData:
    """The webhook's form fields, once its X-Twilio-Signature is proven; 403 otherwise."""
    form = await request.form()
    signature = request.headers.get("X-Twilio-Signature", "")
    validator = RequestValidator(webhook_token(get_settings()))
    if not signature or not validator.validate(public_url(request), form, signature):
        raise HTTPException(status_code=403, detail="invalid or missing X-Twilio-Signature")
    return form
