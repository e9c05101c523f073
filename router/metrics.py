"""Prometheus metrics at /metrics (official prometheus_client): how the line is doing, in
counts and seconds only. No label carries a number, a name or a message (S7): labels are
route templates, channels, outcomes, reasons (exception class names) and message kinds.

The other modules call the hooks below; what cannot be counted where it happens (the spool's
and the queue's depth) is read when Prometheus scrapes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policies.vocabulary import MessageKind, Outcome
from router.core.jobs import get_queue
from router.failsafe.spooling import spool
from router.store.models import Contact

log = logging.getLogger("afterhours.metrics")

# One registry for the process, apart from the client's default one (which create_app,
# called once per test, would fill twice).
REGISTRY = CollectorRegistry()

WEBHOOK_SECONDS = Histogram(
    "afterhours_webhook_seconds",
    "Time to answer a Twilio webhook, by route (S1: a call's answer within 0.8 s).",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 2.5, 5.0, 15.0),
    registry=REGISTRY,
)
FAILSAFE_ANSWERS = Counter(
    "afterhours_failsafe_answers",
    "Calls and texts answered by the fail-safe (crisis line / crisis resources), and why.",
    ["channel", "reason"],
    registry=REGISTRY,
)
ROUTE_SNAPSHOT = Counter(
    "afterhours_route_snapshot_calls",
    "Incoming calls by how they were routed: answered from the route snapshot in one write, "
    "or read from the tables (no snapshot for the instant, the version moved, a retry, ...).",
    ["result"],
    registry=REGISTRY,
)
OUTCOMES = Counter(
    "afterhours_contact_outcomes",
    "Contacts reaching an outcome (connected, crisis_line, acknowledged, ...), as committed.",
    ["channel", "outcome"],
    registry=REGISTRY,
)
ESCALATIONS_PENDING = Gauge(
    "afterhours_escalations_pending",
    "Texts relayed to a clinician and waiting for an acknowledgement (S4).",
    registry=REGISTRY,
)
ESCALATIONS_OVERDUE = Gauge(
    "afterhours_escalations_overdue",
    "Escalations past their acknowledgement timeout that no job has moved on yet (S4).",
    registry=REGISTRY,
)
DELIVERIES_FAILED = Counter(
    "afterhours_deliveries_failed",
    "Outbound texts and calls that Twilio reported failed or undelivered.",
    ["kind"],
    registry=REGISTRY,
)
SPOOL_DEPTH = Gauge(
    "afterhours_spool_depth",
    "Records kept in the spool while the database was away, not yet written back (S5).",
    registry=REGISTRY,
)
QUEUE_DEPTH = Gauge(
    "afterhours_queue_depth",
    "Jobs waiting in the queue (due and scheduled).",
    registry=REGISTRY,
)

WEBHOOKS_IN_FLIGHT = Gauge(
    "afterhours_webhooks_in_flight",
    "Twilio webhooks being answered now (admission control: past IN_FLIGHT_LIMIT the app "
    "says it is saturated in /readyz; the webhooks themselves are still answered, S1).",
    registry=REGISTRY,
)
ROUTING_THREADS_WAITING = Gauge(
    "afterhours_routing_threads_waiting",
    "Requests waiting for a routing thread because every one is busy (as last sampled).",
    registry=REGISTRY,
)
SATURATED = Gauge(
    "afterhours_saturated",
    "1 while the app is saturated (/readyz answers 503 so that new calls go elsewhere).",
    registry=REGISTRY,
)

CHANNELS = ("voice", "sms")
_REASON_MAX = 40


# Hooks the other modules call.


def failsafe_answered(channel: str, reason: str) -> None:
    """A call or text got the fail-safe answer (voice: the crisis line; texts: resources)."""
    FAILSAFE_ANSWERS.labels(channel=_channel(channel), reason=_token(reason)).inc()


def delivery_failed(kind: str) -> None:
    """An outbound text (`sms`) or call (`call`) failed or was undelivered."""
    DELIVERIES_FAILED.labels(
        kind=MessageKind.CALL if kind == MessageKind.CALL else MessageKind.SMS
    ).inc()


def escalations(pending: int, overdue: int) -> None:
    """How many text escalations wait for an acknowledgement, and how many are overdue."""
    ESCALATIONS_PENDING.set(pending)
    ESCALATIONS_OVERDUE.set(overdue)


def contact_outcome(channel: str, outcome: str) -> None:
    OUTCOMES.labels(channel=_channel(channel), outcome=_token(outcome)).inc()


def _channel(channel: str) -> str:
    return channel if channel in CHANNELS else "other"


def _token(value: str) -> str:
    """A label value from code's own words (exception class names, outcomes), bounded."""
    cleaned = "".join(c for c in value if c.isascii() and (c.isalnum() or c in "_-"))
    return cleaned[:_REASON_MAX] or "unknown"


# Read at scrape time.


def _depth_of(read: Callable[[], int]) -> Callable[[], float]:
    def depth() -> float:
        try:
            return float(read())
        except Exception as exc:  # a scrape must never fail because a source did
            log.warning("metric source unavailable: %s", type(exc).__name__)
            return float("nan")

    return depth


