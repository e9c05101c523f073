"""The gateway and the logs: temporary Twilio errors retried, permanent ones not; the message
log with delivery status (supervisors and admins only); texts in the contact log."""

from __future__ import annotations

import pytest

from tests.clinic import LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_for
from tests.texts.helpers import bearer


def test_temporary_twilio_errors_are_retried_and_permanent_ones_are_not(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.device(LEE).rate_limited(times=2)
    sim.text(SAM, PRACTICE_NUMBER, "retry me")
    jobs.settle()
    sim.device(LEE).expect_sms("retry me")
    sends_to = [r for r in sim.rest_requests if ("To", SAM) in r.data]
    sim.device(SAM).invalid()
    sim.device(LEE).reply("hello")
    jobs.settle()
    after = [r for r in sim.rest_requests if ("To", SAM) in r.data]
    assert len(after) == len(sends_to) + 1  # one try: 21211 will not change


def test_message_log_lists_every_outbound_text_with_its_delivery_status(texting, client):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "log me")
    jobs.settle()
    response = client.get("/api/v1/messages", headers=bearer("sup-ortiz"))
    assert response.status_code == 200
    messages = response.json()
    relay = next(m for m in messages if m["purpose"] == "relay")
    for key in ("id", "kind", "to", "body", "status", "sid", "contact", "created_at"):
        assert key in relay
    assert relay["kind"] == "sms"
    assert relay["to"] == LEE
    assert relay["status"] == "delivered"
    assert relay["sid"].startswith("SM")
    assert relay["contact"] == contact_for(record.message_sid)["id"]


def test_message_log_is_for_supervisors_and_admins(texting, client):
    assert client.get("/api/v1/messages", headers=bearer("dr-lee")).status_code == 403


def test_texts_appear_in_the_contact_log(texting, client):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, "in the log")
    jobs.settle()
    sim.device(LEE).expect_sms("in the log").reply("ok")
    jobs.settle()
    found = client.get("/api/v1/contacts?patient=pt-sam", headers=bearer("sup-ortiz")).json()
    assert len(found) == 1
    assert found[0]["channel"] == "sms"
    assert found[0]["sid"] == record.message_sid
    assert found[0]["outcome"] == "acknowledged"


@pytest.fixture
def client(texting):
    return texting.sim.client
