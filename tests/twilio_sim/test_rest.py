"""The mock Twilio's REST API, driven by the official twilio SDK: texts sent and fetched,
Twilio's error answers, and the calls the app places (run against the relay app)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from router.twilio.sim import Device, TwilioSim
from tests.twilio_sim.relay_app import (
    BASE,
    LEE,
    NOW,
    PAGE_PROMPT,
    PATIENT,
    PRACTICE,
    SID,
    TOKEN,
    send,
)

# ---- texts sent through the REST API -----------------------------------------------------


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


def test_account_wide_5xx_and_429_pass_after_their_count(sim: TwilioSim, twilio: Client) -> None:
    sim.rest_fails(502, times=1)
    sim.rest_fails(429, times=1)

    codes = []
    for _ in range(2):
        with pytest.raises(TwilioRestException) as raised:
            send(twilio)
        codes.append((raised.value.status, raised.value.code))
    send(twilio, body="Now it goes.")

    assert codes == [(502, 502), (429, 20429)]
    sim.device(LEE).expect_sms("now it goes")


def test_a_hanging_twilio_times_out_a_client_with_a_read_timeout(sim: TwilioSim) -> None:
    import time

    from requests.exceptions import ReadTimeout

    http = sim.rest_client_http()
    http.timeout = (0.1, 0.2)
    twilio = Client(sim.account_sid, sim.auth_token, http_client=http)
    sim.rest_hangs(5)
    started = time.monotonic()
    with pytest.raises(ReadTimeout):
        send(twilio, body="Stuck.")
    waited = time.monotonic() - started
    sim.rest_hangs(0)

    assert 0.15 < waited < 1.0
    sim.device(LEE).expect_no_sms()  # Twilio never saw it
    send(twilio, body="Unstuck.")
    sim.device(LEE).expect_sms("unstuck")


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


# ---- the app's gateway against a failing Twilio ----------------------------------------------


@pytest.fixture
def gateway_on_sim(sim: TwilioSim, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from router.core.settings import get_settings
    from router.twilio import gateway

    monkeypatch.setenv("TWILIO_RETRY_BACKOFF_S", "0")
    get_settings.cache_clear()
    monkeypatch.setattr(gateway, "TIMEOUTS", (0.1, 0.2))
    gateway.use_http_client(sim.rest_client_http())
    yield gateway.TwilioGateway(sim.account_sid, TOKEN)
    gateway.use_http_client(None)
    get_settings.cache_clear()


def _sms(gw) -> object:  # type: ignore[no-untyped-def]
    return gw.send_sms(
        to=LEE, from_=PRACTICE, body="Gateway.", status_callback=f"{BASE}/sms/status"
    )


def test_the_gateway_tries_a_temporary_failure_again_and_sends_once(
    sim: TwilioSim, gateway_on_sim
) -> None:
    sim.rest_fails(503, times=1)
    sim.rest_fails(429, times=1)

    sent = _sms(gateway_on_sim)

    assert sent.status == "queued"
    assert [r.status_code for r in sim.rest_requests] == [503, 429, 201]
    sim.device(LEE).expect_sms("gateway")
    sim.device(LEE).expect_no_sms()


def test_the_gateway_never_tries_a_permanent_failure_again(sim: TwilioSim, gateway_on_sim) -> None:
    from router.twilio.gateway import GatewayError

    sim.device(LEE).invalid()
    with pytest.raises(GatewayError) as failed:
        _sms(gateway_on_sim)

    assert (failed.value.code, failed.value.permanent) == (21211, True)
    assert len(sim.rest_requests) == 1


def test_the_gateway_gives_a_hanging_twilio_its_read_timeout_once(
    sim: TwilioSim, gateway_on_sim
) -> None:
    import time

    from router.twilio.gateway import GatewayError

    sim.rest_hangs(5)
    started = time.monotonic()
    with pytest.raises(GatewayError) as failed:
        _sms(gateway_on_sim)
    waited = time.monotonic() - started
    sim.rest_hangs(0)

    assert failed.value.permanent is False  # the delivery ladder tries it later
    assert waited < 1.0
    sim.device(LEE).expect_no_sms()