def _spool_depth() -> int:
    return len(spool().records()) if spool().pending() else 0


def _queue_depth() -> int:
    queue: Any = get_queue()
    if hasattr(queue, "scheduled"):
        return len(queue.scheduled())
    rq = queue.queue
    return int(rq.count) + len(rq.scheduled_job_registry)


def queue_depth_from(read: Callable[[], int]) -> None:
    """Where the queue's depth is read (the queue module may register its own)."""
    QUEUE_DEPTH.set_function(_depth_of(read))


SPOOL_DEPTH.set_function(_depth_of(_spool_depth))
queue_depth_from(_queue_depth)


# Outcomes, counted when the transaction that set them commits (a rollback counts nothing).

_PENDING_OUTCOMES = "afterhours_metrics_outcomes"


@event.listens_for(Session, "before_flush")
def _note_outcomes(session: Session, _context: object, _instances: object) -> None:
    for instance in list(session.new) + list(session.dirty):
        if not isinstance(instance, Contact) or not instance.outcome:
            continue
        history = inspect(instance).attrs.outcome.history
        if history.added and instance.outcome != Outcome.OPEN:
            noted = session.info.setdefault(_PENDING_OUTCOMES, [])
            noted.append((instance.channel or "other", instance.outcome))


@event.listens_for(Session, "after_commit")
def _count_outcomes(session: Session) -> None:
    for channel, outcome in session.info.pop(_PENDING_OUTCOMES, []):
        contact_outcome(channel, outcome)


@event.listens_for(Session, "after_rollback")
def _forget_outcomes(session: Session) -> None:
    session.info.pop(_PENDING_OUTCOMES, None)


# Admission control: how loaded the app is, read by /readyz and by the gauges above.

# Webhooks in flight at which the app says it is saturated. A whole screened call is four
# short requests, a text one: at the rates SPEC §10 and issue 10 ask for, a few are in flight
# at once; this many means answers are queueing (the routing pool has 40 threads), and a
# load balancer should send new calls to another instance before the deadline bites.
IN_FLIGHT_LIMIT = 24
# A voice webhook in flight this long is near its deadline (0.8 s): the next callers would
# get the fail-safe. Saturated from then on, whatever the count.
SLOW_VOICE_S = 0.6


@dataclass
class _Load:
    in_flight: int = 0
    threads_waiting: int = 0
    voice_started: dict[int, float] = field(default_factory=dict)  # token -> monotonic start
    tokens: int = 0

    def oldest_voice_s(self) -> float:
        started = list(self.voice_started.values())
        return time.monotonic() - min(started) if started else 0.0


_load = _Load()
_load_lock = threading.Lock()


def _sample_threads() -> None:
    """Tasks waiting for a routing thread (anyio's default limiter); in the event loop only."""
    try:
        waiting = anyio.to_thread.current_default_thread_limiter().statistics().tasks_waiting
    except RuntimeError:  # no running event loop (not in a request)
        return
    _load.threads_waiting = waiting
    ROUTING_THREADS_WAITING.set(waiting)


def webhook_started(voice: bool = False) -> int:
    """Counts a webhook in; the token given back ends it (`webhook_ended`)."""
    with _load_lock:
        _load.in_flight += 1
        _load.tokens += 1
        token = _load.tokens
        if voice:
            _load.voice_started[token] = time.monotonic()
        WEBHOOKS_IN_FLIGHT.set(_load.in_flight)
    _sample_threads()
    return token


def webhook_ended(token: int) -> None:
    with _load_lock:
        _load.in_flight -= 1
        _load.voice_started.pop(token, None)
        WEBHOOKS_IN_FLIGHT.set(_load.in_flight)
    _sample_threads()


def in_flight() -> int:
    return _load.in_flight


def saturation() -> str | None:
    """Why the app is saturated now, in words; None while it is not (call it in the loop)."""
    _sample_threads()
    reasons = []
    if _load.in_flight >= IN_FLIGHT_LIMIT:
        reasons.append(f"{_load.in_flight} webhooks in flight (limit {IN_FLIGHT_LIMIT})")
    if _load.threads_waiting > 0:
        reasons.append(f"{_load.threads_waiting} requests waiting for a routing thread")
    oldest = _load.oldest_voice_s()
    if oldest >= SLOW_VOICE_S:
        reasons.append(f"a voice webhook in flight for {oldest:.2f} s (limit {SLOW_VOICE_S} s)")
    return "; ".join(reasons) or None


def _saturated() -> float:
    saturated = (
        _load.in_flight >= IN_FLIGHT_LIMIT
        or _load.threads_waiting > 0
        or _load.oldest_voice_s() >= SLOW_VOICE_S
    )
    return 1.0 if saturated else 0.0


SATURATED.set_function(_saturated)


# The endpoint and the webhook timer.

router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


class WebhookTimer:
    """Times every /twilio request, labelled by the route's path (never its query string),
    and counts those in flight (admission control). It never refuses one (S1)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith("/twilio/") and path != "/twilio":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        token = webhook_started(voice=path.startswith("/twilio/voice"))

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            webhook_ended(token)
            route = path if status != 404 else "unmatched"
            WEBHOOK_SECONDS.labels(route=route).observe(time.perf_counter() - started)
