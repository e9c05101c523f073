"""The mock Twilio's texting, tried against the relay app in relay_app.py: texts from
phones, TwiML replies, status callbacks, carrier keywords and reading a phone's inbox."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from router.twilio.sim import TwilioSim, segments
from tests.twilio_sim.relay_app import (
    BASE,
    LEE,
    NOTIFIED,
    NOW,
    OTHER_LINE,
    PATEL,
    PATIENT,
    PRACTICE,
    SID,
    TOKEN,
    send,
)

# ---- texts from phones -------------------------------------------------------------------


def test_an_incoming_text_is_a_signed_webhook_with_twilio_fields(
    sim: TwilioSim, app: FastAPI
) -> None:
    record = sim.text(PATIENT, PRACTICE, "can't sleep")

    (form,) = app.state.inbound
    assert SID.fullmatch(form["MessageSid"])
    assert form["SmsSid"] == form["SmsMessageSid"] == form["MessageSid"] == record.message_sid
    assert form["AccountSid"] == sim.account_sid
    assert (form["From"], form["To"], form["Body"]) == (PATIENT, PRACTICE, "can't sleep")
    assert (form["NumMedia"], form["NumSegments"], form["ApiVersion"]) == ("0", "1", "2010-04-01")
    assert "MessagingServiceSid" not in form
    assert record.requests[0].path == "/twilio/sms"
    assert sim.post("/twilio/sms", record.params, token="not-the-token").status_code == 403


def test_media_fields_ride_along(sim: TwilioSim, app: FastAPI) -> None:
    sim.text(PATIENT, PRACTICE, "", num_media=1, sms_path="/silent")

    (form,) = app.state.inbound
    assert form["NumMedia"] == "1"
    assert form["MediaUrl0"].startswith("https://api.twilio.com/2010-04-01/Accounts/")
    assert form["MediaContentType0"] == "image/jpeg"


def test_the_twiml_reply_reaches_the_sender_from_the_practice_number(sim: TwilioSim) -> None:
    record = sim.text(PATIENT, PRACTICE, "hello")

    reply = sim.device(PATIENT).expect_sms("has been notified")
    assert (reply.from_, reply.to, reply.body, reply.at) == (PRACTICE, PATIENT, NOTIFIED, NOW)
    assert record.reply_bodies == [NOTIFIED]
    assert record.replies[0].statuses == ["queued", "sent", "delivered"]
    sim.device(PATIENT).expect_no_sms()


def test_body_form_and_to_and_from_attributes(sim: TwilioSim) -> None:
    sim.text(PATIENT, PRACTICE, "hello", sms_path="/forms")

    assert sim.device(PATIENT).expect_sms("the body form").from_ == PRACTICE
    assert sim.device(PATIENT).expect_sms("other line").from_ == OTHER_LINE
    assert sim.device(PATEL).expect_sms("copy for Dr Patel").from_ == PRACTICE


@pytest.mark.parametrize("path", ["/silent", "/no-content"])
def test_an_empty_answer_delivers_nothing(sim: TwilioSim, path: str) -> None:
    record = sim.text(PATIENT, PRACTICE, "hello", sms_path=path)

    assert record.replies == []
    assert record.errors == []
    sim.device(PATIENT).expect_no_sms()


def test_a_redirect_is_followed_and_ends_the_document(sim: TwilioSim) -> None:
    record = sim.text(PATIENT, PRACTICE, "hello", sms_path="/redirect")

    assert [request.path for request in record.requests] == ["/redirect", "/redirected"]
    assert record.reply_bodies == [f"Redirected for {PATIENT}."]


@pytest.mark.parametrize(
    ("path", "message"),
    [("/broken", "answered 500"), ("/plain", "not XML"), ("/bad-xml", "does not parse")],
)
def test_app_errors_fail_the_test_in_strict_mode(sim: TwilioSim, path: str, message: str) -> None:
    with pytest.raises(AssertionError, match=message):
        sim.text(PATIENT, PRACTICE, "hello", sms_path=path)


def test_app_errors_are_recorded_in_lenient_mode(client: TestClient) -> None:
    lenient = TwilioSim(client, TOKEN, BASE, strict=False)

    record = lenient.text(PATIENT, PRACTICE, "hello", sms_path="/broken")

    assert record.errors == ["POST /broken answered 500: boom"]
    lenient.device(PATIENT).expect_no_sms()


# ---- the relay round trip and status callbacks ----------------------------------------------


def test_a_clinician_answers_a_relayed_text_from_their_phone(sim: TwilioSim) -> None:
    sim.text(PATIENT, PRACTICE, "I can't sleep")

    answer = sim.device(LEE).expect_sms("[Sam R.] I can't sleep").reply("On my way")

    assert answer.replied("Sent to Sam R.")
    assert sim.device(PATIENT).expect_sms("has been notified")
    reply = sim.device(PATIENT).expect_sms("on my way")
    assert (reply.from_, reply.body) == (PRACTICE, "On my way")
    sim.device(LEE).expect_sms("Sent to Sam R.")
    sim.device(LEE).reply("Call 988 if it gets worse.")
    sim.device(PATIENT).expect_sms("988")


def test_status_callbacks_come_after_the_request_and_in_order(sim: TwilioSim, app: FastAPI) -> None:
    sim.text(PATIENT, PRACTICE, "hello")

    relay = sim.device(LEE).expect_sms("[Sam R.]")
    assert app.state.statuses_seen_while_sending == [0]
    assert app.state.statuses == [(relay.sid, "sent", None), (relay.sid, "delivered", None)]
    assert [request.path for request in sim.status_callbacks] == ["/sms/status"] * 2
    assert sim.status_callbacks[0].params["SmsStatus"] == "sent"
    assert sim.status_callbacks[0].params["From"] == PRACTICE


def test_work_outside_a_webhook_waits_for_flush(
    sim: TwilioSim, twilio: Client, app: FastAPI
) -> None:
    first, second = send(twilio), send(twilio)

    assert sim.pending == [
        f"message {first} sent",
        f"message {first} delivered",
        f"message {second} sent",
        f"message {second} delivered",
    ]
    assert app.state.statuses == []
    sim.flush()
    assert [(sid, status) for sid, status, _ in app.state.statuses] == [
        (first, "sent"),
        (first, "delivered"),
        (second, "sent"),
        (second, "delivered"),
    ]
    assert twilio.messages(first).fetch().status == "delivered"


# ---- refusals and opt-out ------------------------------------------------------------------


def test_the_app_tells_the_patient_when_the_relay_is_refused(sim: TwilioSim, app: FastAPI) -> None:
    sim.device(LEE).opted_out()

    record = sim.text(PATIENT, PRACTICE, "hello")

    assert app.state.send_errors == [21610]
    assert record.replied("988")


def test_an_undeliverable_text_is_reported_undelivered(
    sim: TwilioSim, twilio: Client, app: FastAPI
) -> None:
    sim.device(LEE).undeliverable()

    sim.text(PATIENT, PRACTICE, "hello")

    ((sid, _, _), _) = app.state.statuses
    assert app.state.statuses == [(sid, "sent", None), (sid, "undelivered", "30003")]
    sim.device(LEE).expect_no_sms()
    fetched = twilio.messages(sid).fetch()
    assert (fetched.status, fetched.error_code) == ("undelivered", 30003)


def test_stop_reaches_the_app_and_opts_the_phone_out(
    sim: TwilioSim, twilio: Client, app: FastAPI
) -> None:
    record = sim.text(PATIENT, PRACTICE, "STOP")

    assert app.state.inbound[-1]["Body"] == "STOP"
    sim.device(PATIENT).expect_sms("successfully been unsubscribed")
    (refused,) = record.replies
    assert (refused.status, refused.error_code) == ("failed", 21610)
    sim.device(PATIENT).expect_no_sms()
    sim.device(LEE).expect_sms("opted out")
    with pytest.raises(TwilioRestException) as raised:
        send(twilio, to=PATIENT)
    assert raised.value.code == 21610

    sim.text(PATIENT, PRACTICE, "start")

    sim.device(PATIENT).expect_sms("re-subscribed")
    send(twilio, to=PATIENT, body="Welcome back.")
    sim.device(PATIENT).expect_sms("welcome back")


# ---- reading the inbox ---------------------------------------------------------------------


def test_expect_sms_takes_the_oldest_match(sim: TwilioSim, twilio: Client) -> None:
    for body in ("Your code is 1111.", "Good night.", "Your code is 2222."):
        send(twilio, body=body)
    lee = sim.device(LEE)

    assert lee.expect_sms(matching=r"code is \d+").body == "Your code is 1111."
    assert lee.expect_sms("CODE").body == "Your code is 2222."
    assert [sms.body for sms in lee.inbox] == ["Good night."]
    assert len(lee.received) == 3


def test_expect_sms_lists_the_inbox_when_nothing_matches(sim: TwilioSim, twilio: Client) -> None:
    send(twilio, body="Good night.")

    with pytest.raises(AssertionError, match=r"(?s)containing 'hello'.*'Good night\.'"):
        sim.device(LEE).expect_sms("hello")
    with pytest.raises(AssertionError, match="expected no such text"):
        sim.device(LEE).expect_no_sms("night")
    sim.device(LEE).expect_no_sms("hello")


def test_clear_marks_the_inbox_read(sim: TwilioSim) -> None:
    sim.text(PATIENT, PRACTICE, "hello")

    assert [sms.body for sms in sim.device(PATIENT).clear()] == [NOTIFIED]
    sim.device(PATIENT).expect_no_sms()


def test_a_retried_webhook_repeats_the_same_message_sid(sim: TwilioSim, app: FastAPI) -> None:
    record = sim.text(PATIENT, PRACTICE, "once", sms_path="/silent")

    again = sim.redeliver_text(record, sms_path="/silent")

    assert (record.status_code, again.status_code) == (200, 200)
    first, second = app.state.inbound
    assert first == second
    assert first["MessageSid"] == record.message_sid


def test_a_phone_nobody_texted_cannot_reply(sim: TwilioSim) -> None:
    with pytest.raises(AssertionError, match="nobody to reply to"):
        sim.device(LEE).reply("Hello?")


def test_phone_and_device_are_the_same_phone(sim: TwilioSim) -> None:
    assert sim.phone(LEE) is sim.device(LEE)


def test_device_send_texts_a_practice_number(sim: TwilioSim, app: FastAPI) -> None:
    sim.device(LEE).send("WHO", to=PRACTICE)

    assert app.state.inbound[-1]["From"] == LEE
    sim.device(LEE).expect_sms("no open thread")


def test_an_incoming_call_flushes_what_the_app_sent(sim: TwilioSim, app: FastAPI) -> None:
    sim.call(PATIENT, PRACTICE)

    relay = sim.device(LEE).expect_sms("called the practice line")
    assert app.state.statuses == [(relay.sid, "sent", None), (relay.sid, "delivered", None)]


def test_segments_follow_gsm7_and_ucs2() -> None:
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("[" * 80) == 1  # extension characters take two septets
    assert segments("\u2019" * 70) == 1  # a curly quote forces UCS-2
    assert segments("\u2019" * 71) == 2
