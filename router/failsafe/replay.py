"""Writing what the spool kept while the database was away, without duplicates (S5)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from policies.vocabulary import Channel, EventType, Outcome
from router.calls import service as calls
from router.contacts.caller import identify
from router.contacts.service import mark_urgent, open_contact
from router.core import clock
from router.core.db import session_scope
from router.core.settings import get_settings
from router.core.spool import Record, Rejection
from router.failsafe.spooling import ACCEPTANCE, CALL, KINDS, STATUS, TEXT, spool
from router.store.repositories import contacts, inbound
from router.texts.inbound import handle_text

log = logging.getLogger("afterhours.recovery")


class UnusableRecord(ValueError):
    """A spooled record that no database could take: it is set aside for a person."""


def replay_spool() -> int:
    """Writes the spooled records, each in its own savepoint of one transaction; returns how
    many were written. A record that cannot be written is set aside and the others go on; a
    database still away raises, and every record is kept for the next round."""
    return spool().replay(_write)


class CallNotYetSeen(LookupError):
    """A status callback for a call the database does not know yet: kept until it does."""


def _write(records: list[Record]) -> list[Rejection]:
    rejections: list[Rejection] = []
    waiting: list[Record] = []
    with session_scope() as session:
        _begin(session)
        for record in records:
            _write_one(session, record, rejections, waiting)
        # A status that came before its call: the call may be among the records just written.
        retry, waiting = waiting, []
        for record in retry:
            _write_one(session, record, rejections, waiting)
    for record in waiting:
        if _older_than(record, STATUS_KEPT_FOR):
            log.warning("spooled status for a call never seen was set aside")
            rejections.append(Rejection(record, CallNotYetSeen.__name__))
        else:
            spool().append(record)  # kept until its call is written, then applied
    return rejections


STATUS_KEPT_FOR = timedelta(days=1)


def _older_than(record: Record, age: timedelta) -> bool:
    try:
        at = datetime.fromisoformat(record["at"])
    except (KeyError, TypeError, ValueError):
        return True
    return clock.now() - at > age


def _write_one(
    session: Session, record: Record, rejections: list[Rejection], waiting: list[Record]
) -> None:
    try:
        # A savepoint per record: a rejected record takes its own rows and jobs
        # with it; the others' jobs go to the queue after the commit, as ever.
        with session.begin_nested():
            _apply(session, record)
    except CallNotYetSeen:
        waiting.append(record)
    except Exception as exc:
        if _database_away(exc):
            raise
        log.warning("spooled %s record set aside: %s", _kind(record), type(exc).__name__)
        rejections.append(Rejection(record, type(exc).__name__))


def _begin(session: Session) -> None:
    """Opens the transaction itself: pysqlite would let the first SAVEPOINT open it, and that
    savepoint's release commit it, so one record's write would not wait for the others."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection
        if dbapi_connection is not None and not dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN")


def _database_away(exc: Exception) -> bool:
    """The database failed, not the record: the whole replay waits for the next round."""
    if isinstance(exc, IntegrityError | DataError):
        return False  # this record's own data (an oversized sid, say): no retry changes it
    return isinstance(exc, SQLAlchemyError | OSError)


def _kind(record: Record) -> str:
    kind = record.get("kind")
    return kind if kind in KINDS else "unknown"


def _apply(session: Session, record: Record) -> None:
    kind = record.get("kind")
    at = datetime.fromisoformat(record["at"])
    if kind == CALL:
        _failsafe_call(session, record, at)
    elif kind == ACCEPTANCE:
        calls.replay_acceptance(session, record["contact"], int(record["step"]), at)
    elif kind == TEXT:
        _failsafe_text(session, record, at)
    elif kind == STATUS:
        if not calls.call_status(session, record["params"], at):
            raise CallNotYetSeen("a status for a call not yet written")
    else:
        raise UnusableRecord("a spool record of unknown kind")


def _failsafe_call(session: Session, record: Record, at: datetime) -> None:
    sid = record.get("sid")
    if not sid:
        raise UnusableRecord("a fail-safe call without a CallSid")
    contact = contacts.by_sid(session, sid)
    if contact is None:
        contact, _ = open_contact(
            session,
            identify(session, record.get("to"), record.get("from")),
            sid=sid,
            channel=Channel.VOICE,
            at=at,
            route=[],
            crisis_line=record.get("crisis_line") or get_settings().crisis_line,
            outcome=Outcome.CRISIS_LINE,
        )
        mark_urgent(session, contact)  # the router failed this caller: a person checks first
    reason = str(record.get("reason") or "")[:64]
    step = record.get("step")
    contacts.add_event(
        session,
        contact,
        EventType.FAILSAFE,
        key=f"failsafe:{record['at']}",
        at=at,
        detail={"reason": reason, "why": why_failsafe(reason), "step": step},
    )
    contacts.add_event(
        session,
        contact,
        EventType.CRISIS_LINE,
        key=EventType.CRISIS_LINE,
        at=at,
        detail={"failsafe": True},
    )
    # Whatever came first (a late routing commit, its status callback): the fail-safe sent
    # this caller to the crisis line, and no clinician after `step` was rung.
    contacts.supersede_dials(session, contact, after_step=step)
    if contact.outcome in (Outcome.OPEN, Outcome.ABANDONED):
        contact.outcome = Outcome.CRISIS_LINE


WHY = {
    "deadline": "routing did not answer within the voice deadline",
    "twilio_fallback": "Twilio could not reach the router and used its fallback URL",
}


def why_failsafe(reason: str) -> str:
    """The fail-safe event's reason in words: the deadline, Twilio's fallback, or the failure."""
    if reason in WHY:
        return WHY[reason]
    return f"routing failed ({reason})" if reason else "routing failed"


def _failsafe_text(session: Session, record: Record, at: datetime) -> None:
    params = record.get("params") or {}
    handle_text(session, params, at, reply_already_sent=True)
    seen = inbound.inbound_by_sid(session, params.get("MessageSid") or "")
    contact = contacts.get(session, seen.contact_id) if seen and seen.contact_id else None
    if seen is not None and contact is not None:
        contacts.add_event(
            session,
            contact,
            EventType.FAILSAFE,
            key=f"failsafe:{seen.sid}",
            at=at,
            detail={"reason": str(record.get("reason", ""))[:64]},
        )
