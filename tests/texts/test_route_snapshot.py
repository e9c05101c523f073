"""The text path plans from the route snapshot too (routes.route_now): the version read in the
text's own transaction instead of four reads of the tables, and the tables whenever the
version moved (SPEC §10, S4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from router.contacts import routes, snapshot
from router.core.db import session_scope
from router.store.models import Clinician, OutboundMessage, Patient, Practice
from tests.busy_week import busy_week
from tests.clinic import LEE, PATEL, PRACTICE_NUMBER, SAM, WEDNESDAY_9PM


def test_a_text_plans_what_the_tables_plan_at_every_instant_of_a_week(roster, clock):
    busy_week()
    at, compared = WEDNESDAY_9PM - timedelta(hours=3), 0
    while at < WEDNESDAY_9PM + timedelta(days=5):
        snapshot.keeper.reload(at)  # before the unit of work (SQLite: one writer at a time)
        with session_scope() as session:
            practice = session.get(Practice, "riverside")
            assert practice is not None
            people = [session.get(Patient, p) for p in ("pt-sam", "pt-ana", "pt-jo")] + [None]
            for later in (at, at + timedelta(minutes=29)):
                for person in people:
                    fresh = routes.route_at(session, practice, person, later)
                    kept = routes.route_now(session, practice, person, later)
                    assert kept.plan == fresh.plan, (later, person.id if person else None)
                    for clinician_id in fresh.schedules:
                        assert kept.on_duty(clinician_id) == fresh.on_duty(clinician_id)
                    compared += 1
        at += timedelta(minutes=47)
    assert compared > 1000


def test_a_text_after_a_change_is_relayed_from_the_tables_never_from_the_stale_snapshot(
    texting, monkeypatch
):
    read_tables: list[str] = []
    route_at = routes.route_at

    def counted(session: Any, practice: Any, patient: Any, at: Any, **kw: Any) -> Any:
        read_tables.append(patient.id if patient else "unknown")
        return route_at(session, practice, patient, at, **kw)

    monkeypatch.setattr(routes, "route_at", counted)
    first = texting.sim.text(SAM, PRACTICE_NUMBER, "Having a really hard night")
    assert "Dana (on call)" in first.replies[0].body
    assert read_tables == []  # planned from the snapshot
    texting.jobs.settle()
    with session_scope() as session:  # Lee leaves the practice
        session.execute(update(Clinician).where(Clinician.id == "dr-lee").values(active=False))
    second = texting.sim.text(SAM, PRACTICE_NUMBER, "are you there")
    assert "Dana" not in second.replies[0].body
    assert read_tables == ["pt-sam"]  # the version moved: the tables answered
    texting.jobs.settle()
    with session_scope() as session:
        relays = session.scalars(
            select(OutboundMessage.to_number)
            .where(OutboundMessage.purpose == "relay")
            .order_by(OutboundMessage.created_at)
        ).all()
    assert relays == [LEE, PATEL]
