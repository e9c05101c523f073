"""The route snapshot (router/contacts/snapshot.py) plans exactly what the tables plan, and a
call never trusts it past a change: every change to what a route is made of moves the
route version (migration 0009's triggers), and a call whose write finds the version moved
writes nothing and is answered from the tables (SPEC §10, S1, S5)."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from router.contacts import snapshot
from router.contacts.routes import plan_for
from router.core import db_async
from router.core.db import get_engine, session_scope
from router.core.settings import get_settings
from router.store.models import (
    Clinician,
    Patient,
    Practice,
    RouteVersion,
)
from router.store.repositories import call_writes, windows
from tests.busy_week import busy_week
from tests.clinic import CRISIS_LINE, LEE, PATEL, PRACTICE_NUMBER, SAM, STRANGER, WEDNESDAY_9PM
from tests.conftest import load_roster
from tests.contact_log import contact_count, contact_for
from tests.deadlines import NEVER_WAITS_S


@pytest.fixture(autouse=True)
def _night(roster: None, clock: Any) -> None:
    """Wednesday 21:00 in New York with the test roster."""


def _version() -> int:
    with session_scope() as session:
        value = session.scalar(select(RouteVersion.n))
        assert value is not None
        return int(value)


def _incoming(sid: str, from_: str = SAM) -> dict[str, str]:
    return {"CallSid": sid, "From": from_, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def test_the_snapshot_plans_what_the_tables_plan_at_every_instant_of_a_week():
    busy_week()
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        people = [session.get(Patient, pid) for pid in ("pt-sam", "pt-ana", "pt-jo")] + [None]
        at, compared = WEDNESDAY_9PM - timedelta(hours=3), 0
        while at < WEDNESDAY_9PM + timedelta(days=5):
            snap = snapshot.load(session, at)
            data = snap.practices["riverside"]
            for later in (at, at + timedelta(minutes=29)):
                for person in people:
                    fresh = plan_for(session, practice, person, later)
                    kept = snap.plan(
                        data,
                        snap.patients[("riverside", _phone(person))] if person else None,
                        later,
                    )
                    assert kept == fresh, (later, person.id if person else None)
                    compared += 1
                owner = windows.follow_up_owner_for_unknown(session, practice, later)
                assert snap.follow_up_owner_for_unknown(data, later) == owner
            at += timedelta(minutes=47)
    assert compared > 1000


def _phone(person: Patient | None) -> str:
    return {"pt-sam": SAM, "pt-ana": "+16175550198", "pt-jo": "+16175550197"}[person.id]  # type: ignore[union-attr]


def test_a_change_to_a_route_table_moves_the_version():
    before = _version()
    with session_scope() as session:
        session.execute(update(Clinician).where(Clinician.id == "dr-kim").values(phone=LEE))
    assert _version() > before


def test_a_roster_change_moves_the_version_once_per_transaction():
    """A roster load is many statements; on PostgreSQL one transaction moves the counter
    once (SQLite's row triggers move it per row; either way it moved)."""
    before = _version()
    with session_scope() as session:
        for number in ("+16175550121", "+16175550122", "+16175550123"):
            session.execute(update(Clinician).where(Clinician.id == "dr-kim").values(phone=number))
    moved = _version() - before
    assert moved >= 1
    if get_engine().dialect.name == "postgresql":
        assert moved == 1


def test_an_unchanged_roster_reload_moves_no_version():
    before = _version()
    load_roster()
    assert _version() == before


def test_a_call_after_a_change_is_routed_from_the_tables_never_from_the_stale_snapshot(sim):
    first = sim.post("/twilio/voice", _incoming("CA" + "a1" * 16))
    assert f">{LEE}</Number>" in first.text  # Lee first, answered from the snapshot
    with session_scope() as session:  # Lee leaves the practice
        session.execute(update(Clinician).where(Clinician.id == "dr-lee").values(active=False))
    second = sim.post("/twilio/voice", _incoming("CA" + "a2" * 16))
    assert LEE not in second.text
    assert f">{PATEL}</Number>" in second.text
    assert contact_for("CA" + "a2" * 16)["route"] == ["dr-patel"]
    third = sim.post("/twilio/voice", _incoming("CA" + "a3" * 16))  # the snapshot reloaded
    assert LEE not in third.text
    assert contact_for("CA" + "a3" * 16)["route"] == ["dr-patel"]


def test_a_retried_call_answers_the_same_contact_and_step_S5(sim):
    params = _incoming("CA" + "b1" * 16)
    first = sim.post("/twilio/voice", params)
    again = sim.post("/twilio/voice", params)
    assert first.text == again.text
    assert contact_for(params["CallSid"])["events"] == ["greeted", "dialled"]


def test_an_unknown_caller_is_routed_to_the_duty_clinician_or_the_crisis_line(sim):
    response = sim.post("/twilio/voice", _incoming("CA" + "c1" * 16, from_=STRANGER))
    assert f">{CRISIS_LINE}</Dial>" in response.text  # Wednesday night: no duty clinician
    contact = contact_for("CA" + "c1" * 16)
    assert contact["outcome"] == "crisis_line"
    assert contact["events"][:2] == ["greeted", "crisis_line"]
    assert contact["follow_up"]["assignee"] == "sup-ortiz"


def test_the_snapshot_reloads_off_the_call_path(sim, monkeypatch):
    monkeypatch.setenv("ROUTE_SNAPSHOT", "background")
    get_settings.cache_clear()
    snapshot.keeper.reset()
    first = sim.post("/twilio/voice", _incoming("CA" + "d1" * 16))  # from the tables
    assert f">{LEE}</Number>" in first.text
    deadline = time.monotonic() + NEVER_WAITS_S
    while snapshot.keeper.current(datetime.now(UTC), "off") is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert snapshot.keeper.current(WEDNESDAY_9PM, "off") is not None
    second = sim.post("/twilio/voice", _incoming("CA" + "d2" * 16))
    assert f">{LEE}</Number>" in second.text
    assert contact_for("CA" + "d2" * 16)["events"] == ["greeted", "dialled"]


def test_a_write_that_hangs_answers_the_crisis_line_by_the_deadline_S1(sim, monkeypatch):
    """PostgreSQL: the write awaited on the event loop; SQLite: the write on the routing
    thread. Either hangs: the caller hears the crisis line in time, and nothing says a
    clinician was dialled."""
    monkeypatch.setenv("VOICE_DEADLINE_S", "0.3")
    get_settings.cache_clear()
    released = threading.Event()
    if get_engine().dialect.name == "postgresql":
        assert db_async.pool() is not None

        async def hung(*_args: Any) -> tuple[Any, ...]:
            await asyncio.sleep(30)
            raise AssertionError("never")

        monkeypatch.setattr(call_writes, "send", hung)
    else:
        real = call_writes.write_in_steps

        def held(*args: Any) -> Any:
            released.wait(30)
            return real(*args)

        monkeypatch.setattr(call_writes, "write_in_steps", held)
    started = time.monotonic()
    try:
        response = sim.post("/twilio/voice", _incoming("CA" + "e1" * 16))
        assert time.monotonic() - started < NEVER_WAITS_S
    finally:
        released.set()
    assert f">{CRISIS_LINE}</Dial>" in response.text
    assert LEE not in response.text
    assert contact_count() == 0  # the late write is discarded; the spool keeps the call
