"""The new triage wired into the texts (issue 8): crisis resources in every reply, the safety
check for the uncertain middle, earlier texts read together, poison control for someone else,
clinicians' texts that never misfire, urgent follow-ups for disclosures. Driven through the
mock Twilio, as tests/test_texts.py is."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from policies.gsm import fit_one_segment, is_gsm7
from router.core.db import session_scope
from router.store.models import Contact, ContactEvent
from tests.clinic import ANA, JO, LEE, PATEL, PRACTICE_NUMBER, SAM, WEDNESDAY_1130PM
from tests.contact_log import contact_for

SAFE_QUESTION = "Are you safe right now? Reply YES or NO"


def _reply(record) -> str:
    assert record.replies, "the webhook answered nothing"
    return record.replies[0].body


def _details(sid: str, type_: str) -> list[dict]:
    with session_scope() as session:
        contact = session.scalars(select(Contact).where(Contact.sid == sid)).one()
        return [
            dict(e.detail or {})
            for e in session.scalars(
                select(ContactEvent)
                .where(ContactEvent.contact_id == contact.id, ContactEvent.type == type_)
                .order_by(ContactEvent.at, ContactEvent.id)
            )
        ]


def _risk(sid: str) -> str | None:
    with session_scope() as session:
        return session.scalars(select(Contact.risk).where(Contact.sid == sid)).one()


# 1. Every patient reply carries crisis resources, in the patient's language ------------


@pytest.mark.parametrize("body", ["Having a really hard night", "ok thanks", "Can we talk?"])
def test_every_reply_gives_988_and_911_in_one_gsm7_segment_S3(texting, body):
    reply = _reply(texting.sim.text(SAM, PRACTICE_NUMBER, body))
    assert "988" in reply
    assert "911" in reply
    assert is_gsm7(reply)
    assert fit_one_segment(reply)


def test_a_spanish_speaking_patient_reads_spanish_only_S3(texting):
    reply = _reply(texting.sim.text(ANA, PRACTICE_NUMBER, "Necesito hablar con alguien"))
    assert "Wei (de guardia)" in reply
    assert "(on call)" not in reply
    assert "988" in reply
    assert "911" in reply
    assert "peligro" in reply
    assert is_gsm7(reply)
    assert fit_one_segment(reply)


# 2. The safety check -------------------------------------------------------------------


def test_a_possibly_unsafe_text_asks_if_the_patient_is_safe_right_now(texting):
    record = texting.sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    reply = _reply(record)
    assert SAFE_QUESTION in reply
    assert "Dana (on call)" in reply
    assert "988" in reply
    assert "911" in reply
    assert fit_one_segment(reply)
    assert "safety_check_asked" in contact_for(record.message_sid)["events"]


def test_the_safety_check_is_asked_in_spanish(texting):
    reply = _reply(texting.sim.text(ANA, PRACTICE_NUMBER, "ya no puedo mas"))
    assert "Esta a salvo ahora? Responda SI o NO" in reply
    assert "Are you safe" not in reply
    assert fit_one_segment(reply)


def test_no_to_the_safety_check_pages_and_escalates_sooner(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    jobs.settle()
    sim.device(LEE).expect_sms("what is the point")
    assert not sim.device(LEE).calls
    sim.text(SAM, PRACTICE_NUMBER, "no")
    jobs.settle()
    relayed = sim.device(LEE).expect_sms("[Sam R.] no")
    assert "NO - now urgent" in relayed.body
    assert sim.device(LEE).calls, "a NO pages the clinician"
    assert _risk(record.message_sid) == "high"
    assert contact_for(record.message_sid)["follow_up"]["urgent"] is True
    jobs.advance(minutes=3)  # the high-risk ack timeout, not the routine ten minutes
    sim.device(PATEL).expect_sms("what is the point")


def test_yes_to_the_safety_check_keeps_it_routine_and_is_relayed(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    jobs.settle()
    sim.device(LEE).expect_sms("what is the point")
    sim.text(SAM, PRACTICE_NUMBER, "yes im safe")
    jobs.settle()
    relayed = sim.device(LEE).expect_sms("yes im safe")
    assert "YES" in relayed.body
    jobs.advance(minutes=6)  # past the safety-check timeout: nothing happens
    assert not sim.device(LEE).calls
    sim.device(PATEL).expect_no_sms()
    contact = contact_for(record.message_sid)
    assert _risk(record.message_sid) != "high"
    assert "safety_check_unanswered" not in contact["events"]
    assert _details(record.message_sid, "safety_check_answered") == [{"answer": "yes"}]


def test_no_answer_to_the_safety_check_in_time_makes_the_contact_high_risk(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    jobs.settle()
    sim.device(LEE).expect_sms("what is the point")
    jobs.advance(minutes=4)
    assert not sim.device(LEE).calls
    jobs.advance(minutes=1)  # safety_check_timeout_s defaults to 300
    told = sim.device(LEE).expect_sms("did not answer 'Are you safe right now?'")
    assert "Sam R." in told.body
    assert sim.device(LEE).calls, "silence pages the clinician"
    contact = contact_for(record.message_sid)
    assert "safety_check_unanswered" in contact["events"]
    assert contact["follow_up"]["urgent"] is True
    assert _risk(record.message_sid) == "high"
    jobs.advance(minutes=3)  # then the short ack timeout moves it on
    sim.device(PATEL).expect_sms("what is the point")


def test_the_safety_check_timeout_is_safe_to_run_twice(texting):
    from workers.jobs import safety_check_timeout

    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    jobs.settle()
    contact_id = contact_for(record.message_sid)["id"]
    safety_check_timeout(contact_id, record.message_sid)
    safety_check_timeout(contact_id, record.message_sid)
    jobs.settle()
    assert len(sim.device(LEE).calls) == 1
    assert contact_for(record.message_sid)["events"].count("safety_check_unanswered") == 1


def test_a_lost_safety_check_timeout_is_found_by_the_sweeper(texting, monkeypatch):
    from redis.exceptions import ConnectionError as RedisDown

    from router.core import jobs as queue
    from workers.jobs import sweep

    sim, jobs = texting.sim, texting.jobs

    class Down:
        def submit(self, request: object) -> None:
            raise RedisDown("redis is down")

    working = queue.get_queue
    monkeypatch.setattr(queue, "get_queue", lambda: Down())
    record = sim.text(SAM, PRACTICE_NUMBER, "what is the point anymore")
    assert SAFE_QUESTION in _reply(record)
    monkeypatch.setattr(queue, "get_queue", working)
    jobs.clock.advance(minutes=6)
    sweep()
    jobs.settle()
    assert "safety_check_unanswered" in contact_for(record.message_sid)["events"]
    assert sim.device(LEE).calls, "the sweeper's timeout pages the clinician"


# 3. Earlier texts count; the cues are in the timeline ----------------------------------


def test_a_farewell_after_an_earlier_method_mention_pages(texting):
    sim, jobs = texting.sim, texting.jobs
    first = sim.text(SAM, PRACTICE_NUMBER, "i have the pills here")
    jobs.settle()
    assert not sim.device(LEE).calls
    sim.text(SAM, PRACTICE_NUMBER, "bye")
    jobs.settle()
    assert sim.device(LEE).calls, "the farewell reads together with the pills"
    details = _details(first.message_sid, "text_received")
    assert details[0]["risk"] == "routine"
    assert details[1]["risk"] == "high"
    cues = details[1]["cues"]
    assert any(cue.startswith("ingestion/") and "earlier text" in cue for cue in cues)
    assert all("pills here" not in cue for cue in cues)  # names, never the text (S7)


def test_the_cues_that_made_a_page_are_in_the_contact_timeline(texting):
    record = texting.sim.text(SAM, PRACTICE_NUMBER, "took 30 pills")
    detail = _details(record.message_sid, "text_received")[0]
    assert detail["risk"] == "high"
    assert "ingestion/swallowed_a_count" in detail["cues"]


# 4. Someone else swallowed something ---------------------------------------------------


def test_someone_else_who_swallowed_pills_gets_911_and_poison_control(texting):
    reply = _reply(texting.sim.text(SAM, PRACTICE_NUMBER, "my son swallowed my pills"))
    assert "911" in reply
    assert "1-800-222-1222" in reply
    assert is_gsm7(reply)
    assert fit_one_segment(reply)


# 5. Clinicians' texts never misfire ----------------------------------------------------


@pytest.mark.parametrize("text", ["on till 2am", "help me set ON", "OFF now"])
def test_a_clinicians_command_like_text_in_a_thread_is_not_relayed(texting, text):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "can we talk")
    jobs.settle()
    sim.device(SAM).clear()
    answer = sim.device(LEE).expect_sms("can we talk").reply(text)
    jobs.settle()
    body = answer.replies[0].body
    assert "Not sent to Sam R:" in body
    assert "reads like a command" in body
    assert "#1" in body
    sim.device(SAM).expect_no_sms()


def test_a_clinicians_carrier_keyword_in_a_thread_never_reaches_the_patient(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "can we talk")
    jobs.settle()
    sim.device(SAM).clear()
    sim.device(LEE).expect_sms("can we talk").reply("STOP")
    jobs.settle()
    sim.device(SAM).expect_no_sms()


def test_a_command_like_text_with_the_thread_code_is_sent(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "can we talk")
    jobs.settle()
    sim.device(SAM).clear()
    sim.device(LEE).expect_sms("can we talk").reply("#1 on till 2am, text me")
    jobs.settle()
    sim.device(SAM).expect_sms("on till 2am, text me")


def test_a_reply_goes_to_the_newest_urgent_thread_not_an_older_one(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(JO, PRACTICE_NUMBER, "Jo here, can't sleep")
    jobs.settle()
    sim.device(PATEL).expect_sms("[Jo P.] Jo here")
    sim.text(SAM, PRACTICE_NUMBER, "I want to die")
    jobs.settle()  # the relay to Lee goes out: the ack window starts when it is sent (S4)
    jobs.advance(minutes=3)  # Lee does not answer the high-risk text: on to Patel
    urgent = sim.device(PATEL).expect_sms("I want to die")
    assert urgent.body.startswith("[#2 Sam R.]")
    sim.device(SAM).clear()
    sim.device(JO).clear()
    answer = sim.device(PATEL).reply("I'm here, calling you")
    jobs.settle()
    body = answer.replies[0].body
    assert "Sent to Sam R." in body
    assert "#2" in body
    assert "#1 Jo P." in body
    sim.device(SAM).expect_sms("I'm here, calling you")
    sim.device(JO).expect_no_sms()


def test_a_patients_photo_is_relayed_as_photo_never_empty(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "", num_media=1)
    jobs.settle()
    relay = sim.device(LEE).expect_sms("[Sam R.] [photo]")
    assert "media is not forwarded" in relay.body


def test_a_clinicians_photo_reaches_the_patient_as_photo_with_a_note(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "can we talk")
    jobs.settle()
    sim.device(SAM).clear()
    sim.device(LEE).expect_sms("can we talk")
    answer = sim.text(LEE, PRACTICE_NUMBER, "", num_media=1)
    jobs.settle()
    assert "Media is not forwarded" in answer.replies[0].body
    assert sim.device(SAM).expect_sms("[photo]").body == "[photo]"


# 6. Urgent follow-ups for disclosures --------------------------------------------------


def test_a_high_risk_text_makes_an_urgent_follow_up_for_the_clinician_who_handled_it(
    texting, clock
):
    sim, jobs = texting.sim, texting.jobs
    clock.set(WEDNESDAY_1130PM)  # Lee (first of Sam's team) is off; Patel is on call
    record = sim.text(SAM, PRACTICE_NUMBER, "took 30 pills")
    jobs.settle()
    sim.device(PATEL).expect_sms("took 30 pills")
    follow = contact_for(record.message_sid)["follow_up"]
    assert follow["urgent"] is True
    assert follow["assignee"] == "dr-patel"


def test_a_routine_text_keeps_the_follow_up_with_the_care_team(texting, clock):
    sim, jobs = texting.sim, texting.jobs
    clock.set(WEDNESDAY_1130PM)
    record = sim.text(SAM, PRACTICE_NUMBER, "can we talk tomorrow")
    jobs.settle()
    follow = contact_for(record.message_sid)["follow_up"]
    assert follow["urgent"] is False
    assert follow["assignee"] == "dr-lee"
