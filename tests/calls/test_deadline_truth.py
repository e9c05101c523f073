"""When the voice deadline fires, the contact log tells the truth (S1, S5).

No "dialled" for a clinician who was never rung, the fail-safe event says why, and a call the
fail-safe answered ends up `crisis_line` whatever order its status callback, the spool replay
and the late routing thread arrive in. A status for a call not yet seen waits for it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import anyio
import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from router.calls import service as calls
from router.contacts.snapshot import Snapshot
from router.core.db import session_scope
from router.core.settings import get_settings
from router.failsafe import replay as recovery
from router.failsafe.deadline import within_deadline
from router.store.models import ContactEvent, PracticeNumber
from tests.clinic import CRISIS_LINE, LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for
from tests.deadlines import NEVER_WAITS_S

DEADLINE_S = 0.3


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_DEADLINE_S", str(DEADLINE_S))
    get_settings.cache_clear()


def _incoming(sid: str) -> dict[str, str]:
    return {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def _completed(sid: str) -> dict[str, str]:
    return {"CallSid": sid, "CallStatus": "completed", "CallDuration": "40"}


@pytest.fixture
def late_routing(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Routing that finishes (and would commit) well after the deadline; set when done.
    Both ways a call is routed are slowed: from the tables, and from the route snapshot."""
    finished = threading.Event()

    def slowed(real: Any) -> Any:
        def slow(*args: Any, **kwargs: Any) -> Any:
            try:
                time.sleep(DEADLINE_S * 2)
                return real(*args, **kwargs)
            finally:
                threading.Timer(0.2, finished.set).start()  # after its (attempted) commit

        return slow

    monkeypatch.setattr(calls, "plan_for", slowed(calls.plan_for))
    monkeypatch.setattr(Snapshot, "plan", slowed(Snapshot.plan))
    return finished


def _late_call(sim: Any, sid: str, finished: threading.Event) -> str:
    started = time.monotonic()
    response = sim.post("/twilio/voice", _incoming(sid))
    assert time.monotonic() - started < NEVER_WAITS_S
    assert f">{CRISIS_LINE}</Dial>" in response.text
    assert LEE not in response.text
    assert finished.wait(5)
    return str(response.text)


def _failsafe_detail(sid: str) -> dict[str, Any]:
    with session_scope() as session:
        rows = session.scalars(select(ContactEvent).where(ContactEvent.type == "failsafe"))
        details = [row.detail for row in rows]
    assert len(details) == 1, sid
    return dict(details[0])


def test_the_late_routing_thread_commits_nothing_and_nobody_is_logged_as_dialled(sim, late_routing):
    sid = "CA" + "71" * 16
    _late_call(sim, sid, late_routing)
    assert contact_count() == 0  # the late plan was rolled back, not committed
    recovery.replay_spool()
    contact = contact_for(sid)
    assert contact["outcome"] == "crisis_line"
    assert "dialled" not in contact["events"]
    assert contact["events"][:2] == ["failsafe", "crisis_line"]
    detail = _failsafe_detail(sid)
    assert detail["reason"] == "deadline"
    assert "deadline" in detail["why"]


@pytest.mark.parametrize("order", ["status_first", "replay_first"])
def test_a_failsafe_call_is_crisis_line_whatever_order_its_status_arrives_in(
    sim, late_routing, order
):
    sid = "CA" + ("72" if order == "status_first" else "73") * 16
    _late_call(sim, sid, late_routing)
    if order == "status_first":
        sim.post("/twilio/status", _completed(sid))
        recovery.replay_spool()
    else:
        recovery.replay_spool()
        sim.post("/twilio/status", _completed(sid))
    assert not recovery.spool().pending()
    contact = contact_for(sid)
    assert contact_count() == 1
    assert contact["outcome"] == "crisis_line"
    assert "failsafe" in contact["events"]
    assert "ended" in contact["events"]
    assert "abandoned" not in contact["events"]
    assert "dialled" not in contact["events"]
    assert contact["duration_s"] == 40
    assert contact["follow_up"]["urgent"] is True


def test_a_late_commit_is_superseded_by_the_failsafe_record(sim):
    """Past the hard limit a committing thread's plan can land: the fail-safe's record, in
    whatever order, turns its dial into "superseded" and the outcome into crisis_line."""
    sid = "CA" + "74" * 16
    sim.post("/twilio/voice", _incoming(sid))  # the routing that landed late
    sim.post("/twilio/status", _completed(sid))  # its caller hung up on the crisis line
    assert contact_for(sid)["outcome"] == "abandoned"
    recovery.spool().append(
        {
            "kind": recovery.CALL,
            "sid": sid,
            "from": SAM,
            "to": PRACTICE_NUMBER,
            "at": "2026-01-07T02:00:00+00:00",
            "reason": "deadline",
            "step": None,
            "crisis_line": CRISIS_LINE,
        }
    )
    recovery.replay_spool()
    contact = contact_for(sid)
    assert contact["outcome"] == "crisis_line"
    assert "dialled" not in contact["events"]
    assert ("superseded", "dr-lee") in contact["event_clinicians"]


def test_a_status_for_a_call_not_yet_seen_is_kept_and_applied_when_it_is(sim):
    sid = "CA" + "75" * 16
    sim.post("/twilio/status", _completed(sid))
    assert recovery.spool().pending()
    recovery.replay_spool()
    assert recovery.spool().pending()  # still waiting for its call
    assert contact_count() == 0
    recovery.spool().append(
        {
            "kind": recovery.CALL,
            "sid": sid,
            "from": SAM,
            "to": PRACTICE_NUMBER,
            "at": "2026-01-07T02:00:00+00:00",
            "reason": "deadline",
            "step": None,
            "crisis_line": CRISIS_LINE,
        }
    )
    recovery.replay_spool()
    assert not recovery.spool().pending()
    contact = contact_for(sid)
    assert contact["outcome"] == "crisis_line"
    assert contact["duration_s"] == 40
    assert "ended" in contact["events"]


def test_a_commit_under_way_when_the_deadline_fires_is_the_answer(database_url):
    """The deadline cannot abandon work that is already committing: it waits for it."""

    def work(session: Session) -> str:
        session.add(PracticeNumber(e164="+16175550188", practice_id="riverside", position=9))
        event.listen(session, "before_commit", lambda _s: time.sleep(0.3))
        return "<Response/>"

    answer = anyio.run(lambda: within_deadline(0.1, work))
    assert answer == "<Response/>"
    with session_scope() as session:
        assert session.get(PracticeNumber, "+16175550188") is not None


def test_the_deadline_counts_from_arrival(database_url):
    started = time.monotonic() - 1.0  # the request arrived a second ago

    async def late() -> str:
        return await within_deadline(0.8, lambda _s: "<Response/>", since=started)

    with pytest.raises(TimeoutError):
        anyio.run(late)
