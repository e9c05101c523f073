"""Texts, driven the way Twilio drives them (SPEC §8; S3, S4, S5, S7).

Each test is a small night: a patient texts, clinicians' phones receive relays and reply,
the clock moves, jobs run (in-process, and on the real Redis where TEST_REDIS_URL is set).
"""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import func, select

from policies.gsm import fit_one_segment, is_gsm7
from router.core.db import session_scope
from router.store.models import InboundText, OutboundMessage, Patient
from router.store.repositories import tokens
from tests.clinic import (
    ANA,
    DEAD_DATABASE,
    JO,
    KIM,
    LEE,
    ORTIZ,
    PATEL,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
    THURSDAY_NOON,
    WEDNESDAY_1130PM,
)
from tests.contact_log import contact_count, contact_for


def _reply(record) -> str:
    """The text the patient got straight back from the webhook."""
    assert record.replies, "the webhook answered nothing"
    return record.replies[0].body


def sms_contact(sid: str) -> dict:
    return contact_for(sid)


# S3: every text is answered at once ----------------------------------------------------


def test_every_text_is_answered_at_once_with_who_was_notified_S3(texting):
    sim = texting.sim
    record = sim.text(SAM, PRACTICE_NUMBER, "Having a really hard night")
    reply = _reply(record)
    assert "Dana (on call)" in reply
    assert "15 min" in reply
    assert "555" not in reply
    assert "Lee" not in reply  # first name or role, no more
    assert is_gsm7(reply)
    assert fit_one_segment(reply)


def test_when_nobody_is_on_call_the_reply_gives_crisis_resources_S3(texting, clock):
    clock.set(THURSDAY_NOON)
    record = texting.sim.text(SAM, PRACTICE_NUMBER, "Is anyone there")
    reply = _reply(record)
    assert "nobody is on call" in reply
    assert "988" in reply
    assert "911" in reply
    assert is_gsm7(reply)


def test_a_high_risk_text_gets_crisis_resources_in_the_reply_S3(texting):
    reply = _reply(texting.sim.text(SAM, PRACTICE_NUMBER, "I want to kill myself tonight"))
    assert "Dana (on call)" in reply
    assert "988" in reply
    assert "911" in reply


def test_spanish_speaking_patient_is_answered_in_spanish_S3(texting, clock):
    clock.set(THURSDAY_NOON)
    reply = _reply(texting.sim.text(ANA, PRACTICE_NUMBER, "Necesito ayuda"))
    assert "no hay nadie de guardia" in reply
    assert is_gsm7(reply)


def test_unknown_texter_reaches_the_duty_clinician(texting, clock):
    clock.set(SATURDAY_10AM)
    reply = _reply(texting.sim.text(STRANGER, PRACTICE_NUMBER, "hello, I'm a new patient"))
    assert "Min (clinician on duty)" in reply
    texting.jobs.settle()
    assert "[Unknown texter]" in texting.sim.device(KIM).expect_sms("hello").body


# Relay, threads, acknowledgement --------------------------------------------------------


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
    contact = sms_contact(record.message_sid)
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
    assert sms_contact(first.message_sid)["events"].count("text_received") == 2


