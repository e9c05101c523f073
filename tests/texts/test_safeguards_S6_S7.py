"""Minimum necessary (S7): no number, name or message text in the logs of a whole scene; an
unsigned text webhook is refused and changes nothing (S6)."""

from __future__ import annotations

import logging
import re

from tests.clinic import ANA, LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count


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


def test_unsigned_text_webhook_gets_403_and_changes_nothing_S6(texting):
    response = texting.sim.post(
        "/twilio/sms",
        {"MessageSid": "SM" + "1" * 32, "From": SAM, "To": PRACTICE_NUMBER, "Body": "hi"},
        sign=False,
    )
    assert response.status_code == 403
    assert contact_count() == 0
