"""S6: only Twilio speaks for Twilio. There is no switch that turns this off."""

from __future__ import annotations

from fastapi import HTTPException, Request
from starlette.datastructures import FormData
from twilio.request_validator import RequestValidator

from router.core.settings import get_settings


def public_url(request: Request) -> str:
    """The URL Twilio requested: PUBLIC_BASE_URL + path + raw query (proxies rewrite the rest)."""
    query = request.url.query
    return get_settings().public_base_url + request.url.path + (f"?{query}" if query else "")


async def twilio_form(request: Request) -> FormData:
    """The webhook's form fields, once its X-Twilio-Signature is proven; 403 otherwise."""
    form = await request.form()
    signature = request.headers.get("X-Twilio-Signature", "")
    validator = RequestValidator(get_settings().webhook_token())
    if not signature or not validator.validate(public_url(request), form, signature):
        raise HTTPException(status_code=403, detail="invalid or missing X-Twilio-Signature")
    return form
