"""The coverage job texts the supervisors once per gap in the next 48 hours (SPEC §11)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.core.db import session_scope
from router.oncall.coverage import ALERT_HORIZON, check_all_practices, gaps_for
from router.store.models import CoverageAlert, OnCallWindow, OutboundMessage, Practice
from router.store.repositories import staff
from tests.clinic import LEE, ORTIZ, PATEL, PRACTICE_NUMBER


def coverage_texts() -> list[OutboundMessage]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(OutboundMessage).where(OutboundMessage.purpose == "coverage_gap")
            )
        )


def alerts(session: Session) -> list[CoverageAlert]:
    return list(session.scalars(select(CoverageAlert).order_by(CoverageAlert.starts_at)))


def test_supervisors_are_texted_once_per_gap(roster, clock) -> None:
    with session_scope() as session:
        told = check_all_practices(session, clock())
    assert told > 0
    texts = coverage_texts()
    assert len(texts) == told  # one supervisor in the test roster
    assert {t.to_number for t in texts} == {ORTIZ}
    for text in texts:
        assert "pt-" not in (text.body or "")  # S7: no patient ids or names
        assert "coverage gap" in (text.body or "")
    with session_scope() as session:
        assert check_all_practices(session, clock()) == 0
    assert len(coverage_texts()) == told
    # Every hour for a day, nothing changed: the running gap (cut at "now") and the last gap
    # of the horizon (cut at now+48 h) are the gaps already told, not new ones. Only a gap
    # that starts past every earlier run's horizon is news.
    first_horizon_end, news = clock() + ALERT_HORIZON, 0
    for _hour in range(24):
        clock.advance(hours=1)
        with session_scope() as session:
            again = check_all_practices(session, clock())
            newly = [a for a in alerts(session) if a.told_at == clock()]
            assert len(newly) == again
            assert all(a.starts_at >= clock() + ALERT_HORIZON - timedelta(hours=1) for a in newly)
        retold = [a for a in newly if a.starts_at < first_horizon_end]
        assert retold == []
        news += again
    assert len(coverage_texts()) == told + news


def test_a_gap_that_only_shrinks_is_not_told_again(roster, clock) -> None:
    with session_scope() as session:
        told = check_all_practices(session, clock())
        first = alerts(session)[0]
        start, end, patients = first.starts_at, first.ends_at, list(first.patients)
        teams = staff.care_teams(session, "riverside")
        practice = session.get(Practice, "riverside")
        assert practice is not None
        zone = ZoneInfo(practice.timezone)
    assert told > 0
    clinician = teams[patients[0]][0]
    middle = start + (end - start) / 2
    with session_scope() as session:  # covers the middle: the gap is split in two, both old news
        session.add(
            OnCallWindow(
                practice_id="riverside",
                clinician_id=clinician,
                source="self",
                kind="oneoff",
                starts_at=middle,
                ends_at=middle + timedelta(hours=1),
                local_start=middle.astimezone(zone).replace(tzinfo=None).isoformat("T", "minutes"),
                local_end=(middle + timedelta(hours=1))
                .astimezone(zone)
                .replace(tzinfo=None)
                .isoformat("T", "minutes"),
                duty=False,
                off=False,
            )
        )
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        assert len(gaps_for(session, practice, start, end)) == 2
        assert check_all_practices(session, clock()) == 0
    assert len(coverage_texts()) == told


def test_clinicians_texting_off_opens_a_gap_told_to_supervisors_at_once(texting) -> None:
    sim, jobs = texting.sim, texting.jobs
    with session_scope() as session:
        check_all_practices(session, jobs.clock())  # the gaps the roster already has: told
    jobs.settle()
    sim.device(ORTIZ).clear()
    for clinician in (LEE, PATEL):  # pt-sam's whole care team stands down
        assert "off call" in sim.device(clinician).send("OFF", to=PRACTICE_NUMBER).replies[0].body
    jobs.settle()
    gap = sim.device(ORTIZ).expect_sms("coverage gap")
    assert "nobody on call" in gap.body
    assert "pt-" not in gap.body  # S7
