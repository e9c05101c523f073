"""What clinicians text the practice number: answers in threads (codes like #2), HELP, WHO,
ON and OFF; a reply that looks like a command is still a reply."""

from __future__ import annotations

import pytest

from tests.clinic import JO, KIM, LEE, PATEL, PRACTICE_NUMBER, SAM
from tests.texts.helpers import bearer


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


# Commands --------------------------------------------------------------------------------


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
    headers = bearer("sup-ortiz")
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


@pytest.fixture
def client(texting):
    return texting.sim.client
