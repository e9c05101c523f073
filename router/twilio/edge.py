"""What every Twilio webhook shares: the signed form, a deadline, an XML answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import anyio
from fastapi import Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from router.core.db import session_scope
from router.twilio.signature import twilio_form
from router.twilio.twiml import speakable

SignedForm = Annotated[FormData, Depends(twilio_form)]


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
