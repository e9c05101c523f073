"""Nights a clinic actually has: conversations that outlast a window, floods, long texts,
two patients at once, a text and then a call. Found in review; pinned here."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from router.core.db import session_scope
from router.roster.parse import RosterError, parse_roster
from router.store.models import Clinician, Contact, OutboundMessage
from router.store.repositories import tokens
from router.store.repositories.roster import apply_roster
from tests.clinic import (
    CRISIS_LINE,
    DATA,
    JO,
    KIM,
    LEE,
    ORTIZ,
    PATEL,
    PRACTICE_NUMBER,
    SAM,
    WEDNESDAY_1130PM,
)
from tests.contact_log import contact_for


def _escalated_then_answered_by_lee(texting) -> str:
    """Sam's text climbs from Lee to Patel; then Lee answers late."""
    sim, jobs = texting.sim, texting.jobs
    first = sim.text(SAM, PRACTICE_NUMBER, "rough night")
    jobs.settle()
    jobs.advance(minutes=10)
    sim.device(PATEL).expect_sms("rough night")
    sim.device(LEE).reply("Sorry, saw it now - here")
    jobs.settle()
    assert contact_for(first.message_sid)["outcome"] == "acknowledged"
    sim.device(SAM).clear()
    return first.message_sid


def test_a_clinician_tried_earlier_is_tried_again_when_the_conversation_reopens_S4(texting, clock):
    sim, jobs = texting.sim, texting.jobs
    _escalated_then_answered_by_lee(texting)
    clock.set(WEDNESDAY_1130PM)  # Lee off call, Patel on
    again = sim.text(SAM, PRACTICE_NUMBER, "still awake, scared")
    assert "Ravi (on call)" in again.replies[0].body
    jobs.settle()
    sim.device(PATEL).expect_sms("still awake, scared")


def test_an_unanswered_text_goes_to_an_on_call_clinician_tried_earlier_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    _escalated_then_answered_by_lee(texting)
    sim.text(SAM, PRACTICE_NUMBER, "I have the pills in my hand")
    jobs.settle()
    jobs.advance(minutes=10)  # Lee is silent
    sim.device(PATEL).expect_sms("I have the pills in my hand")
    sim.device(SAM).expect_no_sms("could not reach")


def test_texts_held_back_by_a_flood_reach_the_clinician_in_one_batch_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "I want to die")
    jobs.settle()
    sim.device(LEE).expect_sms("I want to die").reply("I'm here Sam, talk to me")
    jobs.settle()
    for text in ["ok", "its bad", "really bad", "sorry", "i cant"]:
        sim.text(SAM, PRACTICE_NUMBER, text)
    sim.text(SAM, PRACTICE_NUMBER, "I'm at 12 Elm Street")
    jobs.settle()
    jobs.advance(minutes=1)
    batch = sim.device(LEE).expect_sms("12 Elm Street")
    assert "i cant" in batch.body


def test_a_long_text_is_relayed_whole_in_numbered_parts(texting):
    sim, jobs = texting.sim, texting.jobs
    body = "x" * 1590 + " I am at 12 Elm St"
    sim.text(SAM, PRACTICE_NUMBER, body)
    jobs.settle()
    parts = [m.body for m in sim.device(LEE).inbox]
    assert len(parts) == 2
    assert parts[0].startswith("(1/2) [Sam R.]")
    assert "12 Elm St" in parts[1]
    assert all(len(part) <= 1600 for part in parts)


def test_escalation_carries_the_patients_words_not_the_clinicians(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hi")
    jobs.settle()
    sim.device(LEE).reply("Do you have a safety plan? Are the pills locked away?")
    jobs.settle()
    sim.text(SAM, PRACTICE_NUMBER, "not really")
    jobs.settle()
    jobs.advance(minutes=10)  # Lee silent: on to Patel
    relayed = sim.device(PATEL).expect_sms("not really").body
    assert "pills locked away" not in relayed


def test_without_supervisors_the_alert_goes_to_the_care_team_and_says_so_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    with session_scope() as session:
        session.get(Clinician, "sup-ortiz").role = "clinician"
    record = sim.text(SAM, PRACTICE_NUMBER, "Please call me")
    jobs.settle()
    jobs.advance(minutes=10)
    jobs.advance(minutes=10)
    sim.device(LEE).expect_sms("not answered by anyone on call")
    sim.device(ORTIZ).expect_no_sms()
    with session_scope() as session:
        alerts = session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "supervisor_alert")
        ).all()
        assert {a.clinician_id for a in alerts} == {"dr-lee", "dr-patel"}
    assert "supervisors_alerted" in contact_for(record.message_sid)["events"]


def test_a_patient_who_texted_then_got_through_by_phone_is_not_told_nobody_answered(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "can you call me")
    jobs.settle()
    sim.phone(LEE).answers_and_presses("1")
    assert sim.call(SAM, PRACTICE_NUMBER).bridged_to == LEE
    jobs.advance(minutes=10)
    jobs.advance(minutes=10)
    sim.device(SAM).expect_no_sms("could not reach a clinician")
    assert contact_for(record.message_sid)["outcome"] == "acknowledged"


