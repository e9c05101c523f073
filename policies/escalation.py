"""The escalation ladder for texts (SPEC §8, S4): who is next, how long each one has, and
whether a text is still waiting for an answer. Pure: every instant is an argument."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta

from policies.policy import PracticePolicy
from policies.triage import Risk

# The sweeper acts this long after a job should have run, so it never races the job itself.
SWEEP_GRACE = timedelta(seconds=60)
# A durable deadline is run by the sweeper this long after it is due, if its job has not.
DEADLINE_GRACE = timedelta(seconds=3)
# The events that answer a patient's text: a clinician's reply, or a page call they accepted.
ANSWERS = frozenset({"clinician_replied", "page_accepted"})


def ack_timeout(policy: PracticePolicy, risk: str | None) -> timedelta:
    """How long a relayed text waits for an answer before it goes to the next clinician."""
    high = risk == Risk.HIGH
    return timedelta(seconds=policy.high_risk_ack_timeout_s if high else policy.sms_ack_timeout_s)


def next_in_round(plan: Sequence[str], tried: Collection[str]) -> str | None:
    """The first clinician in the route not yet tried in this round (None: nobody is left)."""
    return next((clinician_id for clinician_id in plan if clinician_id not in tried), None)


def is_overdue(since: datetime, wait: timedelta, now: datetime) -> bool:
    """Whether a wait that began at `since` is over by `now`, with the sweeper's grace."""
    return now >= since + wait + SWEEP_GRACE


def answered_since(events: Iterable[tuple[str, str]], inbound_sid: str) -> bool:
    """Whether a clinician answered after the patient's text with this sid.

    `events` are (key, type) pairs in the order they were logged.
    """
    after = False
    for key, kind in events:
        if key == f"text:{inbound_sid}":
            after = True
        elif after and kind in ANSWERS:
            return True
    return False


def next_thread_code(used: Collection[int]) -> int:
    """The smallest thread code (#1, #2, ...) a clinician does not have open."""
    code = 1
    while code in used:
        code += 1
    return code
