"""An incoming call answered from the route snapshot in one write (SPEC §10, S1, S5).

`start_call` reads who is calling and their route from nine tables, then writes the contact,
its follow-up, its events and its first leg. Here the reads come from the snapshot
(router/contacts/snapshot.py) and the writes go out as one statement on PostgreSQL, which
inserts only while `route_versions` still reads the snapshot's version: a route is never
planned from data that changed. Whatever this path cannot answer for certain (a moved
version, a retried webhook, a caller id not in international form, a number that is no
practice's) it leaves to `start_call`, in the same unit of work, with nothing written.

On PostgreSQL the endpoint awaits that statement on the event loop (`answer_at_once`: an
autocommit connection, no thread); within `start_call` (SQLite, or a call the event loop
could not take) it runs in the routing thread's unit of work, after the deadline's claim
(router/failsafe/deadline.py). Either way a call the fail-safe answered leaves no "dialled"
behind, or one its spooled record marks superseded.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg_pool import PoolTimeout
from sqlalchemy.orm import Session
from twilio.twiml.voice_response import VoiceResponse

from policies.followup import follow_up_due
from policies.vocabulary import Channel, EventType, FollowUpStatus, Outcome
from router.calls import twiml
from router.contacts.snapshot import Snapshot, keeper
from router.core import db_async
from router.core.phones import caller_e164
from router.core.settings import get_settings
from router.failsafe.deadline import HARD_LIMIT_S, Superseded, claim_commit, release_claim
from router.failsafe.spooling import remember_crisis_lines
from router.metrics import ROUTE_SNAPSHOT
from router.store.repositories import call_writes
from router.store.repositories.contacts import new_contact_id

log = logging.getLogger("afterhours.voice")

# How long a call waits for one of the pool's connections before the tables path answers it.
CONNECTION_WAIT_S = 0.1


@dataclass(frozen=True)
class Prepared:
    """A call planned from the snapshot: its answer, and the rows that make it true."""

    snap: Snapshot
    twiml: str
    values: dict[str, Any]
    to: str
    crisis_line: str
    route_length: int


def prepare(params: Mapping[str, str], now: datetime) -> Prepared | None:
    """The call planned from the snapshot, nothing written yet; None: `start_call` answers
    it from the tables (no snapshot for the instant, a caller id not in international form,
    a number that is no practice's)."""
    mode = get_settings().route_snapshot
    sid = (params.get("CallSid") or "").strip()
    from_raw = (params.get("From") or "").strip()
    if mode == "off":
        return None
    if not sid or not from_raw.startswith("+"):
        ROUTE_SNAPSHOT.labels(result="not_international" if sid else "no_sid").inc()
        return None
    to, number = caller_e164(params.get("To")), caller_e164(from_raw)
    snap = keeper.current(now, mode)
    reached = snap.reached(to, number) if snap is not None and to else None
    if snap is None or reached is None or to is None:
        ROUTE_SNAPSHOT.labels(result="no_snapshot" if snap is None else "unknown_number").inc()
        return None
    practice, patient = reached.practice, reached.patient
    route = list(snap.plan(practice, patient, now).clinicians)
    step = 0
    while step < len(route) and snap.phone_of(route[step]) is None:
        step += 1  # as start_call: a clinician without a phone is passed over
    language = patient.language if patient else "en"
    contact_id = new_contact_id()
    response = VoiceResponse()
    twiml.greet(response, practice.name, language)
    dialled = route[step] if step < len(route) else None
    if dialled is not None:
        phone = snap.phone_of(dialled)
        assert phone is not None
        twiml.dial_clinician(
            response,
            contact_id=contact_id,
            step=step,
            number=phone,
            ring_timeout_s=practice.policy.ring_timeout_s,
            caller_id=to,
            language=language,
        )
        second: dict[str, Any] = {
            "type2": EventType.DIALLED.value,
            "key2": f"dialled:{step}",
            "clinician2": dialled,
            "detail2": {},
        }
    else:
        twiml.dial_crisis_line(
            response, crisis_line=practice.crisis_line, language=language, contact_id=contact_id
        )
        second = {
            "type2": EventType.CRISIS_LINE.value,
            "key2": EventType.CRISIS_LINE.value,
            "clinician2": None,
            "detail2": {"after": step},
        }
    team = patient.care_team if patient else ()
    values: dict[str, Any] = {
        "id": contact_id,
        "sid": sid,
        "channel": Channel.VOICE.value,
        "practice_id": practice.id,
        "patient_id": patient.id if patient else None,
        "from_number": number,
        "to_number": to,
        "at": now,
        "outcome": (Outcome.OPEN if dialled is not None else Outcome.CRISIS_LINE).value,
        "route": route,
        "crisis_line": practice.crisis_line,
        "language": language,
        "version": snap.version,
        "assignee": team[0] if team else snap.follow_up_owner_for_unknown(practice, now),
        "due": follow_up_due(
            now, practice.timezone, practice.policy.follow_up_hour, practice.holidays
        ),
        "status": FollowUpStatus.OPEN.value,
        "type1": EventType.GREETED.value,
        "key1": EventType.GREETED.value,
        "detail1": {"route": route, "known_caller": patient is not None},
        "step": step,
        "leg_clinician": dialled,
    } | second
    return Prepared(snap, str(response), values, to, practice.crisis_line, len(route))


def _answered(call: Prepared, written: bool, version: int | None) -> str | None:
    """The call's TwiML once its rows are written; None (nothing written) for a retry or a
    moved version, which `start_call` then answers from the tables."""
    if not written:
        moved = version != call.snap.version
        if moved:
            keeper.mark_stale(call.snap)  # reloaded off the call path
        ROUTE_SNAPSHOT.labels(result="version_moved" if moved else "retried").inc()
        return None
    ROUTE_SNAPSHOT.labels(result="from_snapshot").inc()
    remember_crisis_lines({call.to: call.crisis_line})
    log.info(
        "call %s: contact %s, %d clinicians on the route",
        call.values["sid"],
        call.values["id"],
        call.route_length,
    )
    return call.twiml


def answer_call(session: Session, params: Mapping[str, str], now: datetime) -> str | None:
    """In `start_call`'s unit of work (on its thread): the call's TwiML, its rows written;
    None: `start_call` answers it from the tables."""
    call = prepare(params, now)
    if call is None:
        return None
    if session.get_bind().dialect.name == "postgresql":
        written, version = _write_at_once(session, call.values)
    else:
        written, version = call_writes.write_in_steps(session, call.snap.version, call.values)
    return _answered(call, written, version)


def answers_on_loop() -> bool:
    """Whether `answer_at_once` can write a call (PostgreSQL: the loop's pool is open)."""
    return db_async.pool() is not None


async def answer_at_once(params: Mapping[str, str], now: datetime, *, since: float) -> str | None:
    """PostgreSQL, on the event loop: the call planned from the snapshot and written by one
    statement on an autocommit connection; None: the endpoint answers it from the tables
    (in a thread, within what is left of the deadline).

    The deadline counts from `since` (the request's arrival), as `within_deadline`'s: past
    it before the write, nothing is written (TimeoutError: the fail-safe answers); no free
    connection within CONNECTION_WAIT_S, and the tables path answers. Once the statement is
    sent its answer is the truth, so it is awaited up to the hard limit, as
    a committing thread is; past that the fail-safe answers and its spooled record marks a
    late write superseded (router/failsafe/replay.py)."""
    connections = db_async.pool()
    if connections is None:
        return None
    call = prepare(params, now)
    if call is None:
        return None
    deadline_s = get_settings().voice_deadline_s
    soft = since + deadline_s
    hard = since + max(HARD_LIMIT_S, deadline_s)
    if time.monotonic() >= soft:
        raise TimeoutError("the deadline passed before the call was written")
    try:
        connection = await connections.getconn(
            timeout=min(CONNECTION_WAIT_S, soft - time.monotonic())
        )
    except PoolTimeout:
        # Every connection busy, or the database away (the pool reconnects in the
        # background): the tables path answers, on a thread, within what is left of the
        # deadline, and a dead database fails it at once (the fail-safe, in milliseconds).
        ROUTE_SNAPSHOT.labels(result="no_connection").inc()
        return None
    # The write runs as a task of its own: past the hard limit it is abandoned, not
    # cancelled (as a routing thread is), and returns its connection when it ends.
    write = asyncio.ensure_future(call_writes.send(connections, connection, call.values))
    _writing.add(write)
    write.add_done_callback(_written)
    done, _ = await asyncio.wait({write}, timeout=max(0.0, hard - time.monotonic()))
    if not done:
        _abandoned.add(write)
        raise TimeoutError("the call's write did not answer by the hard limit")
    found = write.result()
    return _answered(call, found[0] is not None, found[1])


_writing: set[asyncio.Future[tuple[Any, ...]]] = set()
_abandoned: set[asyncio.Future[tuple[Any, ...]]] = set()


def _written(write: asyncio.Future[tuple[Any, ...]]) -> None:
    """A write's end. An abandoned one's error is logged by class only (S7: a driver's
    message can quote values), never left for asyncio to print with its message."""
    _writing.discard(write)
    failed = None if write.cancelled() else write.exception()  # retrieved: asyncio stays quiet
    if write in _abandoned:
        _abandoned.discard(write)
        if failed is not None:
            log.error("an abandoned call's write failed: %s", type(failed).__name__)


def _write_at_once(session: Session, values: dict[str, Any]) -> tuple[bool, int | None]:
    """PostgreSQL: the one statement, committed as it runs (no BEGIN, no COMMIT: one round
    trip, straight on the driver's connection) once the deadline's claim is ours; or, with
    no deadline running the work (the warm-up's rehearsal, which rolls back), inside the
    unit of work's transaction."""
    claimed = claim_commit()
    if claimed is None:
        return call_writes.write_in_transaction(session, values)
    if not claimed:
        raise Superseded("the deadline answered first; the call was not written")
    written, version = call_writes.write_autocommit(session, values)
    if not written:
        release_claim()  # nothing written: the tables path goes on, and may be abandoned
    return written, version
