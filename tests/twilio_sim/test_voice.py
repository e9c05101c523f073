"""The mock Twilio, tried against a tiny screening app defined here (not the product app)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from router.twilio.sim import TwilioSim, sign

TOKEN = "harness-test-token"
BASE = "http://testserver"
PATIENT = "+16175550100"
PRACTICE_LINE = "+16175550199"
DR_ADAMS = "+16175550101"
DR_BAKER = "+16175550102"
CRISIS_LINE = "+16175550188"
CLINICIANS = [DR_ADAMS, DR_BAKER]
GREETING = "Riverside Counseling. If you are in immediate danger, hang up and dial 911."
SCREEN_PROMPT = "After-hours call from a Riverside patient. Press 1 to accept."


def twiml(body: str) -> Response:
    document = f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'
    return Response(document, media_type="text/xml")


def dial_clinician(n: int) -> str:
    # The first clinician's URLs are relative, the second's absolute: both must work.
    prefix = BASE if n == 1 else ""
    return (
        f'<Dial timeout="20" action="{prefix}/next?c=1&amp;n={n}">'
        f'<Number url="{prefix}/screen?c=1">{CLINICIANS[n]}</Number></Dial>'
    )


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
    app.state.statuses = []
    app.state.incoming = []

    @app.post("/voice")
    def voice(form: Form) -> Response:
        app.state.incoming.append(form["CallSid"])
        return twiml(f"<Say>{GREETING}</Say>{dial_clinician(0)}")

    @app.post("/screen")
    def screen(form: Form) -> Response:
        gather = f'<Gather numDigits="1" action="/screen/answer?c=1"><Say>{SCREEN_PROMPT}</Say>'
        return twiml(f"{gather}</Gather><Hangup/>")

    @app.post("/screen/answer")
    def screen_answer(form: Form) -> Response:
        if form.get("Digits") == "1":
            return twiml("<Say>Connecting you to Pat.</Say>")
        return twiml("<Hangup/>")

    @app.post("/next")
    def next_step(n: int, form: Form) -> Response:
        if form.get("DialBridged") == "true":
            return twiml("<Hangup/>")
        if n + 1 < len(CLINICIANS):
            return twiml(dial_clinician(n + 1))
        say = "<Say>Nobody could answer. Connecting you to the crisis line.</Say>"
        return twiml(f"{say}<Dial>{CRISIS_LINE}</Dial>")

    @app.post("/status")
    def status(form: Form) -> Response:
        app.state.statuses.append(form)
        return Response(status_code=204)

    @app.post("/menu")
    def menu(form: Form) -> Response:
        gather = '<Gather numDigits="1" action="menu/choice"><Say>Press 1 for the clinician.</Say>'
        return twiml(f"{gather}</Gather><Say>No choice made.</Say><Hangup/>")

    @app.post("/menu/choice")
    def menu_choice(form: Form) -> Response:
        return twiml(f"<Say>You pressed {form['Digits']}.</Say><Redirect>/voice</Redirect>")

    @app.post("/unscreened")
    def unscreened(form: Form) -> Response:
        return twiml(f'<Dial action="/next?c=1&amp;n=1">{DR_ADAMS}</Dial>')

    @app.post("/leaky")
    def leaky(form: Form) -> Response:
        return twiml(f'<Dial><Number url="/leaky/screen">{DR_ADAMS}</Number></Dial>')

    @app.post("/leaky/screen")
    def leaky_screen(form: Form) -> Response:
        # No <Hangup/> after the Gather: a voicemail that presses nothing gets bridged.
        return twiml(
            f'<Gather numDigits="1" action="/screen/answer"><Say>{SCREEN_PROMPT}</Say></Gather>'
        )

    @app.post("/whisper-dials")
    def whisper_dials(form: Form) -> Response:
        return twiml(f'<Dial><Number url="/whisper-dials/screen">{DR_ADAMS}</Number></Dial>')

    @app.post("/whisper-dials/screen")
    def whisper_dials_screen(form: Form) -> Response:
        return twiml(f"<Dial>{DR_BAKER}</Dial>")

    @app.post("/broken")
    def broken(form: Form) -> Response:
        return Response("boom", status_code=500)

    @app.post("/fallback")
    def fallback(form: Form) -> Response:
        return twiml(f"<Say>Connecting you to the crisis line.</Say><Dial>{CRISIS_LINE}</Dial>")

    @app.post("/loop")
    def loop(form: Form) -> Response:
        return twiml("<Pause/><Redirect>/loop</Redirect>")

    return app


@pytest.fixture
def app() -> FastAPI:
    return make_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def sim(client: TestClient) -> TwilioSim:
    return TwilioSim(client, TOKEN, BASE, voice_path="/voice", status_path="/status")


def test_signature_matches_twilio_known_answer_vector() -> None:
    params = [
        ("CallSid", "CA1234567890ABCDE"),
        ("Caller", "+12349013030"),
        ("Digits", "1234"),
        ("From", "+12349013030"),
        ("To", "+18005551212"),
    ]
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert sign("12345", url, params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


def test_clinician_who_presses_1_is_bridged(sim: TwilioSim, app: FastAPI) -> None:
    sim.phone(DR_ADAMS).answers_and_presses("1")

    call = sim.call(PATIENT, PRACTICE_LINE)

    assert call.bridged_to == DR_ADAMS
    assert call.heard_by_caller == [GREETING]
    assert call.heard_by(DR_ADAMS) == [SCREEN_PROMPT, "Connecting you to Pat."]
    (action,) = call.requests_to("/next")
    assert action.params["DialCallStatus"] == "completed"
    assert action.params["DialBridged"] == "true"
    assert action.params["DialCallDuration"] == "60"
    (whisper,) = call.requests_to("/screen")
    assert whisper.params["ParentCallSid"] == call.call_sid
    assert whisper.params["From"] == PRACTICE_LINE
    assert whisper.params["Direction"] == "outbound-dial"
    assert call.ended_by == "hangup"
    assert app.state.statuses[0]["CallSid"] == call.call_sid
    assert int(app.state.statuses[0]["CallDuration"]) == pytest.approx(call.duration, abs=1)


def test_voicemail_is_screened_out_and_the_call_moves_on(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).voicemail()
    sim.phone(DR_BAKER).answers_and_presses("1")

    call = sim.call(PATIENT, PRACTICE_LINE)

    assert call.dialled == [DR_ADAMS, DR_BAKER]
    assert call.bridged_to == DR_BAKER
    assert call.heard_by(DR_ADAMS) == [SCREEN_PROMPT]
    first_action = call.requests_to("/next")[0].params
    assert first_action["DialCallStatus"] == "completed"
    assert first_action["DialBridged"] == "false"
    assert [leg.outcome for leg in call.legs] == ["screened-out", "bridged"]


def test_unscreened_dial_lets_a_voicemail_steal_the_call(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).voicemail()

    call = sim.call(PATIENT, PRACTICE_LINE, voice_path="/unscreened")

    assert call.bridged_to == DR_ADAMS


@pytest.mark.parametrize(
    ("behaviour", "dial_status"),
    [("no_answer", "no-answer"), ("busy", "busy"), ("fails", "failed")],
)
def test_unreached_clinicians_lead_to_the_crisis_line(
    sim: TwilioSim, behaviour: str, dial_status: str
) -> None:
    for clinician in CLINICIANS:
        getattr(sim.phone(clinician), behaviour)()
    sim.phone(CRISIS_LINE).answers_and_presses()

    call = sim.call(PATIENT, PRACTICE_LINE)

    assert call.dialled == [DR_ADAMS, DR_BAKER, CRISIS_LINE]
    assert [r.params["DialCallStatus"] for r in call.requests_to("/next")] == [dial_status] * 2
    assert call.said("crisis line")
    assert call.bridged_to == CRISIS_LINE
    assert call.ended_by == "completed"


def test_unregistered_phones_do_not_answer(sim: TwilioSim) -> None:
    call = sim.call(PATIENT, PRACTICE_LINE)

    assert call.bridged_to is None
    assert call.dialled == [DR_ADAMS, DR_BAKER, CRISIS_LINE]
    assert call.duration > 40  # two 20 s ring timeouts and a 30 s default


def test_relative_and_absolute_urls_are_both_followed_and_signed(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).voicemail()
    sim.phone(DR_BAKER).answers_and_presses("1")

    call = sim.call(PATIENT, PRACTICE_LINE)

    paths = [request.path for request in call.requests]
    assert paths == [
        "/voice",
        "/screen?c=1",  # relative <Number url>
        "/next?c=1&n=0",  # relative <Dial action>
        "/screen?c=1",  # absolute <Number url>
        "/screen/answer?c=1",
        "/next?c=1&n=1",  # absolute <Dial action>
        "/status",
    ]
    assert all(request.status_code in (200, 204) for request in call.requests)


def test_first_twiml_is_available_for_attribute_checks(sim: TwilioSim) -> None:
    call = sim.call(PATIENT, PRACTICE_LINE)

    assert call.first_twiml is not None
    dial = call.first_twiml.find("Dial")
    assert dial is not None
    assert dial.get("timeout") == "20"


def test_whisper_without_hangup_after_gather_lets_voicemail_through(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).voicemail()

    call = sim.call(PATIENT, PRACTICE_LINE, voice_path="/leaky")

    assert call.bridged_to == DR_ADAMS
    assert call.requests_to("/screen/answer") == []


def test_a_whisper_may_not_dial(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).answers_and_presses()

    with pytest.raises(AssertionError, match="not supported in a whisper"):
        sim.call(PATIENT, PRACTICE_LINE, voice_path="/whisper-dials")


def test_caller_who_hangs_up_mid_conversation_ends_the_call(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).answers_and_presses("1")

    call = sim.call(PATIENT, PRACTICE_LINE, hang_up_after_seconds=30)

    assert call.bridged_to == DR_ADAMS
    assert call.ended_by == "caller"
    assert call.requests_to("/next") == []
    assert call.legs[0].outcome == "bridged"


def test_bad_or_missing_signature_is_refused(sim: TwilioSim) -> None:
    params = {"CallSid": "CA" + "1" * 32, "From": PATIENT, "To": PRACTICE_LINE}

    assert sim.post("/voice", params).status_code == 200
    assert sim.post("/voice", params, token="not-the-token").status_code == 403
    assert sim.post("/voice", params, sign=False).status_code == 403


def test_redelivery_repeats_the_first_webhook_with_the_same_call_sid(
    sim: TwilioSim, app: FastAPI
) -> None:
    call = sim.call(PATIENT, PRACTICE_LINE, call_sid="CA" + "2" * 32)

    assert sim.redeliver(call).status_code == 200
    assert app.state.incoming == [call.call_sid, call.call_sid]


def test_caller_who_hangs_up_while_ringing_gets_no_dial_action(
    sim: TwilioSim, app: FastAPI
) -> None:
    call = sim.call(PATIENT, PRACTICE_LINE, hang_up_after_seconds=12)

    assert call.ended_by == "caller"
    assert call.requests_to("/next") == []
    assert call.duration == 12
    assert app.state.statuses[0]["CallDuration"] == "12"


def test_queued_behaviours_apply_one_call_at_a_time(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).no_answer(times=1).answers_and_presses("1")

    first = sim.call(PATIENT, PRACTICE_LINE)
    second = sim.call(PATIENT, PRACTICE_LINE)

    assert first.bridged_to != DR_ADAMS
    assert second.bridged_to == DR_ADAMS
    assert sim.phone(DR_ADAMS).rings == 2


def test_caller_presses_go_to_the_caller_gathers(sim: TwilioSim) -> None:
    sim.phone(DR_ADAMS).answers_and_presses("1")

    call = sim.call(PATIENT, PRACTICE_LINE, voice_path="/menu", caller_presses=["1"])

    assert call.requests_to("/menu/choice")[0].params["Digits"] == "1"
    assert call.heard_by_caller[:3] == ["Press 1 for the clinician.", "You pressed 1.", GREETING]
    assert call.bridged_to == DR_ADAMS


def test_caller_gather_without_input_falls_through(sim: TwilioSim) -> None:
    call = sim.call(PATIENT, PRACTICE_LINE, voice_path="/menu")

    assert call.heard_by_caller == ["Press 1 for the clinician.", "No choice made."]
    assert call.ended_by == "hangup"


def test_an_app_error_fails_the_test_in_strict_mode(sim: TwilioSim) -> None:
    with pytest.raises(AssertionError, match="answered 500"):
        sim.call(PATIENT, PRACTICE_LINE, voice_path="/broken")


def test_an_app_error_is_heard_as_twilio_would_say_it(client: TestClient) -> None:
    lenient = TwilioSim(client, TOKEN, BASE, status_path="/status", strict=False)

    call = lenient.call(PATIENT, PRACTICE_LINE, voice_path="/broken")

    assert call.ended_by == "error"
    assert call.said("application error")
    assert call.errors


def test_an_app_error_falls_back_to_the_fallback_url(client: TestClient) -> None:
    lenient = TwilioSim(
        client, TOKEN, BASE, status_path="/status", strict=False, fallback_path="/fallback"
    )
    lenient.phone(CRISIS_LINE).answers_and_presses()

    call = lenient.call(PATIENT, PRACTICE_LINE, voice_path="/broken")

    assert call.requests_to("/fallback")[0].params["ErrorCode"] == "11200"
    assert call.bridged_to == CRISIS_LINE


def test_a_twiml_loop_is_stopped(sim: TwilioSim) -> None:
    with pytest.raises(AssertionError, match="TwiML loop"):
        sim.call(PATIENT, PRACTICE_LINE, voice_path="/loop")


def test_status_callback_timestamps_follow_the_sim_clock(client: TestClient, app: FastAPI) -> None:
    at = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    timed = TwilioSim(
        client, TOKEN, BASE, voice_path="/voice", status_path="/status", clock=lambda: at
    )

    timed.call(PATIENT, PRACTICE_LINE, hang_up_after_seconds=12)

    assert app.state.statuses[0]["Timestamp"] == "Thu, 26 Nov 2026 02:00:12 +0000"


def test_phones_are_devices_and_chain(sim: TwilioSim) -> None:
    clinician = sim.phone(DR_ADAMS).no_answer(times=1).answers_and_presses("1")

    assert clinician is sim.device(DR_ADAMS)
    assert sim.call(PATIENT, PRACTICE_LINE).bridged_to != DR_ADAMS
    assert sim.call(PATIENT, PRACTICE_LINE).bridged_to == DR_ADAMS
    assert clinician.heard[-1] == "Connecting you to Pat."
