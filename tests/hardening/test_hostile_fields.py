"""Any string in any field of a signed webhook (issue 11): the webhook answers 200 with TwiML
that parses, never 500, and while the database is up it never falls back to the spool.

A NUL byte in a text's Body used to fail the insert on PostgreSQL: the patient got only the
fail-safe reply and the text sat in the spool, never reaching a clinician. The fields are
cleaned at the edge, after the signature is checked over the raw values Twilio signed.
These run on SQLite and, where TEST_DATABASE_URL is set, on PostgreSQL (the fixtures' params).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from router.failsafe import spooling
from router.twilio.edge import cleaned
from router.twilio.sim import sign
from router.twilio.twiml import storable
from tests.clinic import BASE_URL, LEE, PATEL, PRACTICE_NUMBER, SAM, STRANGER, TOKEN
from tests.hardening.conftest import WEBHOOKS

# What a database, XML or a carrier cannot carry, and what each must keep (\t \n \r).
UNCARRIABLE = "\x00\x01\x08\x0b\x0c\x0e\x1b\x1f\x7f\x85\x9f\ufffe\uffff"
KEPT = "\t\n\r"

_SID = "CA" + "5" * 32
# Values Twilio would send, so a probe reaches the code behind the first lookup.
_PLAUSIBLE: dict[str, list[str]] = {
    "CallSid": [_SID, "CA" + "6" * 32],
    "ParentCallSid": [_SID],
    "DialCallSid": ["CA" + "7" * 32],
    "MessageSid": ["SM" + "8" * 32],
    "SmsSid": ["SM" + "8" * 32],
    "SmsMessageSid": ["SM" + "8" * 32],
    "AccountSid": ["AC" + "0" * 32],
    "MessagingServiceSid": ["MG" + "1" * 32],
    "From": [SAM, LEE, PATEL, STRANGER, PRACTICE_NUMBER],
    "To": [PRACTICE_NUMBER, SAM, LEE],
    "Caller": [SAM],
    "Called": [PRACTICE_NUMBER],
    "Body": ["help me tonight", "ON", "ON until 22:30", "WHO", "OFF", "HELP", "1", "STOP"],
    "Digits": ["1", "2", "9"],
    "CallStatus": ["ringing", "in-progress", "completed", "busy", "no-answer", "failed"],
    "DialCallStatus": ["completed", "no-answer", "busy", "failed", "canceled"],
    "DialCallDuration": ["0", "42"],
    "CallDuration": ["0", "42"],
    "MessageStatus": ["queued", "sent", "delivered", "failed", "undelivered"],
    "SmsStatus": ["received", "delivered"],
    "ErrorCode": ["30003", "30008", ""],
    "NumMedia": ["0", "1", "2"],
    "MediaUrl0": ["https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1"],
    "MediaContentType0": ["image/jpeg"],
    "AnsweredBy": ["human", "machine_start"],
}
FIELDS = sorted(_PLAUSIBLE)

# Any text a form can carry (UTF-8 has no lone surrogates), NULs and controls often.
_ANY = st.text(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(UNCARRIABLE + KEPT)),
    max_size=40,
)
_LONG = st.text(st.characters(exclude_categories=["Cs"]), min_size=60, max_size=400)


def _field(name: str) -> st.SearchStrategy[str]:
    """A plausible value with hostile characters let in somewhere, or anything at all."""
    spliced = st.tuples(
        st.sampled_from(_PLAUSIBLE[name]), _ANY, st.integers(min_value=0, max_value=40)
    ).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :])
    return st.one_of(st.sampled_from(_PLAUSIBLE[name]), spliced, _ANY, _LONG)


_FORMS = st.fixed_dictionaries(
    {"AccountSid": _field("AccountSid")},
    optional={name: _field(name) for name in FIELDS if name != "AccountSid"},
)

# The reasons a webhook logs when its work failed: a database that refused a value among them.
_FAILED = ("fail-safe", "fell back", "not recorded", "kept in the spool", "failed")


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """The test roster on Wednesday night: Dana Lee and Patel on call."""


def _post(client, url: str, values: dict[str, str]):
    signature = sign(TOKEN, BASE_URL + url, list(values.items()))
    return client.post(url, data=values, headers={"X-Twilio-Signature": signature})


# Kept by design with the database up: Twilio's fallback URL (the call is written back later)
# and a voice webhook with no CallSid (nothing to key it by: the crisis line, S1).
_BY_DESIGN = ("twilio_fallback", "MalformedWebhook")


def _spooled_for_a_failure(before: int) -> list[dict[str, object]]:
    """What the spool took since `before` because a webhook's work failed. The status of a
    call the database has not seen is kept by design too (its start may be in the spool); a
    status the database refused is caught by the log instead (`kept in the spool`)."""
    return [
        record
        for record in spooling.spool().records()[before:]
        if record.get("kind") != spooling.STATUS and record.get("reason") not in _BY_DESIGN
    ]


def _failures(records: list[logging.LogRecord]) -> list[str]:
    return [
        r.getMessage()
        for r in records
        if r.levelno >= logging.ERROR
        and r.name.startswith("afterhours")
        and any(word in r.getMessage() for word in _FAILED)
        # A text without a MessageSid has nothing to key it by: the fail-safe, by design.
        and "without a MessageSid" not in r.getMessage()
        and not r.getMessage().endswith(_BY_DESIGN)
    ]


def _answered(response, url: str) -> None:
    assert response.status_code == 200, (url, response.status_code, response.text[:200])
    assert "Traceback" not in response.text
    ET.fromstring(response.content)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(url=st.sampled_from(WEBHOOKS), values=_FORMS)
def test_any_string_in_any_webhook_field_is_answered_and_never_spooled(client, caplog, url, values):
    caplog.clear()
    before = len(spooling.spool().records())
    with caplog.at_level(logging.ERROR):
        response = _post(client, url, values)
    _answered(response, url)
    assert _spooled_for_a_failure(before) == [], (url, values)
    assert _failures(caplog.records) == [], (url, values)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=st.one_of(_ANY, _LONG))
def test_one_hostile_field_in_a_real_call_or_text_is_answered_and_never_spooled(
    client, caplog, field, value
):
    """Everything else as Twilio sends it, one field hostile: the deepest paths get it."""
    call = {
        "AccountSid": _PLAUSIBLE["AccountSid"][0],
        "CallSid": _SID,
        "From": SAM,
        "To": PRACTICE_NUMBER,
        "CallStatus": "ringing",
    }
    text = {
        "AccountSid": _PLAUSIBLE["AccountSid"][0],
        "MessageSid": "SM" + "9" * 32,
        "From": SAM,
        "To": PRACTICE_NUMBER,
        "Body": "help me tonight",
        "NumMedia": "0",
    }
    caplog.clear()
    before = len(spooling.spool().records())
    with caplog.at_level(logging.ERROR):
        for url, base in (("/twilio/voice", call), ("/twilio/sms", text)):
            _answered(_post(client, url, base | {field: value}), url)
    assert _spooled_for_a_failure(before) == [], (field, value)
    assert _failures(caplog.records) == [], (field, value)


@given(st.text())
def test_storable_text_keeps_line_breaks_and_drops_what_nothing_can_carry(text):
    kept = storable(text)
    for char in kept:
        code = ord(char)
        assert code >= 0x20 or char in KEPT
        assert not 0x7F <= code <= 0x9F
        assert not 0xD800 <= code <= 0xDFFF
        assert char not in "\ufffe\uffff"
    assert storable(kept) == kept
    assert storable("a\x00b\tc\nd\re\ud800\ufffe") == "ab\tc\nd\re"


def test_the_signature_is_checked_over_the_raw_values_then_they_are_cleaned(client):
    """A signature over the cleaned values is not Twilio's: it is refused."""
    raw = {"AccountSid": "AC0", "CallSid": _SID, "From": SAM + "\x00", "To": PRACTICE_NUMBER}
    clean = {key: storable(value) for key, value in raw.items()}
    forged = sign(TOKEN, BASE_URL + "/twilio/voice", list(clean.items()))
    refused = client.post("/twilio/voice", data=raw, headers={"X-Twilio-Signature": forged})
    assert refused.status_code == 403
    _answered(_post(client, "/twilio/voice", raw), "/twilio/voice")


