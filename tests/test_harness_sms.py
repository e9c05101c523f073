"""The mock Twilio's texting and REST API, tried against a tiny relay app defined here (not
the product app). The app answers texts with TwiML, relays them to a clinician through the
official twilio SDK (`twilio.rest.Client` on the sim's HTTP client) and pages by a call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.testclient import TestClient
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from tests.twilio_harness import Device, TwilioSim, segments

TOKEN = "harness-sms-test-token"
BASE = "http://testserver"
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
PRACTICE = "+16175550100"
OTHER_LINE = "+16175550198"
LEE = "+16175550101"
PATEL = "+16175550102"
PATIENT = "+16175550120"
NOTIFIED = "Dr Lee has been notified and will answer within 15 minutes."
NOBODY = "We could not reach the on-call clinician. Call or text 988 now."
PAGE_PROMPT = "Urgent text from a Riverside patient. Press 1 to be connected to the patient now."
SID = re.compile(r"(SM|CA)[0-9a-f]{32}")


def twiml(body: str) -> Response:
    document = f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'
    return Response(document, media_type="text/xml")


async def signed_form(request: Request) -> dict[str, str]:
    form = await request.form()
    query = f"?{request.url.query}" if request.url.query else ""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not RequestValidator(TOKEN).validate(BASE + request.url.path + query, form, signature):
        raise HTTPException(status_code=403)
    return {name: str(value) for name, value in form.items()}


Form = Annotated[dict[str, str], Depends(signed_form)]


def make_app() -> FastAPI:
    app = FastAPI()
    app.state.twilio = None  # a twilio.rest.Client, set once the sim exists
    app.state.inbound = []  # every /twilio/sms form
    app.state.statuses = []  # (MessageSid, MessageStatus, ErrorCode)
    app.state.call_statuses = []
    app.state.send_errors = []  # TwilioRestException codes
    app.state.statuses_seen_while_sending = []
    app.state.thread = None  # the patient whose text Dr Lee answers

    def send(to: str, body: str, callback: str = "/sms/status") -> str | None:
        try:
            message = app.state.twilio.messages.create(
                to=to, from_=PRACTICE, body=body, status_callback=BASE + callback
            )
        except TwilioRestException as error:
            app.state.send_errors.append(error.code)
            return None
        # Twilio answers before it reports on the message: nothing has arrived yet.
        app.state.statuses_seen_while_sending.append(len(app.state.statuses))
        return str(message.sid)

    def page(to: str) -> None:
        app.state.twilio.calls.create(
            to=to,
            from_=PRACTICE,
            url=f"{BASE}/page?c=7",
            status_callback=f"{BASE}/call/status",
            status_callback_event=["initiated", "ringing", "answered", "completed"],
        )

    @app.post("/twilio/sms")
    def sms(form: Form) -> Response:
        app.state.inbound.append(form)
        sender, body = form["From"], form["Body"]
        if sender == LEE:
            if app.state.thread is None:
                return twiml("<Message>No open thread.</Message>")
            send(app.state.thread, body)
            return twiml("<Message>Sent to Sam R.</Message>")
        if body.strip().upper() == "STOP":
            send(LEE, "[Sam R.] has opted out of texts.")
            return twiml("<Message>You will get no more texts from Riverside.</Message>")
        app.state.thread = sender
        relayed = send(LEE, f"[Sam R.] {body} - reply here to answer")
        if "urgent" in body.lower():
            page(LEE)
        return twiml(f"<Message>{NOTIFIED if relayed else NOBODY}</Message>")

    @app.post("/sms/status")
    def sms_status(form: Form) -> Response:
        status = (form["MessageSid"], form["MessageStatus"], form.get("ErrorCode"))
        app.state.statuses.append(status)
        return Response(status_code=204)

    @app.post("/page")
    def page_prompt(form: Form) -> Response:
        gather = f'<Gather numDigits="1" action="/page/answer?c=7"><Say>{PAGE_PROMPT}</Say>'
        return twiml(f"{gather}</Gather><Say>Nobody pressed 1.</Say><Hangup/>")

    @app.post("/page/answer")
    def page_answer(form: Form) -> Response:
        if form.get("Digits") != "1":
            return twiml("<Hangup/>")
        dial = f'<Dial callerId="{PRACTICE}">{app.state.thread}</Dial>'
        return twiml(f"<Say>Connecting you to Sam R.</Say>{dial}")

    @app.post("/call/status")
    def call_status(form: Form) -> Response:
        app.state.call_statuses.append(form["CallStatus"])
        return Response(status_code=204)

    @app.post("/twilio/voice")
    def voice(form: Form) -> Response:
        send(LEE, "[Sam R.] called the practice line.")
        return twiml("<Say>Dr Lee will call you back.</Say><Hangup/>")

    @app.post("/twilio/status")
    def voice_status(form: Form) -> Response:
        return Response(status_code=204)

    @app.post("/forms")
    def forms(form: Form) -> Response:
        return twiml(
            "<Message><Body>The body form.</Body></Message>"
            f'<Message to="{PATEL}">A copy for Dr Patel.</Message>'
            f'<Message from="{OTHER_LINE}">From the other line.</Message>'
        )

    @app.post("/silent")
    def silent(form: Form) -> Response:
        app.state.inbound.append(form)
        return twiml("")

    @app.post("/no-content")
    def no_content(form: Form) -> Response:
        return Response(status_code=204)

    @app.post("/redirect")
    def redirect(form: Form) -> Response:
        return twiml("<Redirect>/redirected</Redirect><Message>Unreachable.</Message>")

    @app.post("/redirected")
    def redirected(form: Form) -> Response:
        return twiml(f"<Message>Redirected for {form['From']}.</Message>")

    @app.post("/broken")
    def broken(form: Form) -> Response:
        return Response("boom", status_code=500)

    @app.post("/plain")
    def plain(form: Form) -> Response:
        return Response("hello", media_type="text/plain")

    @app.post("/bad-xml")
    def bad_xml(form: Form) -> Response:
        return Response("<Response><Message>", media_type="text/xml")

    @app.post("/loop-status")
    def loop_status(form: Form) -> Response:
        send(LEE, "again", callback="/loop-status")
        return Response(status_code=204)

    return app


@pytest.fixture
def app() -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def sim(app: FastAPI, client: TestClient) -> TwilioSim:
    sim = TwilioSim(client, TOKEN, BASE, clock=lambda: NOW, numbers=[PRACTICE])
    app.state.twilio = Client(sim.account_sid, TOKEN, http_client=sim.rest_client_http())
    return sim


@pytest.fixture
def twilio(sim: TwilioSim) -> Client:
    """The test's own SDK client, for sends outside any request."""
    return Client(sim.account_sid, TOKEN, http_client=sim.rest_client_http())


