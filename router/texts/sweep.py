"""Units of work that run outside a webhook, each opening its own sessions: one send, and
the sweep that redoes what a queue outage or a dead worker lost (S4). The worker's jobs
(workers/jobs.py) and the web process's loop call them."""

from __future__ import annotations

import logging
from datetime import datetime

from policies.delivery import SEND_BACKLOG_LIMIT, SEND_GRACE
from policies.escalation import DEADLINE_GRACE
from policies.vocabulary import MessageStatus
from router import outbox
from router.core import clock
from router.core.db import session_scope
from router.core.jobs import get_queue, message_job_id
from router.store.repositories import messages as message_log
from router.texts import delivery, escalation, safety_check
from router.twilio.gateway import Sent

log = logging.getLogger("afterhours.jobs")


def deliver(message_id: str) -> None:
    """Sends one queued text or places one queued call. The claim commits before Twilio is
    asked, so no two workers send it; running twice is harmless."""
    with session_scope() as session:
        claimed = outbox.claim(session, message_id, clock.now())
    if claimed is None:
        return  # already sent, being sent, or gone
    result = outbox.transmit(claimed)
    with session_scope() as session:
        now = clock.now()
        if isinstance(result, Sent):
            outbox.record_sent(session, message_id, result, now)
        elif outbox.record_failed(session, message_id, result, now):
            delivery.delivery_failed(session, message_id, now)


def _run_escalations(due: list[tuple[str, str, int | str]]) -> None:
    for what, contact_id, key in due:
        with session_scope() as session:
            if what == "escalate":
                escalation.escalate(session, contact_id, int(key), clock.now())
            else:
                escalation.reply_overdue(session, contact_id, str(key), clock.now())


def sweep_due() -> int:
    """Every few seconds in the web app: the durable escalation deadlines that are due, and
    the queued sends whose job did not take them (S4), seconds late at most, whatever became
    of Redis or the worker. Escalations first: a stalled Twilio delays sends, not them."""
    now = clock.now()
    with session_scope() as session:
        due = escalation.due(session, now - DEADLINE_GRACE)
    _run_escalations(due)
    lost = _late_sends(clock.now())
    for message_id in lost:
        deliver(message_id)
    if lost or due:
        log.warning("sweep: %d late sends and %d due escalations done", len(lost), len(due))
    return len(lost) + len(due)


def _late_sends(now: datetime) -> list[str]:
    """Queued sends past SEND_GRACE, less those whose job is still waiting in a queue that
    answers (a backlog behind busy workers, not a loss) for up to SEND_BACKLOG_LIMIT: the
    web process that answers calls does not take over the workers' backlog."""
    with session_scope() as session:
        due = message_log.due_sends(session, now - SEND_GRACE)
    jobs = {message_id: message_job_id(kind, message_id) for message_id, kind, _ in due}
    recent = [jobs[message_id] for message_id, _, at in due if at > now - SEND_BACKLOG_LIMIT]
    waiting = get_queue().waiting(recent)
    return [message_id for message_id, _, _ in due if jobs[message_id] not in waiting]


def sweep() -> int:
    """Self-healing, run every half minute by the web app: sends and escalations that a queue
    outage or a dead worker lost are done now. Everything it calls is safe to run twice."""
    now = clock.now()
    with session_scope() as session:
        stale = message_log.stale_messages(session, now)
        for message in stale:
            message.status = MessageStatus.QUEUED
        lost = [message.id for message in stale]
        due = escalation.overdue(session, now)
        checks = safety_check.overdue(session, now)
    _run_escalations(due)
    for message_id in lost:
        deliver(message_id)
    for contact_id, asked_sid in checks:  # "Are you safe right now?" went unanswered
        with session_scope() as session:
            safety_check.timed_out(session, contact_id, asked_sid, clock.now())
    due += [("safety", contact_id, asked_sid) for contact_id, asked_sid in checks]
    if lost or due:
        log.warning("sweep: %d lost sends and %d overdue escalations done", len(lost), len(due))
    return len(lost) + len(due) + sweep_due()
