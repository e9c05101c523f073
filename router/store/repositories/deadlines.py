"""Queries for escalation deadlines (S4): armed with a relay, moved on when it is sent,
settled when it ran or an answer came, found by the sweeper when due."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from router.store.models import EscalationDeadline


def arm(
    session: Session,
    job_id: str,
    *,
    contact_id: str,
    kind: str,
    wait: timedelta,
    now: datetime,
    step: int | None = None,
    inbound_sid: str | None = None,
    message_id: str | None = None,
) -> EscalationDeadline:
    """The deadline `job_id` stands for, due `wait` from now (again, if it existed)."""
    deadline = session.get(EscalationDeadline, job_id)
    if deadline is None:
        deadline = EscalationDeadline(id=job_id, contact_id=contact_id, kind=kind)
        session.add(deadline)
    deadline.step, deadline.inbound_sid, deadline.message_id = step, inbound_sid, message_id
    deadline.wait_s = int(wait.total_seconds())
    deadline.due_at = now + wait
    deadline.done_at = None
    session.flush()
    return deadline


def get(session: Session, job_id: str) -> EscalationDeadline | None:
    return session.get(EscalationDeadline, job_id)


def relay_sent(session: Session, message_id: str, now: datetime) -> None:
    """The relay left now: the wait it starts ends no sooner than a full window from now."""
    for deadline in session.scalars(
        select(EscalationDeadline).where(
            EscalationDeadline.message_id == message_id, EscalationDeadline.done_at.is_(None)
        )
    ):
        deadline.due_at = max(deadline.due_at, now + timedelta(seconds=deadline.wait_s))


def settle(session: Session, job_id: str, now: datetime) -> None:
    """Ran, or no longer needed (an answer came)."""
    session.execute(
        update(EscalationDeadline)
        .where(EscalationDeadline.id == job_id, EscalationDeadline.done_at.is_(None))
        .values(done_at=now)
    )


def due(session: Session, by: datetime, limit: int = 100) -> list[EscalationDeadline]:
    """Deadlines past `by` that nothing has settled yet, oldest first."""
    return list(
        session.scalars(
            select(EscalationDeadline)
            .where(EscalationDeadline.done_at.is_(None), EscalationDeadline.due_at <= by)
            .order_by(EscalationDeadline.due_at)
            .limit(limit)
        )
    )


def has_deadlines(session: Session, contact_id: str) -> bool:
    return (
        session.scalars(
            select(EscalationDeadline.id).where(EscalationDeadline.contact_id == contact_id)
        ).first()
        is not None
    )
