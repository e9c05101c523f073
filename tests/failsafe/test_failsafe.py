"""S1 and S5 under faults: the database down or corrupt, the code raising, odd requests.

Whatever fails, the caller hears TwiML that dials the crisis line within a second, and the
spool keeps the call until the database is back, then it is written once.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from router.calls import service as calls
from router.core import db_async
from router.core.db import reset_caches
from router.failsafe import replay as recovery
from tests.clinic import CRISIS_LINE, DEAD_DATABASE, LEE, PRACTICE_NUMBER, SAM
from tests.contact_log import contact_count, contact_for
from tests.deadlines import NEVER_WAITS_S


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """Wednesday 21:00 in New York, with the test roster loaded."""


def _incoming(sid: str) -> dict[str, str]:
    return {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER, "CallStatus": "ringing"}


def _dials_crisis_line(body: str) -> bool:
    return f">{CRISIS_LINE}</Dial>" in body


def test_database_down_the_call_still_reaches_the_crisis_line_S1(sim, database_down):
    started = time.monotonic()
    response = sim.post("/twilio/voice", _incoming("CA" + "a" * 32))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert _dials_crisis_line(response.text)
    assert "dial 911" in response.text
    assert elapsed < NEVER_WAITS_S


def test_database_down_the_call_is_kept_and_written_once_when_it_returns_S5(sim, database_down):
    sid = "CA" + "b" * 32
    sim.post("/twilio/voice", _incoming(sid))
    sim.post("/twilio/status", {"CallSid": sid, "CallStatus": "completed", "CallDuration": "95"})
    assert recovery.spool().pending()

    database_down.restore()
    assert recovery.replay_spool() == 2
    assert recovery.replay_spool() == 0
    assert contact_count() == 1
    contact = contact_for(sid)
    assert contact["patient"] == "pt-sam"
    assert contact["outcome"] == "crisis_line"
    assert contact["events"][:2] == ["failsafe", "crisis_line"]
    assert "ended" in contact["events"]
    assert contact["duration_s"] == 95
    assert contact["follow_up"]["assignee"] == "dr-lee"
    assert contact["follow_up"]["urgent"] is True


def test_replaying_the_spool_twice_writes_nothing_twice_S5(sim, database_down):
    sid = "CA" + "c" * 32
    sim.post("/twilio/voice", _incoming(sid))
    records = recovery.spool().records()
    database_down.restore()
    recovery.replay_spool()
    # The same records again, as after a crash between commit and truncation.
    for record in records:
        recovery.spool().append(record)
    recovery.replay_spool()
    assert contact_count() == 1
    assert contact_for(sid)["events"].count("failsafe") == 1


def test_a_retried_webhook_during_the_outage_is_still_one_contact_S5(sim, database_down):
    sid = "CA" + "d" * 32
    sim.post("/twilio/voice", _incoming(sid))
    sim.post("/twilio/voice", _incoming(sid))
    database_down.restore()
    recovery.replay_spool()
    assert contact_count() == 1


def test_database_lost_mid_call_the_caller_goes_to_the_crisis_line_S1(
    sim, monkeypatch, database_url
):
    sid = "CA" + "e" * 32
    first = sim.post("/twilio/voice", _incoming(sid))
    assert LEE in first.text
    contact_id = contact_for(sid)["id"]
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    action = dict(_incoming(sid), DialCallStatus="no-answer")
    response = sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
    assert response.status_code == 200
    assert _dials_crisis_line(response.text)
    monkeypatch.setenv("DATABASE_URL", database_url)
    reset_caches()
    recovery.replay_spool()
    contact = contact_for(sid)
    assert contact_count() == 1
    assert "failsafe" in contact["events"]
    assert contact["outcome"] == "crisis_line"


def test_a_clinician_who_accepts_during_an_outage_is_bridged_not_sent_on_S1(
    sim, monkeypatch, database_url
):
    sid = "CA" + "f" * 32
    sim.post("/twilio/voice", _incoming(sid))
    contact_id = contact_for(sid)["id"]
    leg = {"CallSid": "CA" + "9" * 32, "ParentCallSid": sid, "To": LEE, "From": PRACTICE_NUMBER}
    sim.post(f"/twilio/voice/screen?c={contact_id}&n=0", leg)
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    accepted = sim.post(f"/twilio/voice/screen/answer?c={contact_id}&n=0", dict(leg, Digits="1"))
    assert "<Hangup" not in accepted.text  # the whisper ends: bridged
    action = dict(_incoming(sid), DialCallStatus="completed", DialCallDuration="300")
    after = sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
    assert "<Hangup" in after.text  # the conversation happened: no crisis line after it
    monkeypatch.setenv("DATABASE_URL", database_url)
    reset_caches()
    recovery.replay_spool()
    contact = contact_for(sid)
    assert contact["outcome"] == "connected"
    assert contact["connected_to"] == "dr-lee"


def test_code_that_raises_still_answers_with_the_crisis_line_S1(sim, monkeypatch):
    def broken(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr(calls, "start_call", broken)
    monkeypatch.setattr(db_async, "pool", lambda: None)  # start_call routes every call
    response = sim.post("/twilio/voice", _incoming("CA" + "1" * 32))
    assert response.status_code == 200
    assert _dials_crisis_line(response.text)


def test_a_slow_database_still_answers_within_a_second_S1(sim, monkeypatch):
    monkeypatch.setenv("VOICE_DEADLINE_S", "0.8")
    from router.core.settings import get_settings

    get_settings.cache_clear()
    real, held = calls.start_call, threading.Event()

    def slow(*args: object, **kwargs: object) -> str:
        held.wait(30)  # a database that does not answer until the test lets it
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(calls, "start_call", slow)
    monkeypatch.setattr(db_async, "pool", lambda: None)  # start_call routes every call
    started = time.monotonic()
    try:
        response = sim.post("/twilio/voice", _incoming("CA" + "2" * 32))
        # Only the deadline can answer while the database is held (past NEVER_WAITS_S).
        assert time.monotonic() - started < NEVER_WAITS_S
    finally:
        held.set()
    assert _dials_crisis_line(response.text)


def test_corrupt_database_file_still_answers_with_the_crisis_line_S1(
    sim, monkeypatch, tmp_path: Path
):
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database" * 200)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{corrupt}")
    reset_caches()
    response = sim.post("/twilio/voice", _incoming("CA" + "3" * 32))
    assert response.status_code == 200
    assert _dials_crisis_line(response.text)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"From": SAM, "To": PRACTICE_NUMBER},
        {"CallSid": "CA" + "4" * 32},
        {"CallSid": "CA" + "5" * 32, "From": "\x00\x01", "To": "not a number"},
        {"CallSid": "x" * 500, "From": SAM * 40, "To": PRACTICE_NUMBER},
    ],
    ids=["empty", "no-callsid", "no-numbers", "garbage-numbers", "oversized"],
)
def test_signed_request_with_missing_or_odd_fields_gets_crisis_twiml_S1(sim, params):
    response = sim.post("/twilio/voice", params)
    assert response.status_code == 200
    assert "<Dial" in response.text


def test_unknown_practice_number_still_reaches_a_crisis_line_S1(sim):
    response = sim.post(
        "/twilio/voice", {"CallSid": "CA" + "6" * 32, "From": SAM, "To": "+16175550177"}
    )
    assert response.status_code == 200
    assert "<Dial" in response.text


def test_fallback_url_answers_crisis_twiml_without_a_database_S1(sim, database_down):
    response = sim.post(
        "/twilio/voice/fallback", dict(_incoming("CA" + "7" * 32), ErrorCode="11200")
    )
    assert response.status_code == 200
    assert _dials_crisis_line(response.text)


def test_fail_safe_logs_carry_no_phone_numbers_S7(sim, database_down, caplog):
    caplog.set_level("DEBUG")
    sim.post("/twilio/voice", _incoming("CA" + "8" * 32))
    text = caplog.text
    assert "fell back to the crisis line" in text
    for secret in (SAM, SAM[2:], "5550", "Sam", "Rivera"):
        assert secret not in text