def test_a_roster_where_a_patient_shares_a_clinicians_phone_is_refused(database_url):
    text = (DATA / "riverside.yaml").read_text()
    text = text.replace('phones: ["617-555-0197"]', 'phones: ["617-555-0101"]')
    with pytest.raises(RosterError, match=r"is also clinician dr-lee's phone"):
        parse_roster(text)


def test_two_patients_calling_at_the_same_moment_both_reach_their_clinicians_S1(roster, clock, sim):
    sim.phone(LEE).answers_and_presses("1")
    sim.phone(PATEL).answers_and_presses("1")
    barrier = threading.Barrier(2)
    calls = {}

    def call(caller: str) -> None:
        barrier.wait()
        calls[caller] = sim.call(caller, PRACTICE_NUMBER)

    threads = [threading.Thread(target=call, args=(caller,)) for caller in (SAM, JO)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert CRISIS_LINE not in calls[SAM].dialled
    assert CRISIS_LINE not in calls[JO].dialled


def test_two_texts_at_the_same_moment_are_both_answered_normally_S3(texting):
    sim, jobs = texting.sim, texting.jobs
    barrier = threading.Barrier(2)
    records = []

    def text(body: str) -> None:
        barrier.wait()
        records.append(sim.text(SAM, PRACTICE_NUMBER, body))

    threads = [threading.Thread(target=text, args=(body,)) for body in ("one", "two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    jobs.settle()
    for record in records:
        assert "Dana (on call)" in record.replies[0].body
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 1


def _post(sim, path: str, **params: str) -> str:
    base = {"From": SAM, "To": PRACTICE_NUMBER}
    response = sim.post(path, {**base, **params})
    assert response.status_code == 200, response.text
    return response.text


def test_a_caller_who_hangs_up_during_screening_stays_abandoned(roster, clock, sim):
    sid = "CA" + "1" * 32
    answer = _post(sim, "/twilio/voice", CallSid=sid, CallStatus="ringing")
    contact = re.search(r"c=([^&\"]+)&amp;n=0", answer).group(1)
    _post(sim, f"/twilio/voice/screen?c={contact}&n=0", CallSid="CA" + "2" * 32)
    _post(sim, "/twilio/status", CallSid=sid, CallStatus="completed", CallDuration="25")
    after = _post(
        sim, f"/twilio/voice/next?c={contact}&n=0", CallSid=sid, DialCallStatus="completed"
    )
    assert "<Hangup" in after
    assert contact_for(sid)["outcome"] == "abandoned"


def test_pressing_1_after_the_caller_hung_up_bridges_nothing(roster, clock, sim):
    sid = "CA" + "3" * 32
    answer = _post(sim, "/twilio/voice", CallSid=sid)
    contact = re.search(r"c=([^&\"]+)&amp;n=0", answer).group(1)
    _post(sim, f"/twilio/voice/screen?c={contact}&n=0", CallSid="CA" + "4" * 32)
    _post(sim, "/twilio/status", CallSid=sid, CallStatus="completed", CallDuration="20")
    late = _post(
        sim, f"/twilio/voice/screen/answer?c={contact}&n=0", CallSid="CA" + "4" * 32, Digits="1"
    )
    assert "<Hangup" in late
    assert contact_for(sid)["outcome"] == "abandoned"


def test_calls_follow_the_windows_across_the_fall_back_night(roster, clock, sim):
    # Sunday 2026-11-01 07:30 EST (after the clocks went back): Patel's Saturday night window.
    clock.set(datetime(2026, 11, 1, 12, 30, tzinfo=UTC))
    sim.phone(PATEL).answers_and_presses("1")
    assert sim.call(JO, PRACTICE_NUMBER).bridged_to == PATEL
    clock.set(datetime(2026, 11, 1, 13, 0, tzinfo=UTC))  # 08:00 EST: Patel off, Kim on duty
    sim.phone(KIM).answers_and_presses("1")
    assert sim.call(JO, PRACTICE_NUMBER).dialled[0] == KIM


def test_until_before_since_is_refused_naming_until(texting):
    with session_scope() as session:
        headers = {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}
    response = texting.sim.client.get(
        "/api/v1/contacts?since=2026-11-27T00:00:00Z&until=2026-11-26T00:00:00Z",
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "until"


def test_the_ack_timeout_set_in_the_roster_policy_is_used(texting, database_url):
    text = (
        (DATA / "riverside.yaml")
        .read_text()
        .replace("    ring_timeout_s: 20", "    ring_timeout_s: 20\n    sms_ack_timeout_s: 120")
    )
    with session_scope() as session:
        apply_roster(session, parse_roster(text))
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hello?")
    jobs.settle()
    jobs.advance(minutes=2)
    sim.device(PATEL).expect_sms("hello?")
