"""A tiny relay app defined here (not the product app), for trying the mock Twilio's texting
and REST API. It answers texts with TwiML, relays them to a clinician through the official
twilio SDK (`twilio.rest.Client` on the sim's HTTP client) and pages by a call.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator
from twilio.rest import Client

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


def send(
    twilio: Client, to: str = LEE, body: str = "Test text.", callback: str = "/sms/status"
) -> str:
    message = twilio.messages.create(
        to=to, from_=PRACTICE, body=body, status_callback=BASE + callback
    )
    return str(message.sid)
