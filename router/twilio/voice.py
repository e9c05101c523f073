"""Voice webhooks (SPEC §7). Thin: verify, hand to the call service, answer TwiML.

S1: whatever fails (database, Redis, this code), the caller still gets TwiML that dials the
crisis line within a second, and the spool keeps what happened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from router.core import clock
from router.core.settings import get_settings
from router.twilio import calls, twiml
from router.twilio.edge import SignedForm, form_params, within, xml
from router.twilio.recovery import accepted_in_spool, spool

log = logging.getLogger("afterhours.voice")
router = APIRouter(prefix="/twilio", tags=["twilio"])


async def _routed(work: Callable[[Session], str]) -> str:
    return await within(get_settings().voice_deadline_s, work)


def _failsafe(params: Mapping[str, str], reason: str, step: int | None = None) -> Response:
    crisis_line = calls.crisis_line_for(params.get("To"))
    try:
        spool().append(
            {
                "kind": "voice_failsafe",
                "sid": params.get("CallSid"),
                "from": params.get("From"),
                "to": params.get("To"),
                "at": clock.now().isoformat(),
                "reason": reason,
                "step": step,
                "crisis_line": crisis_line,
            }
        )
    except OSError:
        log.error("spool unwritable; the fail-safe answer goes out regardless")
    return xml(twiml.failsafe(crisis_line))


def _reason(exc: BaseException) -> str:
    # The class name only: exception messages can carry SQL parameters (numbers, names).
    return "timeout" if isinstance(exc, TimeoutError) else type(exc).__name__


@router.post("/voice")
async def incoming_call(form: SignedForm) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(await _routed(lambda s: calls.start_call(s, params, now)))
    except Exception as exc:  # S1: the deliberate catch-all at the voice edge
        log.error("incoming call fell back to the crisis line: %s", _reason(exc))
        return _failsafe(params, _reason(exc))


@router.post("/voice/screen")
async def screen(
    form: SignedForm, c: Annotated[str, Query(max_length=64)], n: Annotated[int, Query(ge=0)]
) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(await _routed(lambda s: calls.screen_leg(s, c, n, params, now)))
    except Exception as exc:
        # Without the database this leg cannot be screened: drop it; the Dial action moves on.
        log.error("screening failed, leg dropped: %s", _reason(exc))
        return xml(twiml.hangup())


@router.post("/voice/screen/answer")
async def screen_answer(
    form: SignedForm, c: Annotated[str, Query(max_length=64)], n: Annotated[int, Query(ge=0)]
) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(await _routed(lambda s: calls.screen_answer(s, c, n, params, now)))
    except Exception as exc:
        log.error("recording an answer failed: %s", _reason(exc))
        if (params.get("Digits") or "").strip() == "1":
            # A clinician accepted: bridge them, and keep the fact for the database.
            spool().append(
                {"kind": "voice_accepted", "contact": c, "step": n, "at": now.isoformat()}
            )
            return xml(twiml.bridge())
        return xml(twiml.hangup())


@router.post("/voice/next")
async def next_target(
    form: SignedForm, c: Annotated[str, Query(max_length=64)], n: Annotated[int, Query(ge=0)]
) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(await _routed(lambda s: calls.after_dial(s, c, n, params, now)))
    except Exception as exc:
        log.error("choosing the next target failed: %s", _reason(exc))
        if accepted_in_spool(c, n):
            return xml(twiml.hangup())  # the clinician took the call; it has ended
        return _failsafe(params, _reason(exc), step=n)


@router.post("/voice/crisis")
async def crisis_done(
    form: SignedForm, c: Annotated[str, Query(max_length=64)], a: Annotated[int, Query(ge=1)] = 1
) -> Response:
    params = form_params(form)
    now = clock.now()
    try:
        return xml(await _routed(lambda s: calls.after_crisis(s, c, a, params, now)))
    except Exception as exc:
        log.error("after the crisis line, routing failed: %s", _reason(exc))
        if (params.get("DialCallStatus") or "") == "completed":
            return xml(twiml.hangup())
        return _failsafe(params, _reason(exc), step=None)


@router.post("/voice/fallback")
async def fallback(form: SignedForm) -> Response:
    """Twilio's fallback URL: static crisis-line TwiML, no database needed."""
    params = form_params(form)
    log.error("Twilio used the fallback URL (error %s)", params.get("ErrorCode", "?")[:8])
    return _failsafe(params, "twilio_fallback")


@router.post("/status")
async def status(form: SignedForm) -> Response:
    params = form_params(form)
    now = clock.now()
    keep = {k: params[k] for k in ("CallSid", "CallStatus", "CallDuration") if k in params}

    def record(session: Session) -> str:
        if not calls.call_status(session, params, now):
            # A call the database has not seen (its start is still in the spool).
            spool().append({"kind": "voice_status", "params": keep, "at": now.isoformat()})
        return "<Response/>"

    try:
        await _routed(record)
    except Exception as exc:
        log.error("status callback kept in the spool: %s", _reason(exc))
        spool().append({"kind": "voice_status", "params": keep, "at": now.isoformat()})
    return xml("<Response/>")