def send(
    twilio: Client, to: str = LEE, body: str = "Test text.", callback: str = "/sms/status"
) -> str:
    message = twilio.messages.create(
        to=to, from_=PRACTICE, body=body, status_callback=BASE + callback
    )
    return str(message.sid)


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


def test_a_rest_text_answers_like_twilio(sim: TwilioSim, twilio: Client) -> None:
    message = twilio.messages.create(
        to=LEE, from_=PRACTICE, body="Test text.", status_callback=f"{BASE}/sms/status"
    )

    assert SID.fullmatch(message.sid)
    assert (message.status, message.direction, message.error_code) == (
        "queued",
        "outbound-api",
        None,
    )
    assert (message.to, message.from_, message.body) == (LEE, PRACTICE, "Test text.")
    assert (message.account_sid, message.num_segments) == (sim.account_sid, "1")
    assert message.date_created == NOW
    assert message.uri == f"/2010-04-01/Accounts/{sim.account_sid}/Messages/{message.sid}.json"
    (request,) = sim.rest_requests
    assert (request.method, request.status_code) == ("POST", 201)
    assert request.path == f"/2010-04-01/Accounts/{sim.account_sid}/Messages.json"
    assert ("StatusCallback", f"{BASE}/sms/status") in request.data
    assert request.form["To"] == LEE
    assert sim.device(LEE).expect_sms("test text").sid == message.sid


