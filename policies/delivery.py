"""Delivery of queued texts and calls: the retry ladder and the order of message statuses.
Pure: the caller reads the clock and the database."""

from __future__ import annotations

from datetime import timedelta

MAX_ATTEMPTS = 5
RETRY_AFTER = timedelta(seconds=30)  # then 60, 90, ... between tries of a temporary failure
# A queued message whose job has not taken it this long after it was due is sent by the
# sweeper (the queue was down, or its job was lost with a worker).
SEND_GRACE = timedelta(seconds=5)
# ... unless its job is still waiting in a queue that is up (a backlog, not a loss: a worker
# will take it, and the web process keeps its time for calls), for at most this long.
SEND_BACKLOG_LIMIT = timedelta(seconds=60)

# Twilio's message statuses by how far along they are; a callback never moves a message back.
STATUS_ORDER: dict[str, int] = {
    "queued": 0,
    "simulated": 0,
    "accepted": 0,
    "sending": 1,
    "sent": 2,
    "delivered": 3,
    "read": 4,
    "undelivered": 3,
    "failed": 3,
}
FINAL = frozenset({"delivered", "undelivered", "failed", "read"})
FAILED = frozenset({"failed", "undelivered"})
# Twilio's interim words in the message log's own (SPEC §8).
_AS_LOGGED = {"accepted": "queued", "sending": "sent"}

# A call's statuses in the message log's words: answered counts as delivered.
CALL_STATUS: dict[str, str] = {
    "queued": "queued",
    "ringing": "sent",
    "in-progress": "sent",
    "completed": "delivered",
    "busy": "undelivered",
    "no-answer": "undelivered",
    "canceled": "undelivered",
    "failed": "failed",
}


def retry_after(attempts: int, *, permanent: bool) -> timedelta | None:
    """How long until the next try of a send that failed on attempt `attempts`; None: give up
    (a permanent error, such as an invalid or opted-out number, or attempts used up)."""
    if permanent or attempts >= MAX_ATTEMPTS:
        return None
    return RETRY_AFTER * attempts


def next_status(current: str, reported: str) -> str | None:
    """The message log's status after Twilio reports `reported`; None: keep `current`
    (an unknown status, a late callback, or a message already final)."""
    if reported not in STATUS_ORDER or current in FINAL:
        return None
    if STATUS_ORDER[reported] < STATUS_ORDER.get(current, 0):
        return None
    return _AS_LOGGED.get(reported, reported)


def call_status(reported: str) -> str | None:
    """A page call's status in the message log's words; None for a status it does not log."""
    return CALL_STATUS.get(reported.strip())
