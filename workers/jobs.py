"""RQ job entry points (router.core.jobs.Job names them). Each is one unit of work around one
service call, and safe to run twice: the service re-reads what it acts on."""

from __future__ import annotations

from router.core import clock
from router.core.db import session_scope
from router.oncall.checks import run_staff_checks
from router.texts import escalation, relay, safety_check
from router.texts import sweep as sweeping


def escalate_text(contact_id: str, step: int) -> None:
    """The ack timeout for a relayed text: on to the next on-call clinician (S4)."""
    with session_scope() as session:
        escalation.escalate(session, contact_id, step, clock.now())


def relay_backlog(contact_id: str) -> None:
    """The texts a flood held back, to the clinician in one batch."""
    with session_scope() as session:
        relay.relay_backlog(session, contact_id, clock.now())


def check_reply(contact_id: str, inbound_sid: str) -> None:
    """A text in an acknowledged conversation: was it answered within the timeout? (S4)"""
    with session_scope() as session:
        escalation.reply_overdue(session, contact_id, inbound_sid, clock.now())


def safety_check_timeout(contact_id: str, inbound_sid: str) -> None:
    """No answer to "Are you safe right now?" in time: the contact becomes high risk."""
    with session_scope() as session:
        safety_check.timed_out(session, contact_id, inbound_sid, clock.now())


def send_message(message_id: str) -> None:
    """Sends one queued text (its claim, the send and the result are three commits)."""
    sweeping.deliver(message_id)


def place_call(message_id: str) -> None:
    """Places one queued call (a page to a clinician about a high-risk text)."""
    sweeping.deliver(message_id)


def sweep() -> int:
    """What a queue outage or a dead worker lost, done now (the web app runs it too)."""
    return sweeping.sweep()


def sweep_due() -> int:
    """The durable deadlines and late sends that are due (the web app runs it every 2 s)."""
    return sweeping.sweep_due()


def staff_checks() -> None:
    """Coverage gaps, overdue follow-ups and morning texts (the scheduler queues it hourly)."""
    run_staff_checks()