def test_clinician_with_two_open_threads_answers_one_by_its_code(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(JO, PRACTICE_NUMBER, "Jo here, can't sleep")
    sim.text(SAM, PRACTICE_NUMBER, "Sam here, rough night")
    jobs.settle()
    sim.device(PATEL).expect_sms("[Jo P.] Jo here")
    jobs.advance(minutes=10)  # Lee does not answer Sam: it climbs to Patel
    second = sim.device(PATEL).expect_sms("Sam here")
    assert second.body.startswith("[#2 Sam R.]")
    assert "reply #2 to answer" in second.body
    sim.device(SAM).clear()
    sim.device(JO).clear()

    unsure = sim.device(PATEL).reply("I'm here")
    assert "several open threads" in unsure.replies[0].body
    assert "#1 Jo P." in unsure.replies[0].body
    assert "#2 Sam R." in unsure.replies[0].body
    sim.device(SAM).expect_no_sms()
    sim.device(JO).expect_no_sms()

    sim.device(PATEL).reply("#2 I'm here, Sam")
    jobs.settle()
    assert sim.device(SAM).expect_sms("I'm here, Sam").body == "I'm here, Sam"
    sim.device(JO).expect_no_sms()


def test_unknown_thread_code_is_not_sent_and_the_clinician_is_told(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hello")
    jobs.settle()
    sim.device(SAM).clear()
    answer = sim.device(LEE).reply("#9 hello")
    assert "No open thread #9" in answer.replies[0].body
    sim.device(SAM).expect_no_sms()


def test_help_explains_thread_codes_and_commands(texting):
    record = texting.sim.device(LEE).send("HELP", to=PRACTICE_NUMBER)
    body = record.replies[0].body
    assert "#2" in body
    assert "ON [until HH:MM]" in body


def test_who_lists_who_is_on_call(texting):
    body = texting.sim.device(PATEL).send("who", to=PRACTICE_NUMBER).replies[0].body
    assert "Dana until 23:00" in body
    assert "Ravi until 08:00" in body


def test_off_takes_a_clinician_off_call_and_on_puts_them_back(texting, client):
    sim = texting.sim
    headers = _bearer("sup-ortiz")
    assert "You are off call" in sim.device(LEE).send("OFF", to=PRACTICE_NUMBER).replies[0].body
    route = client.get("/api/v1/patients/pt-sam/route", headers=headers).json()["route"]
    assert route == ["dr-patel"]
    on = sim.device(LEE).send("ON until 22:30", to=PRACTICE_NUMBER).replies[0].body
    assert "until 22:30" in on
    route = client.get("/api/v1/patients/pt-sam/route", headers=headers).json()["route"]
    assert route == ["dr-lee", "dr-patel"]


def test_on_with_a_malformed_time_says_so_and_changes_nothing(texting):
    body = texting.sim.device(KIM).send("ON until 25:99", to=PRACTICE_NUMBER).replies[0].body
    assert "Not understood" in body


# S4: every text reaches a human or escalates ---------------------------------------------


def test_unanswered_text_escalates_then_tells_the_patient_and_alerts_supervisors_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "Please call me")
    jobs.settle()
    sim.device(LEE).expect_sms("Please call me")
    jobs.advance(minutes=9)
    sim.device(PATEL).expect_no_sms()
    jobs.advance(minutes=1)
    escalated = sim.device(PATEL).expect_sms("Please call me")
    assert "[Sam R.]" in escalated.body
    jobs.advance(minutes=10)
    told = sim.device(SAM).expect_sms("could not reach a clinician")
    assert "988" in told.body
    assert "911" in told.body
    alert = sim.device(ORTIZ).expect_sms("not answered by anyone on call")
    assert "Sam R." in alert.body
    assert "Please call me" not in alert.body
    contact = sms_contact(record.message_sid)
    assert contact["outcome"] == "crisis_line"
    assert contact["follow_up"]["urgent"] is True
    assert contact["events"].count("not_acknowledged") == 2


def test_an_acknowledged_text_does_not_escalate_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "Please call me")
    jobs.settle()
    sim.device(LEE).expect_sms("Please call me").reply("Calling now")
    jobs.settle()
    jobs.advance(minutes=30)
    sim.device(PATEL).expect_no_sms()
    sim.device(ORTIZ).expect_no_sms()


def test_the_escalation_job_is_safe_to_run_twice_S4(texting):
    from workers.jobs import escalate_text

    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "hello?")
    jobs.settle()
    contact_id = sms_contact(record.message_sid)["id"]
    jobs.clock.advance(minutes=10)  # the ack window is over: the job is due
    escalate_text(contact_id, 0)
    escalate_text(contact_id, 0)
    jobs.settle()
    sim.device(PATEL).expect_sms("hello?")
    sim.device(PATEL).expect_no_sms()
    assert sms_contact(record.message_sid)["events"].count("escalated") == 1


def test_a_failed_delivery_to_the_clinician_escalates_at_once_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.device(LEE).undeliverable()
    sim.text(SAM, PRACTICE_NUMBER, "anyone?")
    jobs.settle()
    sim.device(PATEL).expect_sms("anyone?")


def test_a_high_risk_text_pages_the_clinician_who_can_connect_at_once(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.phone(LEE).answers_and_presses("1")
    sim.phone(SAM).answers_and_presses()
    record = sim.text(SAM, PRACTICE_NUMBER, "took 30 pills")
    jobs.settle()
    sim.device(LEE).expect_sms("took 30 pills")
    assert sim.device(LEE).calls, "the clinician was not paged"
    contact = sms_contact(record.message_sid)
    assert "paged" in contact["events"]
    assert contact["outcome"] == "acknowledged"
    assert "page_accepted" in contact["events"]


def test_a_high_risk_text_escalates_sooner_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "I want to die")
    jobs.settle()
    jobs.advance(minutes=3)
    sim.device(PATEL).expect_sms("I want to die")