def test_a_messaging_service_sends_from_its_number(sim: TwilioSim, twilio: Client) -> None:
    service = "MG" + "1" * 32
    sim.messaging_services[service] = PRACTICE

    message = twilio.messages.create(to=LEE, messaging_service_sid=service, body="Via service.")

    assert (message.status, message.messaging_service_sid) == ("accepted", service)
    assert sim.device(LEE).expect_sms("via service").from_ == PRACTICE


# ---- failures ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failure", "status", "code"),
    [
        pytest.param(Device.opted_out, 400, 21610, id="opted-out"),
        pytest.param(Device.invalid, 400, 21211, id="invalid"),
        pytest.param(Device.rate_limited, 429, 20429, id="rate-limited"),
        pytest.param(Device.server_error, 503, 503, id="server-error"),
    ],
)
def test_device_failures_surface_as_the_sdk_exception(
    sim: TwilioSim, twilio: Client, failure: Callable[[Device], Device], status: int, code: int
) -> None:
    failure(sim.device(LEE))

    with pytest.raises(TwilioRestException) as raised:
        send(twilio)

    assert (raised.value.status, raised.value.code) == (status, code)
    assert sim.rest_requests[-1].status_code == status
    sim.device(LEE).expect_no_sms()
    assert sim.pending == []


def test_the_opted_out_error_body_is_twilios(sim: TwilioSim, twilio: Client) -> None:
    sim.device(LEE).opted_out()

    with pytest.raises(TwilioRestException):
        send(twilio)

    assert sim.rest_requests[-1].body == (
        '{"code": 21610, "message": "Attempt to send to unsubscribed recipient", '
        '"more_info": "https://www.twilio.com/docs/errors/21610", "status": 400}'
    )


def test_transient_failures_pass_after_their_count(sim: TwilioSim, twilio: Client) -> None:
    sim.device(LEE).rate_limited(times=1).server_error(times=1)

    codes = []
    for _ in range(2):
        with pytest.raises(TwilioRestException) as raised:
            send(twilio)
        codes.append(raised.value.code)
    send(twilio, body="Third time.")

    assert codes == [503, 20429]
    sim.device(LEE).expect_sms("third time")


def test_twilio_down_fails_every_request(sim: TwilioSim, twilio: Client) -> None:
    sim.rest_down = True

    with pytest.raises(TwilioRestException) as message:
        send(twilio)
    with pytest.raises(TwilioRestException) as call:
        twilio.calls.create(to=LEE, from_=PRACTICE, url=f"{BASE}/page")

    assert (message.value.status, message.value.code) == (500, 500)
    assert (call.value.status, call.value.code) == (500, 500)


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


def test_the_account_sends_only_from_its_own_numbers(sim: TwilioSim, twilio: Client) -> None:
    with pytest.raises(TwilioRestException) as text:
        twilio.messages.create(to=PATIENT, from_=LEE, body="From my own phone.")
    with pytest.raises(TwilioRestException) as call:
        twilio.calls.create(to=PATIENT, from_=LEE, url=f"{BASE}/page")

    assert (text.value.code, call.value.code) == (21606, 21210)


def test_bad_credentials_unknown_resources_and_paths(sim: TwilioSim, twilio: Client) -> None:
    intruder = Client(sim.account_sid, "not-the-token", http_client=sim.rest_client_http())
    with pytest.raises(TwilioRestException) as unauthorised:
        send(intruder)
    with pytest.raises(TwilioRestException) as unknown:
        twilio.messages("SM" + "0" * 32).fetch()
    queues = f"https://api.twilio.com/2010-04-01/Accounts/{sim.account_sid}/Queues.json"
    response = sim.rest_client_http().request("GET", queues, auth=(sim.account_sid, TOKEN))

    assert (unauthorised.value.status, unauthorised.value.code) == (401, 20003)
    assert (unknown.value.status, unknown.value.code) == (404, 20404)
    assert response.status_code == 404
    assert '"code": 20404' in response.text


def test_a_failing_status_callback_fails_the_test(sim: TwilioSim, twilio: Client) -> None:
    twilio.messages.create(
        to=LEE, from_=PRACTICE, body="Test text.", status_callback=f"{BASE}/broken"
    )

    with pytest.raises(AssertionError, match="status callback /broken answered 500"):
        sim.flush()


