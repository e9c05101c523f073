"""Bodies no Twilio webhook sends: multipart with a file, JSON, oversized, malformed, forged.

Each gets 403, 413 or 415 and changes nothing: never a 500, never a traceback.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from router.twilio.sim import sign
from tests.clinic import BASE_URL, PRACTICE_NUMBER, SAM, TOKEN
from tests.contact_log import contact_count
from tests.hardening.conftest import WEBHOOKS

CALL = {"CallSid": "CA" + "c" * 32, "From": SAM, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}
FORM = "application/x-www-form-urlencoded"


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """The test roster on Wednesday night: a forged request would have someone to reach."""


def _signature(url: str, params: dict[str, str]) -> str:
    return sign(TOKEN, BASE_URL + url, list(params.items()))


def _no_traceback(response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:200])
    assert "Traceback" not in response.text


@pytest.mark.parametrize("url", WEBHOOKS)
def test_a_multipart_body_with_a_file_part_is_refused_not_a_500(client, url):
    response = client.post(
        url,
        data=CALL,
        files={"upload": ("roster.yaml", b"\x00\x01 not a form", "application/octet-stream")},
        headers={"X-Twilio-Signature": _signature(url, CALL)},
    )
    _no_traceback(response)
    assert response.status_code in (403, 415)
    assert contact_count() == 0


@pytest.mark.parametrize("url", WEBHOOKS)
def test_a_multipart_body_without_files_is_refused(client, url):
    response = client.post(
        url,
        files={name: (None, value) for name, value in CALL.items()},
        headers={"X-Twilio-Signature": _signature(url, CALL)},
    )
    _no_traceback(response)
    assert response.status_code in (403, 415)
    assert contact_count() == 0


@pytest.mark.parametrize("url", WEBHOOKS)
def test_a_json_body_is_refused(client, url):
    response = client.post(url, json=CALL, headers={"X-Twilio-Signature": _signature(url, CALL)})
    _no_traceback(response)
    assert response.status_code in (403, 415)
    assert contact_count() == 0


@pytest.mark.parametrize("url", WEBHOOKS)
def test_an_oversized_body_is_refused_before_it_is_parsed(client, url):
    big = CALL | {"Padding": "x" * (70 * 1024)}
    response = client.post(
        url,
        content="&".join(f"{k}={v}" for k, v in big.items()),
        headers={"Content-Type": FORM, "X-Twilio-Signature": _signature(url, big)},
    )
    _no_traceback(response)
    assert response.status_code == 413
    assert contact_count() == 0


@pytest.mark.parametrize("url", WEBHOOKS)
def test_a_body_that_is_not_utf8_is_refused(client, url):
    response = client.post(
        url,
        content=b"CallSid=\xff\xfe&From=%FF",
        headers={"Content-Type": FORM, "X-Twilio-Signature": _signature(url, CALL)},
    )
    _no_traceback(response)
    assert response.status_code == 403


@pytest.mark.parametrize("url", WEBHOOKS)
def test_a_signature_for_other_fields_is_refused(client, url):
    response = client.post(
        url,
        data=CALL | {"From": "+16175550150"},
        headers={"X-Twilio-Signature": _signature(url, CALL)},
    )
    assert response.status_code == 403
    assert contact_count() == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.sampled_from(WEBHOOKS),
    body=st.binary(max_size=512),
    content_type=st.sampled_from(
        [FORM, f"{FORM}; charset=utf-8", "multipart/form-data; boundary=x", "text/plain", ""]
    ),
    signature=st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=40),
)
def test_any_body_any_type_any_signature_never_breaks_a_webhook(
    client, url, body, content_type, signature
):
    headers = {"X-Twilio-Signature": signature}
    if content_type:
        headers["Content-Type"] = content_type
    response = client.post(url, content=body, headers=headers)
    _no_traceback(response)
    assert response.status_code in (403, 413, 415)


_FIELD_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
_VOICE_FIELDS = ("CallSid", "From", "To", "CallStatus", "Digits", "DialCallStatus", "ErrorCode")
_SMS_FIELDS = ("MessageSid", "From", "To", "Body", "MessageStatus", "ErrorCode")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.sampled_from(WEBHOOKS),
    # Twilio always sends AccountSid; any other field may be missing or hold anything.
    values=st.fixed_dictionaries(
        {"AccountSid": _FIELD_TEXT},
        optional=dict.fromkeys(_VOICE_FIELDS + _SMS_FIELDS, _FIELD_TEXT),
    ),
)
def test_any_signed_field_values_get_an_answer_that_parses(client, url, values):
    import xml.etree.ElementTree as ET

    response = client.post(
        url, data=values, headers={"X-Twilio-Signature": _signature(url, values)}
    )
    _no_traceback(response)
    assert response.status_code == 200, (url, response.text[:200])
    ET.fromstring(response.content)