# S5: nothing lost, nothing twice -------------------------------------------------------


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


# STOP, the message log, the gateway -----------------------------------------------------


def test_stop_marks_the_patient_not_textable_and_tells_the_care_team(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "STOP")
    jobs.settle()
    with session_scope() as session:
        assert session.get(Patient, "pt-sam").textable is False
    sim.device(LEE).expect_sms("replied STOP")
    sim.device(PATEL).expect_sms("replied STOP")


def test_opted_out_error_from_twilio_marks_the_patient_not_textable(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hi")
    jobs.settle()
    sim.device(SAM).opted_out()
    sim.device(LEE).expect_sms("hi").reply("Hello Sam")
    jobs.settle()
    with session_scope() as session:
        assert session.get(Patient, "pt-sam").textable is False
        failed = session.scalars(
            select(OutboundMessage).where(OutboundMessage.purpose == "clinician_reply")
        ).one()
        assert failed.status == "failed"
        assert failed.error_code == 21610


def test_temporary_twilio_errors_are_retried_and_permanent_ones_are_not(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.device(LEE).rate_limited(times=2)
    sim.text(SAM, PRACTICE_NUMBER, "retry me")
    jobs.settle()
    sim.device(LEE).expect_sms("retry me")
    sends_to = [r for r in sim.rest_requests if ("To", SAM) in r.data]
    sim.device(SAM).invalid()
    sim.device(LEE).reply("hello")
    jobs.settle()
    after = [r for r in sim.rest_requests if ("To", SAM) in r.data]
    assert len(after) == len(sends_to) + 1  # one try: 21211 will not change


def test_message_log_lists_every_outbound_text_with_its_delivery_status(texting, client):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "log me")
    jobs.settle()
    response = client.get("/api/v1/messages", headers=_bearer("sup-ortiz"))
    assert response.status_code == 200
    messages = response.json()
    relay = next(m for m in messages if m["purpose"] == "relay")
    for key in ("id", "kind", "to", "body", "status", "sid", "contact", "created_at"):
        assert key in relay
    assert relay["kind"] == "sms"
    assert relay["to"] == LEE
    assert relay["status"] == "delivered"
    assert relay["sid"].startswith("SM")
    assert relay["contact"] == sms_contact(record.message_sid)["id"]


def test_message_log_is_for_supervisors_and_admins(texting, client):
    assert client.get("/api/v1/messages", headers=_bearer("dr-lee")).status_code == 403


def test_texts_appear_in_the_contact_log(texting, client):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "in the log")
    jobs.settle()
    sim.device(LEE).expect_sms("in the log").reply("ok")
    jobs.settle()
    found = client.get("/api/v1/contacts?patient=pt-sam", headers=_bearer("sup-ortiz")).json()
    assert len(found) == 1
    assert found[0]["channel"] == "sms"
    assert found[0]["sid"] == record.message_sid
    assert found[0]["outcome"] == "acknowledged"


# S7: minimum necessary ------------------------------------------------------------------


def test_no_number_name_or_message_text_in_the_logs_of_a_whole_scene_S7(texting, caplog):
    caplog.set_level(logging.DEBUG)
    sim, jobs = texting.sim, texting.jobs
    sim.phone(LEE).answers_and_presses("1")
    sim.text(SAM, PRACTICE_NUMBER, "I took all my sertraline")
    jobs.settle()
    sim.device(LEE).expect_sms("sertraline").reply("Calling you right now")
    jobs.advance(minutes=30)
    sim.text(ANA, PRACTICE_NUMBER, "ayuda por favor")
    jobs.advance(minutes=30)
    sim.call(SAM, PRACTICE_NUMBER)
    # Opaque ids are random letters and digits and may spell "Ana" or "5550" by chance: they
    # are what the logs are meant to carry, so they are set aside before looking for people.
    text = OPAQUE_ID.sub("<id>", caplog.text)
    assert text  # the scene did log
    for secret in (
        "5550",
        "Sam",
        "Rivera",
        "Dana",
        "sertraline",
        "Calling you",
        "ayuda",
        "Ana",
        "Gomez",
    ):
        assert secret not in text, secret


