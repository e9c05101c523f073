"""Database round trips per webhook (issue 9, SPEC §10): the first voice webhook reads who
is calling, with the care team, in one statement, plans the route, and writes the contact
with its events, follow-up and leg without a look first or a savepoint; a text plans its
route from the route snapshot, or once from the tables after a change. Counted with an engine
listener (statements, not time), on every backend.

Also what the one read must keep meaning: a retried webhook answers the step the call had
reached, a caller id in local format is the same patient, an inactive patient or care-team
clinician is not routed to, and an unknown practice number is the fail-safe's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, update

from router.contacts.caller import identify
from router.core.db import get_engine, session_scope
from router.core.settings import get_settings
from router.store.models import Clinician, Patient
from tests.clinic import LEE, PRACTICE_NUMBER, SAM, STRANGER
from tests.contact_log import contact_count, contact_for


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """Wednesday 21:00 in New York with the test roster: Sam's care team is on call."""


@contextmanager
def statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "PRAGMA")):
            seen.append(" ".join(statement.split()))

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _incoming(sid: str, from_: str = SAM) -> dict[str, str]:
    return {"CallSid": sid, "From": from_, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def _warm(sim: Any) -> None:
    # The first request of a process computes the on-call index's bound: not per call.
    sim.post("/twilio/voice", _incoming("CAwarm0000000000000000000000000000"))


def test_incoming_call_is_one_read_of_the_caller_and_few_statements(sim):
    _warm(sim)
    with statements() as seen:
        response = sim.post("/twilio/voice", _incoming("CAcount000000000000000000000000000"))
    assert response.status_code == 200
    assert "<Dial" in response.text
    # Who is calling and the route come from the route snapshot: no read of them per call.
    assert not [s for s in seen if s.startswith("SELECT") and "route_versions" not in s], seen
    if get_engine().dialect.name == "postgresql":
        # The one write goes out on the event loop's own connection (router/calls/quick.py):
        # nothing through the engine, no BEGIN and no COMMIT.
        assert seen == [], seen
    else:
        # SQLite writes locally: the version check, then contact, follow-up, the two events
        # (one executemany, seen per row), leg.
        assert len(seen) <= 6, seen
    contact = contact_for("CAcount000000000000000000000000000")
    assert contact["events"] == ["greeted", "dialled"]
    assert contact["follow_up"]["status"] == "open"


def test_a_call_the_snapshot_cannot_answer_is_one_read_of_the_caller(sim, monkeypatch):
    """With the snapshot off (or stale), the tables answer: one read of who is calling."""
    monkeypatch.setenv("ROUTE_SNAPSHOT", "off")
    get_settings.cache_clear()
    _warm(sim)
    with statements() as seen:
        response = sim.post("/twilio/voice", _incoming("CAcount100000000000000000000000000"))
    assert response.status_code == 200
    assert "<Dial" in response.text
    # who (1), covers, newest window id, windows with clinicians, pauses (4), the contact's
    # INSERT ... RETURNING (1), follow-up, events, leg (3 at the flush): 9.
    assert len(seen) <= 10, seen
    assert not [s for s in seen if s.upper().startswith(("SAVEPOINT", "RELEASE"))], seen
    assert sum("FROM practice_numbers" in s for s in seen) == 1, seen
    assert not [s for s in seen if s.startswith("SELECT care_team_members")], seen


def test_a_retried_incoming_call_answers_the_same_contact_and_step_S1(sim):
    params = _incoming("CAretry000000000000000000000000000")
    first = sim.post("/twilio/voice", params)
    again = sim.post("/twilio/voice", params)
    assert first.status_code == again.status_code == 200
    assert first.text == again.text
    assert contact_count() == 1
    assert contact_for(params["CallSid"])["events"] == ["greeted", "dialled"]


def test_a_patient_text_plans_its_route_from_the_snapshot(sim):
    sim.text(SAM, PRACTICE_NUMBER, "warming up")  # the index bound, as above
    with statements() as seen:
        sim.text("+16175550198", PRACTICE_NUMBER, "can someone call me back tonight")
    # The route comes from the route snapshot, checked by the version read in the text's own
    # transaction (routes.route_now): no read of the windows at all while it is current.
    assert sum("route_versions" in s for s in seen if s.startswith("SELECT")) == 1, seen
    windows = [s for s in seen if s.startswith("SELECT oncall_windows")]
    assert windows == [], seen
    assert not [s for s in seen if s.startswith("SELECT care_team_members")], seen
    assert sum(s.startswith("SELECT practice_numbers") for s in seen) <= 1, seen


def test_a_patient_text_after_a_change_plans_its_route_once_from_the_tables(sim):
    sim.text(SAM, PRACTICE_NUMBER, "warming up")
    with session_scope() as session:  # any change to a route table moves the version
        session.execute(update(Clinician).where(Clinician.id == "dr-patel").values(active=True))
    with statements() as seen:
        sim.text("+16175550198", PRACTICE_NUMBER, "can someone call me back tonight")
    windows = [s for s in seen if s.startswith("SELECT oncall_windows")]
    assert len(windows) == 1, seen
    assert not [s for s in seen if s.startswith("SELECT care_team_members")], seen
    assert sum(s.startswith("SELECT practice_numbers") for s in seen) <= 1, seen


def test_the_one_read_finds_what_the_separate_reads_found():
    with session_scope() as session:
        one = identify(session, PRACTICE_NUMBER, SAM)
        local = identify(session, "(617) 555-0100", "617-555-0199")  # the long way
        assert one.practice is not None
        assert one.patient is not None
        assert (one.practice.id, one.patient.id, one.number) == (
            local.practice.id if local.practice else None,
            local.patient.id if local.patient else None,
            local.number,
        )
        assert one.care_team
        assert one.care_team[0] == _clinician_id(session, LEE)
        stranger = identify(session, PRACTICE_NUMBER, STRANGER)
        assert stranger.practice is not None
        assert stranger.patient is None
        assert stranger.care_team == []
        nowhere = identify(session, "+16175550111", SAM)
        assert nowhere.practice is None
        assert nowhere.patient is None


def test_an_inactive_clinician_leaves_the_care_team_and_an_inactive_patient_is_unknown():
    with session_scope() as session:
        before = identify(session, PRACTICE_NUMBER, SAM)
        assert before.patient is not None
        assert before.care_team
        first = before.care_team[0]
        session.execute(update(Clinician).where(Clinician.id == first).values(active=False))
    with session_scope() as session:
        after = identify(session, PRACTICE_NUMBER, SAM)
        assert after.care_team == before.care_team[1:]
        assert before.patient is not None
        session.execute(update(Patient).where(Patient.id == before.patient.id).values(active=False))
    with session_scope() as session:
        gone = identify(session, PRACTICE_NUMBER, SAM)
        assert gone.practice is not None
        assert gone.patient is None
        assert gone.care_team == []


def _clinician_id(session: Any, phone: str) -> str:
    found = session.query(Clinician.id).filter(Clinician.phone == phone).first()
    assert found is not None
    return str(found[0])
