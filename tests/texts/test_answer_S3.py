"""Every text is answered at once (S3), by the webhook itself: who was notified, crisis
resources when nobody is on call, the patient's language, and still when the database is down
or the code raises. Driven the way Twilio drives them (SPEC §8)."""

from __future__ import annotations

import pytest

from policies.gsm import fit_one_segment, is_gsm7
from tests.clinic import (
    ANA,
    DEAD_DATABASE,
    KIM,
    LEE,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
    THURSDAY_NOON,
)
from tests.contact_log import contact_count, contact_for
from tests.texts.helpers import webhook_answer

# S3: every text is answered at once ------------------------------------------------------


def test_every_text_is_answered_at_once_with_who_was_notified_S3(texting):
    sim = texting.sim
    record = sim.text(SAM, PRACTICE_NUMBER, "Having a really hard night")
    reply = webhook_answer(record)
    assert "Dana (on call)" in reply
    assert "15 min" in reply
    assert "555" not in reply
    assert "Lee" not in reply  # first name or role, no more
    assert is_gsm7(reply)
    assert fit_one_segment(reply)


def test_when_nobody_is_on_call_the_reply_gives_crisis_resources_S3(texting, clock):
    clock.set(THURSDAY_NOON)
    record = texting.sim.text(SAM, PRACTICE_NUMBER, "Is anyone there")
    reply = webhook_answer(record)
    assert "nobody is on call" in reply
    assert "988" in reply
    assert "911" in reply
    assert is_gsm7(reply)


def test_a_high_risk_text_gets_crisis_resources_in_the_reply_S3(texting):
    reply = webhook_answer(texting.sim.text(SAM, PRACTICE_NUMBER, "I want to kill myself tonight"))
    assert "Dana (on call)" in reply
    assert "988" in reply
    assert "911" in reply


def test_spanish_speaking_patient_is_answered_in_spanish_S3(texting, clock):
    clock.set(THURSDAY_NOON)
    reply = webhook_answer(texting.sim.text(ANA, PRACTICE_NUMBER, "Necesito ayuda"))
    assert "no hay nadie de guardia" in reply
    assert is_gsm7(reply)


def test_unknown_texter_reaches_the_duty_clinician(texting, clock):
    clock.set(SATURDAY_10AM)
    reply = webhook_answer(texting.sim.text(STRANGER, PRACTICE_NUMBER, "hello, I'm a new patient"))
    assert "Min (clinician on duty)" in reply
    texting.jobs.settle()
    assert "[Unknown texter]" in texting.sim.device(KIM).expect_sms("hello").body


@pytest.mark.parametrize("word", ["Yes", "START", "help"])
def test_a_patient_answering_yes_or_asking_for_help_is_relayed_S3(texting, word):
    sim, jobs = texting.sim, texting.jobs
    reply = webhook_answer(sim.text(SAM, PRACTICE_NUMBER, word))
    assert "Dana (on call)" in reply
    jobs.settle()
    sim.device(LEE).expect_sms(f"[Sam R.] {word}")
    if word == "help":
        assert "988" in reply


# S3 and S5 under faults ------------------------------------------------------------------


def test_database_down_a_text_is_answered_then_relayed_once_it_returns_S3_S5(
    texting, monkeypatch, database_url
):
    from router.core.db import reset_caches
    from router.failsafe import replay as recovery

    sim, jobs = texting.sim, texting.jobs
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    record = sim.text(SAM, PRACTICE_NUMBER, "is anyone there tonight")
    reply = webhook_answer(record)
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
    assert "failsafe" in contact_for(record.message_sid)["events"]


def test_code_that_raises_still_answers_the_text_with_crisis_resources_S3(texting, monkeypatch):
    from router.texts import inbound as service

    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(service, "handle_text", broken)
    reply = webhook_answer(texting.sim.text(SAM, PRACTICE_NUMBER, "hello"))
    assert "988" in reply