OPAQUE_ID = re.compile(r"\b(?:[a-z]+_[A-Za-z0-9_-]{8,}|(?:CA|SM|MM|AC)[0-9a-f]{32})")


def _bearer(user_id: str) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, user_id)}"}


@pytest.fixture
def client(texting):
    return texting.sim.client


# S3 and S5 under faults ----------------------------------------------------------------


def test_database_down_a_text_is_answered_then_relayed_once_it_returns_S3_S5(
    texting, monkeypatch, database_url
):
    from router.core.db import reset_caches
    from router.failsafe import replay as recovery

    sim, jobs = texting.sim, texting.jobs
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    record = sim.text(SAM, PRACTICE_NUMBER, "is anyone there tonight")
    reply = _reply(record)
    assert "988" in reply
    assert "911" in reply
    sim.text(SAM, PRACTICE_NUMBER, "is anyone there tonight", message_sid=record.message_sid)
    assert recovery.spool().pending()

    monkeypatch.setenv("DATABASE_URL", database_url)
    reset_caches()
    recovery.replay_spool()
    recovery.replay_spool()
    jobs.settle()
    sim.device(LEE).expect_sms("is anyone there tonight")
    sim.device(LEE).expect_no_sms()
    assert contact_count() == 1
    assert "failsafe" in sms_contact(record.message_sid)["events"]


def test_code_that_raises_still_answers_the_text_with_crisis_resources_S3(texting, monkeypatch):
    from router.texts import inbound as service

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "handle_text", broken)
    reply = _reply(texting.sim.text(SAM, PRACTICE_NUMBER, "hello"))
    assert "988" in reply


def test_unsigned_text_webhook_gets_403_and_changes_nothing_S6(texting):
    response = texting.sim.post(
        "/twilio/sms",
        {"MessageSid": "SM" + "1" * 32, "From": SAM, "To": PRACTICE_NUMBER, "Body": "hi"},
        sign=False,
    )
    assert response.status_code == 403
    assert contact_count() == 0


# Conversations that go on after the first answer -----------------------------------------


def _acknowledged_conversation(texting) -> str:
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "rough night")
    jobs.settle()
    sim.device(LEE).expect_sms("rough night").reply("I'm here, Sam")
    jobs.settle()
    sim.device(SAM).clear()
    return record.message_sid


def test_a_new_text_after_the_clinician_went_off_call_goes_to_who_is_on_call_now_S4(texting, clock):
    from tests.clinic import WEDNESDAY_1130PM

    sim, jobs = texting.sim, texting.jobs
    sid = _acknowledged_conversation(texting)
    clock.set(WEDNESDAY_1130PM)  # Lee's window ended at 23:00; Patel is on
    reply = _reply(sim.text(SAM, PRACTICE_NUMBER, "I took all my pills"))
    assert "Ravi (on call)" in reply
    jobs.settle()
    sim.device(PATEL).expect_sms("I took all my pills")
    assert sim.device(PATEL).calls, "a high-risk text pages the clinician"
    assert "reopened" in sms_contact(sid)["events"]


def test_an_unanswered_text_in_a_conversation_still_escalates_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    sid = _acknowledged_conversation(texting)
    sim.text(SAM, PRACTICE_NUMBER, "are you still there?")
    jobs.settle()
    sim.device(LEE).expect_sms("still there")
    jobs.advance(minutes=10)
    sim.device(PATEL).expect_sms("still there")
    assert sms_contact(sid)["outcome"] == "open"


def test_an_answered_text_in_a_conversation_does_not_escalate_S4(texting):
    sim, jobs = texting.sim, texting.jobs
    _acknowledged_conversation(texting)
    sim.text(SAM, PRACTICE_NUMBER, "ok thanks")
    jobs.settle()
    sim.device(LEE).expect_sms("ok thanks").reply("Talk tomorrow")
    jobs.advance(minutes=30)
    sim.device(PATEL).expect_no_sms()


@pytest.mark.parametrize("word", ["Yes", "START", "help"])
def test_a_patient_answering_yes_or_asking_for_help_is_relayed_S3(texting, word):
    sim, jobs = texting.sim, texting.jobs
    reply = _reply(sim.text(SAM, PRACTICE_NUMBER, word))
    assert "Dana (on call)" in reply
    jobs.settle()
    sim.device(LEE).expect_sms(f"[Sam R.] {word}")
    if word == "help":
        assert "988" in reply


