"""Voice webhooks (SPEC §7). Thin: verify, hand to the call service, answer TwiML.

S1: whatever fails (database, Redis, this code), the caller still gets TwiML that dials the
crisis line within a second, and the spool keeps what happened. Each endpoint names what it
answers when its work fails; `_answer` is the one place that catches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from router import metrics
from router.calls import quick, twiml
from router.calls import service as calls
from router.core import clock
from router.core.settings import get_settings
from router.failsafe.deadline import arrived_at, within_deadline
from router.failsafe.spooling import accepted_in_spool, keep_acceptance, keep_call, keep_status
from router.twilio.edge import SignedForm, form_params, xml
from router.twilio.twiml import bridge, hangup

log = logging.getLogger("afterhours.voice")
router = APIRouter(prefix="/twilio", tags=["twilio"])

ContactId = Annotated[str, Query(max_length=64)]
Step = Annotated[int, Query(ge=0)]


async def _answer(
    failed: str,
    work: Callable[[Session], str],
    on_failure: Callable[[str], str],
    request: Request | None = None,
) -> Response:
    """The call service's TwiML within the voice deadline, counted from the request's arrival,
    or, whatever fails, `on_failure`'s. Work that misses the deadline is not committed."""
    since = arrived_at(request.scope) if request is not None else None
    try:
        return xml(await within_deadline(get_settings().voice_deadline_s, work, since=since))
    except Exception as exc:  # S1: the deliberate catch-all at the voice edge
        return _failed(failed, exc, on_failure)


def _failed(failed: str, exc: BaseException, on_failure: Callable[[str], str]) -> Response:
    reason = _reason(exc)
    log.error(failed + ": %s", reason)  # the event is code's own sentence (S7)
    return xml(on_failure(reason))


def _reason(exc: BaseException) -> str:
    # The class name only: exception messages can carry SQL parameters (numbers, names).
    return "deadline" if isinstance(exc, TimeoutError) else type(exc).__name__


def _failsafe(params: Mapping[str, str], step: int | None = None) -> Callable[[str], str]:
    """Dial the crisis line, and keep the call for the database (S1, S5)."""

    def answer(reason: str) -> str:
        metrics.failsafe_answered("voice", reason)
        return twiml.failsafe(keep_call(params, reason, clock.now(), step))

    return answer


@router.post("/voice")
async def incoming_call(request: Request, form: SignedForm) -> Response:
    params, now = form_params(form), clock.now()
    failed = "incoming call fell back to the crisis line"
    # PostgreSQL: from the route snapshot, one write awaited on the loop (no thread). A call
    # it leaves (a retry, a moved version, no free connection) goes straight to the tables.
    tried = quick.answers_on_loop()
    try:
        answered = await quick.answer_at_once(params, now, since=arrived_at(request.scope))
    except Exception as exc:  # S1: the deliberate catch-all at the voice edge
        return _failed(failed, exc, _failsafe(params))
    if answered is not None:
        return xml(answered)
    return await _answer(
        failed,
        lambda s: calls.start_call(s, params, now, snapshot_tried=tried),
        _failsafe(params),
        request,
    )


@router.post("/voice/screen")
async def screen(form: SignedForm, c: ContactId, n: Step) -> Response:
    params, now = form_params(form), clock.now()
    # Without the database this leg cannot be screened: drop it; the Dial action moves on.
    return await _answer(
        "screening failed, leg dropped",
        lambda s: calls.screen_leg(s, c, n, params, now),
        lambda _: hangup(),
    )


@router.post("/voice/screen/answer")
async def screen_answer(form: SignedForm, c: ContactId, n: Step) -> Response:
    params, now = form_params(form), clock.now()

    def unrecorded(_: str) -> str:
        if (params.get("Digits") or "").strip() != "1":
            return hangup()
        keep_acceptance(c, n, now)  # a clinician accepted: bridge them, keep the fact
        return bridge()

    return await _answer(
        "recording an answer failed",
        lambda s: calls.screen_answer(s, c, n, params, now),
        unrecorded,
    )


@router.post("/voice/next")
async def next_target(request: Request, form: SignedForm, c: ContactId, n: Step) -> Response:
    params, now = form_params(form), clock.now()

    def unrouted(reason: str) -> str:
        if accepted_in_spool(c, n):
            return hangup()  # the clinician took the call; it has ended
        return _failsafe(params, step=n)(reason)

    return await _answer(
        "choosing the next target failed",
        lambda s: calls.after_dial(s, c, n, params, now),
        unrouted,
        request,
    )


@router.post("/voice/crisis")
async def crisis_done(
    form: SignedForm, c: ContactId, a: Annotated[int, Query(ge=1)] = 1
) -> Response:
    params, now = form_params(form), clock.now()

    def unrouted(reason: str) -> str:
        if (params.get("DialCallStatus") or "") == "completed":
            return hangup()
        return _failsafe(params)(reason)

    return await _answer(
        "after the crisis line, routing failed",
        lambda s: calls.after_crisis(s, c, a, params, now),
        unrouted,
    )


@router.post("/voice/fallback")
async def fallback(form: SignedForm) -> Response:
    """Twilio's fallback URL: static crisis-line TwiML, no database needed."""
    params = form_params(form)
    log.error("Twilio used the fallback URL (error %s)", params.get("ErrorCode", "?")[:8])
    return xml(_failsafe(params)("twilio_fallback"))


@router.post("/status")
async def status(form: SignedForm) -> Response:
    params, now = form_params(form), clock.now()

    def record(session: Session) -> str:
        if not calls.call_status(session, params, now):
            keep_status(params, now)  # a call the database has not seen: its start is spooled
        return "<Response/>"

    def kept(_: str) -> str:
        keep_status(params, now)
        return "<Response/>"

    return await _answer("status callback kept in the spool", record, kept)