def test_flush_stops_an_app_that_never_settles(client: TestClient, app: FastAPI) -> None:
    sim = TwilioSim(client, TOKEN, BASE, max_flush=20)
    twilio = Client(sim.account_sid, TOKEN, http_client=sim.rest_client_http())
    app.state.twilio = twilio
    send(twilio, callback="/loop-status")

    with pytest.raises(AssertionError, match="did not settle"):
        sim.flush()


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


# ---- calls the app places ------------------------------------------------------------------


def test_an_urgent_text_pages_the_clinician_who_connects_to_the_patient(
    sim: TwilioSim, twilio: Client, app: FastAPI
) -> None:
    sim.phone(LEE).answers_and_presses("1")
    sim.phone(PATIENT).answers_and_presses()

    sim.text(PATIENT, PRACTICE, "urgent: please call me")

    call = sim.device(LEE).expect_call("press 1")
    assert call.status == "completed"
    assert call.heard == [PAGE_PROMPT, "Connecting you to Sam R."]
    assert sim.phone(LEE).heard == call.heard
    assert (call.dialled, call.bridged_to) == ([PATIENT], PATIENT)
    (fetch,) = call.requests_to("/page")
    assert fetch.path == "/page?c=7"
    assert fetch.params["CallSid"] == call.call_sid
    assert (fetch.params["From"], fetch.params["To"]) == (PRACTICE, LEE)
    assert (fetch.params["CallStatus"], fetch.params["Direction"]) == (
        "in-progress",
        "outbound-api",
    )
    assert call.requests_to("/page/answer")[0].params["Digits"] == "1"
    assert app.state.call_statuses == ["initiated", "ringing", "in-progress", "completed"]
    assert call.duration > 60
    assert twilio.calls(call.call_sid).fetch().status == "completed"


def test_a_page_answered_by_voicemail_connects_nobody(sim: TwilioSim, app: FastAPI) -> None:
    sim.phone(LEE).voicemail()

    sim.text(PATIENT, PRACTICE, "urgent")

    call = sim.device(LEE).expect_call()
    assert call.bridged_to is None
    assert call.heard == [PAGE_PROMPT, "Nobody pressed 1."]
    assert call.requests_to("/page/answer") == []
    assert sim.phone(PATIENT).rings == 0
    assert app.state.call_statuses[-1] == "completed"


@pytest.mark.parametrize(
    ("behaviour", "status"),
    [("no_answer", "no-answer"), ("busy", "busy"), ("fails", "failed")],
)
def test_a_page_nobody_answers_reports_why(
    sim: TwilioSim, app: FastAPI, behaviour: str, status: str
) -> None:
    getattr(sim.phone(LEE), behaviour)()

    sim.text(PATIENT, PRACTICE, "urgent")

    call = sim.device(LEE).expect_call()
    assert call.status == status
    assert call.requests_to("/page") == []
    assert app.state.call_statuses == ["initiated", "ringing", status]
    assert call.duration == 0


def test_a_call_can_carry_its_twiml(sim: TwilioSim, twilio: Client) -> None:
    sim.phone(LEE).answers_and_presses()
    twilio.calls.create(to=LEE, from_=PRACTICE, twiml="<Response><Say>Test page.</Say></Response>")

    assert sim.device(LEE).calls[0].status == "queued"
    sim.flush()
    assert sim.device(LEE).expect_call().heard == ["Test page."]


def test_a_queued_call_can_be_canceled(sim: TwilioSim, twilio: Client, app: FastAPI) -> None:
    sim.phone(LEE).answers_and_presses("1")
    call = twilio.calls.create(
        to=LEE, from_=PRACTICE, url=f"{BASE}/page", status_callback=f"{BASE}/call/status"
    )

    assert twilio.calls(call.sid).update(status="canceled").status == "canceled"
    sim.flush()

    assert sim.phone(LEE).rings == 0
    assert app.state.call_statuses == ["canceled"]


def test_an_invalid_number_refuses_a_call(sim: TwilioSim, twilio: Client) -> None:
    sim.device(LEE).invalid()

    with pytest.raises(TwilioRestException) as raised:
        twilio.calls.create(to=LEE, from_=PRACTICE, url=f"{BASE}/page")

    assert raised.value.code == 21211
    assert sim.pending == []
