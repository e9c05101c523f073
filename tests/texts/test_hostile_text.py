"""A text or a call carrying bytes no database or carrier can hold (issue 11): it reaches a
clinician like any other, with those characters removed at the edge (S3, S1, S5).

On PostgreSQL a NUL in a text's Body used to fail the insert: the patient got the fail-safe
reply, the text went to the spool and never reached a clinician. These run on SQLite and,
where TEST_DATABASE_URL is set, PostgreSQL; texts on the in-process queue and the real Redis.
"""

from __future__ import annotations

from sqlalchemy import select

from router.core.db import session_scope
from router.failsafe import spooling
from router.store.models import Contact, InboundText
from router.store.repositories import tokens
from tests.clinic import LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for

# NUL, other C0 controls, DEL, a C1 control, the noncharacters: none survives the edge.
HOSTILE_BODY = "having\x00 a\x01 really\x08 hard\x1b night\x7f\x85\ufffe\uffff\x00"
CLEAN_BODY = "having a really hard night"


def _supervisor() -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}


def test_a_text_with_nul_bytes_reaches_the_on_call_clinician_cleaned_S3(texting, client):
    sim, jobs = texting.sim, texting.jobs
    record = sim.text(SAM, PRACTICE_NUMBER, HOSTILE_BODY)
    reply = record.replies[0].body
    assert "reached Dana" in reply  # not the fail-safe's crisis resources alone
    jobs.settle()
    relayed = sim.device(LEE).expect_sms(CLEAN_BODY)
    assert "\x00" not in relayed.body
    assert contact_count() == 1
    assert spooling.spool().records() == []
    with session_scope() as session:
        stored = session.scalars(select(InboundText.body)).one()
    assert stored == CLEAN_BODY
    log = client.get("/api/v1/messages", headers=_supervisor())
    assert log.status_code == 200
    bodies = [message["body"] or "" for message in log.json()]
    assert any(CLEAN_BODY in body for body in bodies), bodies
    assert not any("\x00" in body or "\x1b" in body for body in bodies)


def test_a_text_keeps_its_line_breaks_and_tabs_S3(texting):
    sim, jobs = texting.sim, texting.jobs
    sim.text(SAM, PRACTICE_NUMBER, "line one\x00\r\nline\ttwo")
    jobs.settle()
    with session_scope() as session:
        stored = session.scalars(select(InboundText.body)).one()
    assert stored == "line one\r\nline\ttwo"
    sim.device(LEE).expect_sms("line one")


def test_a_text_of_nothing_but_nul_bytes_is_still_relayed_S3(texting):
    sim, jobs = texting.sim, texting.jobs
    reply = sim.text(SAM, PRACTICE_NUMBER, "\x00\x00\x01").replies[0].body
    assert "reached Dana" in reply
    jobs.settle()
    sim.device(LEE).expect_sms()
    assert contact_count() == 1
    assert spooling.spool().records() == []


def test_a_call_whose_fields_carry_nul_bytes_reaches_the_clinician_S1(sim, roster, clock):
    sid = "CA\x00" + "4" * 32
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(
        SAM,
        PRACTICE_NUMBER,
        call_sid=sid,
        extra_params={
            "CallerName": "Sam\x00 Rivera\x1b",
            "FromCity": "BOSTON\x00",
            "CallerCountry": "US\x00\ufffe",
        },
    )
    assert call.bridged_to == LEE
    assert spooling.spool().records() == []
    assert contact_count() == 1
    clean_sid = "CA" + "4" * 32
    contact = contact_for(clean_sid)
    assert contact["connected_to"] == "dr-lee"
    with session_scope() as session:
        assert session.scalars(select(Contact.sid)).one() == clean_sid


def test_a_nul_in_the_callers_number_still_finds_the_patient_S1(sim, roster, clock):
    values = {
        "AccountSid": "AC" + "0" * 32,
        "CallSid": "CA" + "3" * 32,
        "From": SAM + "\x00",
        "To": "\x00" + PRACTICE_NUMBER,
        "CallStatus": "ringing",
    }
    response = sim.post("/twilio/voice", values)
    assert response.status_code == 200
    assert "Riverside" in response.text  # the practice's greeting, not the fail-safe's
    assert spooling.spool().records() == []
    assert contact_for("CA" + "3" * 32)["patient"] == "pt-sam"
