"""S6: only Twilio speaks for Twilio. There is no switch that turns this off.

Every webhook body is read here, bounded, and parsed as the one thing Twilio sends
(application/x-www-form-urlencoded) before anything else looks at it: a multipart, JSON or
oversized body is refused (415, 413) without being parsed, and a blank key signs nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import HTTPException, Request
from starlette.datastructures import FormData, UploadFile
from twilio.request_validator import RequestValidator

from router.core.settings import Settings, get_settings

log = logging.getLogger("afterhours.signature")

FORM = "application/x-www-form-urlencoded"
# Twilio's webhooks are a few kilobytes; a text's Body is at most 1,600 characters.
MAX_BODY_BYTES = 64 * 1024
MAX_FIELDS = 200


def webhook_token(settings: Settings) -> str:
    """The token that signs webhooks: Twilio's, or this machine's own development token."""
    if settings.twilio_auth_token is not None:
        return settings.twilio_auth_token
    return _development_token(Path(settings.dev_token_path))


def webhook_tokens(settings: Settings) -> list[str]:
    """The keys a webhook may be signed with: the token, and during a rotation the previous
    one. A blank key is never one of them: it would let anyone sign."""
    tokens = [webhook_token(settings), settings.twilio_auth_token_previous or ""]
    return [token for token in tokens if token.strip()]


def _development_token(path: Path) -> str:
    """Read the development token, or create it whole: written to a private temporary file,
    then linked into place (which, like O_EXCL, fails if another process got there first)."""
    try:
        token = path.read_text().strip()
    except FileNotFoundError:
        token, blank = "", False
    else:
        blank = not token
    if token:
        return token
    if blank:
        log.error("the development token file is blank: it signs nothing; replacing it")
    fresh = secrets.token_hex(32)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(fresh)
            handle.flush()
            os.fsync(handle.fileno())
        if blank:
            os.replace(temporary, path)
        else:
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return path.read_text().strip()


def public_url(request: Request) -> str:
    """The URL Twilio requested: PUBLIC_BASE_URL + path + raw query (proxies rewrite the rest)."""
    query = request.url.query
    return get_settings().public_base_url + request.url.path + (f"?{query}" if query else "")


def _refuse(status: int, detail: str) -> HTTPException:
    return HTTPException(status_code=status, detail=detail)


async def _bounded_body(request: Request) -> bytes:
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _refuse(413, f"a webhook body is at most {MAX_BODY_BYTES} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise _refuse(413, f"a webhook body is at most {MAX_BODY_BYTES} bytes")
    return bytes(body)


def _form_fields(body: bytes) -> FormData:
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=False,
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        # Twilio sends UTF-8 and few fields: whatever this is, Twilio did not sign it.
        raise _refuse(403, "invalid or missing X-Twilio-Signature") from None
    fields: list[tuple[str, str | UploadFile]] = list(pairs)
    return FormData(fields)


async def twilio_form(request: Request) -> FormData:
    """The webhook's form fields, once its X-Twilio-Signature is proven; 403 otherwise."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        raise _refuse(403, "invalid or missing X-Twilio-Signature")
    media_type = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if media_type != FORM:
        raise _refuse(415, f"a Twilio webhook body is {FORM}")
    form = _form_fields(await _bounded_body(request))
    url = public_url(request)
    if not any(
        RequestValidator(token).validate(url, form, signature)
        for token in webhook_tokens(get_settings())
    ):
        raise _refuse(403, "invalid or missing X-Twilio-Signature")
    return form
