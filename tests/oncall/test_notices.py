"""Follow-up notices (router/oncall/notices.py): an overdue follow-up is flagged to the
supervisors once, ever, however often and wherever the check runs; each member of staff gets
one morning text of their open follow-ups, in their own time zone, none when they have none,
never when deactivated. S7: the supervisors' text names no patient."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.oncall.notices import NoticesSent, run_notices
from router.store.models import Clinician, Contact, FollowUp, OutboundMessage, Practice
from tests.clinic import ANA, CHEN, CRISIS_LINE, LEE, ORTIZ, PRACTICE_NUMBER, SAM

# Thursday 2026-11-26 in New York (UTC-5): Wednesday night's follow-ups are due at 08:00.
THURSDAY_7AM = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
THURSDAY_830AM = datetime(2026, 11, 26, 13, 30, tzinfo=UTC)
THURSDAY_930AM = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)  # 08:30 in Chicago (Dr Chen)
THURSDAY_2PM = datetime(2026, 11, 26, 19, 0, tzinfo=UTC)
FRIDAY_9AM = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
SATURDAY_9AM = datetime(2026, 11, 28, 14, 0, tzinfo=UTC)
MONDAY_9AM = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)


@pytest.fixture
def night(roster, sim, clock) -> dict[str, int]:
    """Wednesday 21:00: Sam reaches Dr Lee, Ana the crisis line (Dr Chen follows up)."""
    sim.phone(LEE).answers_and_presses("1")
    sam = sim.call(SAM, PRACTICE_NUMBER).call_sid
    sim.phone(CHEN).no_answer()
    sim.phone(CRISIS_LINE).answers_and_presses()
    ana = sim.call(ANA, PRACTICE_NUMBER).call_sid
    ids = {}
    with session_scope() as session:
        for name, sid in (("sam", sam), ("ana", ana)):
            contact = session.scalars(select(Contact).where(Contact.sid == sid)).one()
            follow = session.scalars(
                select(FollowUp).where(FollowUp.contact_id == contact.id)
            ).one()
            ids[name] = follow.id
    return ids


def check(at: datetime) -> NoticesSent:
    with session_scope() as session:
        return run_notices(session, at)


def texts(purpose: str) -> list[OutboundMessage]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(OutboundMessage)
                .where(OutboundMessage.purpose == purpose)
                .order_by(OutboundMessage.created_at, OutboundMessage.id)
            )
        )


def overdue_texts() -> list[OutboundMessage]:
    return texts("follow_up_overdue")


def morning_texts() -> list[OutboundMessage]:
    return texts("follow_ups_morning")


def test_overdue_follow_ups_are_flagged_to_the_supervisors_once_S7(night, clock) -> None:
    assert check(clock()).overdue_flagged == 0  # Wednesday night: nothing is due yet
    assert check(THURSDAY_7AM).overdue_flagged == 0
    sent = check(THURSDAY_830AM)
    assert (sent.overdue_flagged, sent.overdue_texts) == (2, 1)
    (text,) = overdue_texts()
    assert text.to_number == ORTIZ  # the one supervisor of the test roster
    assert text.body == (
        "afterhours: 2 follow-ups are overdue at Riverside DBT Clinic; see the follow-up queue."
    )
    for word in ("Sam", "Ana", "pt-", "+1617"):
        assert word not in (text.body or "")  # S7: no patient, no number
    # Again, an hour later, the next day: the same follow-ups are never flagged twice.
    for at in (THURSDAY_830AM, THURSDAY_930AM, FRIDAY_9AM):
        assert check(at).overdue_flagged == 0
    assert len(overdue_texts()) == 1


def test_a_follow_up_closed_in_time_is_never_flagged(client, night) -> None:
    with session_scope() as session:
        follow = session.get(FollowUp, night["sam"])
        assert follow is not None
        follow.status = "done"
    assert check(THURSDAY_830AM).overdue_flagged == 1
    assert overdue_texts()[0].body is not None
    assert "1 follow-up is overdue" in (overdue_texts()[0].body or "")


def test_the_overdue_flag_is_sent_once_when_checks_run_concurrently(night) -> None:
    """Two replicas' hourly checks at the same moment: each follow-up is claimed by one."""
    start = threading.Barrier(2)
    results: list[NoticesSent] = []
    errors: list[BaseException] = []

    def replica() -> None:
        try:
            start.wait(timeout=10)
            results.append(check(THURSDAY_830AM))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=replica) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(r.overdue_flagged for r in results) == [0, 2]
    assert sorted(r.morning_texts for r in results) == [0, 1]  # Dr Lee's morning, once
    assert len(overdue_texts()) == 1
    assert len(morning_texts()) == 1


def test_each_clinician_gets_one_morning_text_in_their_own_zone(night) -> None:
    assert check(THURSDAY_7AM).morning_texts == 0  # before 08:00
    assert check(THURSDAY_830AM).morning_texts == 1  # Dr Lee, New York
    (lee,) = morning_texts()
    assert lee.clinician_id == "dr-lee"
    assert lee.to_number == LEE
    assert lee.body == (
        "afterhours: 1 open follow-up for you at Riverside DBT Clinic: "
        "[Sam R.] due 08:00 (overdue). See My follow-ups."
    )
    assert "Rivera" not in (lee.body or "")  # the display name, as the relay gives it
    # 08:30 in Chicago: Dr Chen's morning; Dr Lee has had hers today.
    assert check(THURSDAY_930AM).morning_texts == 1
    assert [t.clinician_id for t in morning_texts()] == ["dr-lee", "dr-chen"]
    assert "[Ana G.] due 07:00 (overdue)" in (morning_texts()[1].body or "")  # her clock
    assert check(THURSDAY_930AM).morning_texts == 0
    assert check(THURSDAY_2PM).morning_texts == 0  # the afternoon is not a morning
    # Friday morning, both still open: one text each again; nobody else (none open).
    assert check(FRIDAY_9AM).morning_texts == 2  # 09:00 in New York, 08:00 in Chicago
    friday = {t.clinician_id: t.body or "" for t in morning_texts()[2:]}
    assert set(friday) == {"dr-lee", "dr-chen"}
    assert "[Sam R.] due Thu 26 Nov 08:00 (overdue)" in friday["dr-lee"]
    assert check(FRIDAY_9AM).morning_texts == 0


def test_no_morning_text_without_open_follow_ups_or_for_deactivated_staff(night) -> None:
    with session_scope() as session:
        follow = session.get(FollowUp, night["ana"])
        assert follow is not None
        follow.status = "done"
        lee = session.get(Clinician, "dr-lee")
        assert lee is not None
        lee.active = False
    assert check(THURSDAY_830AM).morning_texts == 0
    assert check(THURSDAY_930AM).morning_texts == 0
    assert morning_texts() == []


def test_no_morning_text_on_weekends_or_the_practice_holidays(night) -> None:
    """Follow-ups are due on working days only; the morning text keeps the same days."""
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        practice.holidays = ["2026-11-26"]  # Thanksgiving
    assert check(THURSDAY_830AM).morning_texts == 0
    assert check(THURSDAY_930AM).morning_texts == 0
    assert check(FRIDAY_9AM).morning_texts == 2
    assert check(SATURDAY_9AM).morning_texts == 0
    assert check(MONDAY_9AM).morning_texts == 2
