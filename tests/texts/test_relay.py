"""Relaying a patient's text to the clinician, masked through the practice number, and the
clinician's answer back; nothing lost, nothing twice (S5): a retried webhook, a flood."""

from __future__ import annotations

from sqlalchemy import func, select

from router.core.db import session_scope
from router.store.models import InboundText
from tests.clinic import LEE, PATEL, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for


def test_text_is_relayed_masked_through_the_practice_number(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "Can we talk?")
    jobs.settle()
    relay = sim.device(LEE).expect_sms("[Sam R.] Can we talk?")
    assert relay.from_ == PRACTICE_NUMBER
    assert "reply here to answer" in relay.body
    sim.device(PATEL).expect_no_sms()


def test_clinicians_reply_reaches_the_patient_masked_and_acknowledges(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "Can we talk?")
    jobs.settle()
    sim.device(LEE).expect_sms("[Sam R.]")
    sim.device(LEE).reply("Yes - calling you in 5 minutes")
    jobs.settle()
    answer = sim.device(SAM).expect_sms("calling you in 5")
    assert answer.from_ == PRACTICE_NUMBER
    contact = contact_for(record.message_sid)
    assert contact["outcome"] == "acknowledged"
    assert contact["connected_to"] == "dr-lee"
    assert jobs.pending() == []


def test_further_texts_join_the_same_contact_and_reach_the_same_clinician(texting):
    sim, jobs = texting.sim, texting.jobs
    first = sim.text(SAM, PRACTICE_NUMBER, "Are you there?")
    sim.text(SAM, PRACTICE_NUMBER, "It's getting worse")
    jobs.settle()
    sim.device(LEE).expect_sms("Are you there?")
    sim.device(LEE).expect_sms("It's getting worse")
    assert contact_count() == 1
    assert contact_for(first.message_sid)["events"].count("text_received") == 2


# S5: nothing lost, nothing twice ---------------------------------------------------------


def test_a_retried_text_webhook_is_one_contact_one_relay_S5(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "once only")
    again = sim.redeliver_text(record)
    assert again.status_code == 200
    jobs.settle()
    sim.device(LEE).expect_sms("once only")
    sim.device(LEE).expect_no_sms()
    assert contact_count() == 1
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(InboundText)) == 1


def test_a_flood_is_logged_in_full_but_answered_a_bounded_number_of_times(texting):
    sim, jobs = texting.sim, texting.jobs
    replies = 0
    for n in range(12):
        record = sim.text(SAM, PRACTICE_NUMBER, f"text number {n}")
        replies += len(record.replies)
    jobs.settle()
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(InboundText)) == 12
    assert replies <= 5
    assert len(sim.device(LEE).inbox) <= 5