@pytest.mark.parametrize("answer", ["On my way", "5 minutes, calling you", "1 sec, calling now"])
def test_a_clinicians_reply_is_not_mistaken_for_a_command_or_code(texting, answer):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "call me?")
    jobs.settle()
    sim.device(SAM).clear()
    sim.device(LEE).expect_sms("call me?").reply(answer)
    jobs.settle()
    assert sim.device(SAM).expect_sms(answer).body == answer


def test_a_reply_that_cannot_be_delivered_is_reported_to_the_clinician(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "hi")
    jobs.settle()
    sim.device(SAM).invalid()
    sim.device(LEE).expect_sms("hi").reply("hello")
    jobs.settle()
    sim.device(LEE).expect_sms("NOT delivered")


def test_a_brief_twilio_outage_delays_but_does_not_drop_the_crisis_text_S4(texting, clock):
    sim, jobs = texting.sim, texting.jobs
    clock.set(WEDNESDAY_1130PM)
    sim.text(JO, PRACTICE_NUMBER, "anyone awake")
    jobs.settle()
    sim.device(PATEL).expect_sms("anyone awake")
    sim.device(JO).clear()
    sim.device(JO).server_error(times=3)
    jobs.advance(minutes=10)
    sim.device(JO).expect_no_sms("could not reach")
    jobs.advance(minutes=1)
    sim.device(JO).expect_sms("could not reach a clinician")


def test_a_queue_outage_loses_no_relay_or_escalation_the_sweeper_finds_them_S4(
    texting, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisDown

    from router.core import jobs as queue
    from workers.jobs import sweep

    sim, jobs = texting.sim, texting.jobs

    class Down:
        def submit(self, request: object) -> None:
            raise RedisDown("redis is down")

    working = queue.get_queue
    monkeypatch.setattr(queue, "get_queue", lambda: Down())
    reply = _reply(sim.text(SAM, PRACTICE_NUMBER, "queue is down"))
    assert "Dana (on call)" in reply  # answered as usual: the commit stands
    sim.device(LEE).expect_no_sms()
    monkeypatch.setattr(queue, "get_queue", working)
    texting.jobs.clock.advance(minutes=3)
    assert sweep() == 1
    jobs.settle()
    sim.device(LEE).expect_sms("queue is down")
    # The escalation job was lost too: the sweeper escalates once it is overdue, counted
    # from when the relay left (3 minutes late), never from when the text came in.
    texting.jobs.clock.advance(minutes=9)
    jobs.settle()
    sweep()
    jobs.settle()
    sim.device(PATEL).expect_no_sms()
    texting.jobs.clock.advance(minutes=2)
    jobs.settle()
    sweep()
    jobs.settle()
    sim.device(PATEL).expect_sms("queue is down")


def test_a_send_whose_worker_died_after_its_claim_goes_once_a_minute_later_S4_S5(
    texting, monkeypatch
):
    from redis.exceptions import ConnectionError as RedisDown
    from sqlalchemy import select

    from router import outbox
    from router.core import clock
    from router.core import jobs as queue
    from router.core.db import session_scope
    from router.store.models import OutboundMessage
    from workers.jobs import sweep

    sim, jobs = texting.sim, texting.jobs

    class Down:
        def submit(self, request: object) -> None:
            raise RedisDown("redis is down")

    working = queue.get_queue
    monkeypatch.setattr(queue, "get_queue", lambda: Down())
    sim.text(SAM, PRACTICE_NUMBER, "claimed then lost")
    monkeypatch.setattr(queue, "get_queue", working)
    with session_scope() as session:
        (relay,) = session.scalars(
            select(OutboundMessage.id).where(OutboundMessage.to_number == LEE)
        ).all()
        assert outbox.claim(session, relay, clock.now()) is not None  # then the worker dies
    texting.jobs.clock.advance(seconds=30)
    sweep()
    jobs.settle()
    sim.device(LEE).expect_no_sms()  # it may still be sending
    texting.jobs.clock.advance(seconds=31)
    sweep()
    jobs.settle()
    sim.device(LEE).expect_sms("claimed then lost")
    sim.device(LEE).expect_no_sms()
