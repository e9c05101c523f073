"""Text webhooks (SPEC §8): /twilio/sms and /twilio/sms/status.

S3: whatever fails, the patient's text is answered at once with crisis resources, and the
spool keeps the text until the database is back, when it is relayed as usual.
"""

from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy.orm import Session

from router.contacts.snapshot import keeper
from router.core import clock
from router.core.settings import get_settings
from router.failsafe.spooling import spool
from router.texts import delivery, inbound, wording
from router.twilio.edge import SignedForm, form_params, within, xml
from router.twilio.twiml import EMPTY, messages

log = logging.getLogger("afterhours.texts")
router = APIRouter(prefix="/twilio", tags=["twilio"])


@router.post("/sms")
async def incoming_text(form: SignedForm) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(
            await within(get_settings().sms_deadline_s, lambda s: _handle_text(s, params, now))
        )
    except inbound.MalformedText:
        # Nothing to key it by, so nothing to keep: answer with crisis resources all the same.
        log.error("text without a MessageSid answered by the fail-safe")
        return xml(messages(wording.reply("failsafe", "en")))
    except Exception as exc:  # S3: the deliberate catch-all at the text edge
        reason = "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__
        log.error("text answered by the fail-safe: %s", reason)
        try:
            spool().append(
                {"kind": "sms_failsafe", "params": params, "at": now.isoformat(), "reason": reason}
            )
        except OSError:
            log.error("spool unwritable; the fail-safe answer goes out regardless")
        return xml(messages(wording.reply("failsafe", "en")))


def _handle_text(session: Session, params: dict[str, str], now: datetime) -> str:
    keeper.prime(now, get_settings().route_snapshot)  # before the unit of work's first read
    return inbound.handle_text(session, params, now)


@router.post("/sms/status")
async def text_status(form: SignedForm) -> Response:
    """Delivery status callbacks: update the message log; a failure moves escalation on."""
    params = form_params(form)
    now = clock.now()

    def record(session: Session) -> str:
        delivery.text_status(session, params, now)
        return EMPTY

    try:
        await within(get_settings().sms_deadline_s, record)
    except Exception as exc:
        log.error("text status not recorded: %s", type(exc).__name__)
    return xml(EMPTY)