def test_cleaning_a_form_keeps_every_field_and_repeated_names():
    from starlette.datastructures import FormData

    form = cleaned(FormData([("Body", "a\x00b"), ("Media\x00Url", "x"), ("Body", "c\x1b")]))
    assert form.multi_items() == [("Body", "ab"), ("MediaUrl", "x"), ("Body", "c")]


def _calls(dependant) -> list[object]:  # type: ignore[no-untyped-def]
    found = [dependant.call]
    for sub in dependant.dependencies:
        found += _calls(sub)
    return found


def test_every_twilio_webhook_reads_the_cleaned_form_not_the_raw_one():
    """A new webhook cannot skip the cleaning: each one's form comes through the edge."""
    from fastapi.routing import APIRoute

    from router.app import create_app
    from router.twilio.edge import signed_clean_form

    def api_routes(routes) -> list[APIRoute]:  # type: ignore[no-untyped-def]
        found = []
        for route in routes:
            if isinstance(route, APIRoute):
                found.append(route)
            inner = getattr(route, "original_router", route)  # an included router
            if inner is not route or hasattr(route, "routes"):
                found += api_routes(getattr(inner, "routes", []))
        return found

    routes = [r for r in api_routes(create_app().routes) if r.path.startswith("/twilio")]
    assert len(routes) >= 12
    for route in routes:
        assert signed_clean_form in _calls(route.dependant), route.path
