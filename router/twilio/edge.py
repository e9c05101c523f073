"""What every Twilio webhook shares: the signed form, a deadline, an XML answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import anyio
from fastapi import Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from router.core.db import session_scope
from router.twilio.signature import twilio_form
from router.twilio.twiml import speakable, storable

# Twilio's ids (CallSid, MessageSid, AccountSid...) are two letters and 32 hex digits. One
# longer than that was never Twilio's, and the columns and event keys built on ids hold 64.
SID_MAX = 34


def field_value(name: str, value: str) -> str:
    """One webhook field as the app stores it: what nothing can carry dropped (NUL, controls,
    noncharacters), an id bounded to Twilio's length. A patient's text keeps its lines."""
    value = storable(value)
    return value[:SID_MAX] if name.endswith("Sid") else value


def cleaned(form: FormData) -> FormData:
    """The form with every name and value cleaned: a text with a NUL byte is stored,
    relayed and logged like any other, instead of failing the write and being spooled."""
    fields: list[tuple[str, str | UploadFile]] = []
    for key, value in form.multi_items():
        if isinstance(value, str):  # the signed form holds strings only (no file parts)
            name = storable(key)
            fields.append((name, field_value(name, value)))
    return FormData(fields)


async def signed_clean_form(form: Annotated[FormData, Depends(twilio_form)]) -> FormData:
    """The one edge every webhook reads: the signature is proven over the raw values, as
    Twilio signed them (twilio_form); only then are they cleaned."""
    return cleaned(form)


SignedForm = Annotated[FormData, Depends(signed_clean_form)]


class TwiML(Response):
    """What every webhook answers: a TwiML document (the OpenAPI document says so)."""

    media_type = "application/xml"


def xml(body: str) -> Response:
    """A webhook's TwiML answer. Whatever a name or a text carried into it, the document
    Twilio gets parses: characters XML 1.0 cannot carry are dropped (none is markup)."""
    return Response(content=speakable(body), media_type="application/xml")


def form_params(form: FormData) -> dict[str, str]:
    return {key: str(value) for key, value in form.items()}


def _in_transaction(work: Callable[[Session], str]) -> str:
    with session_scope() as session:
        return work(session)


async def within(deadline_s: float, work: Callable[[Session], str]) -> str:
    """Runs `work` in one unit of work on a thread; TimeoutError once the deadline passes.

    The thread is abandoned, not killed: if it finishes later its commit is idempotent.
    """
    with anyio.fail_after(deadline_s):
        return await anyio.to_thread.run_sync(_in_transaction, work, abandon_on_cancel=True)
