"""The voice path, driven the way Twilio drives it (SPEC §7; S1, S2, S5, S6, S7)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from router.core.db import session_scope
from router.store.models import CoachingPause
from router.twilio.sim import sign
from tests.clinic import (
    ANA,
    CRISIS_LINE,
    JO,
    KIM,
    LEE,
    PATEL,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
    THURSDAY_NOON,
    WEDNESDAY_1130PM,
)
from tests.contact_log import contact_count, contact_for


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """Every test here starts on Wednesday at 21:00 in New York with the test roster."""


def test_first_clinician_who_presses_1_is_bridged(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == LEE
    assert call.dialled == [LEE]
    contact = contact_for(call.call_sid)
    assert contact["outcome"] == "connected"
    assert contact["connected_to"] == "dr-lee"
    assert contact["events"] == [
        "greeted",
        "dialled",
        "answered",
        "accepted",
        "bridged",
        "call_ended",
        "ended",
    ]


def test_greeting_names_the_practice_and_tells_the_caller_to_dial_911(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    first = call.heard_by_caller[0]
    assert "Riverside DBT Clinic" in first
    assert "hang up and dial 911" in first


def test_voicemail_is_not_an_answer_S2(sim):
    sim.phone(LEE).voicemail()
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == PATEL
    assert call.dialled == [LEE, PATEL]
    contact = contact_for(call.call_sid)
    assert ("not_accepted", "dr-lee") in contact["event_clinicians"]
    assert contact["connected_to"] == "dr-patel"


def test_another_digit_declines_and_moves_on_S2(sim):
    sim.phone(LEE).answers_and_presses("2")
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == PATEL
    assert ("declined", "dr-lee") in contact_for(call.call_sid)["event_clinicians"]


def test_dial_status_completed_alone_never_counts_as_accepted_S2(sim):
    """Twilio reports a screened-out leg as completed: the router trusts only the digit."""
    sid = "CA" + "2" * 32
    first = sim.post("/twilio/voice", {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER})
    assert LEE in first.text
    contact = contact_for(sid)
    response = sim.post(
        f"/twilio/voice/next?c={contact['id']}&n=0",
        {
            "CallSid": sid,
            "From": SAM,
            "To": PRACTICE_NUMBER,
            "DialCallStatus": "completed",
            "DialBridged": "true",
            "DialCallDuration": "42",
        },
    )
    assert response.status_code == 200
    assert PATEL in response.text  # on to the next clinician, not a hang-up
    assert contact_for(sid)["connected_to"] is None


def test_screening_says_no_name_before_the_digit_S7(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    heard = call.heard_by(LEE)
    assert "Sam" not in heard[0]
    assert "press 1" in heard[0].lower()
    assert "Sam R." in heard[-1]


def test_busy_and_failed_clinicians_are_passed_over(sim):
    sim.phone(LEE).busy()
    sim.phone(PATEL).fails()
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled[:3] == [LEE, PATEL, CRISIS_LINE]
    events = contact_for(call.call_sid)["events"]
    assert "busy" in events
    assert "failed" in events


def test_no_dead_ends_nobody_answers_so_the_crisis_line_is_dialled_S1(sim):
    sim.phone(LEE).no_answer()
    sim.phone(PATEL).voicemail()
    sim.phone(CRISIS_LINE).answers_and_presses()
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled == [LEE, PATEL, CRISIS_LINE]
    assert call.bridged_to == CRISIS_LINE
    contact = contact_for(call.call_sid)
    assert contact["outcome"] == "crisis_line"
    assert "crisis_connected" in contact["events"]
    assert contact["follow_up"]["urgent"] is False


def test_no_dead_ends_when_nobody_is_on_call_S1(sim, clock):
    clock.set(THURSDAY_NOON)
    sim.phone(CRISIS_LINE).answers_and_presses()
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled == [CRISIS_LINE]
    assert call.said("call or text 9 8 8")


def test_no_dead_ends_when_the_crisis_line_does_not_answer_S1(sim):
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled == [LEE, PATEL, CRISIS_LINE, CRISIS_LINE]
    assert call.heard_by_caller[-1].startswith("We could not reach the crisis line")
    assert contact_for(call.call_sid)["follow_up"]["urgent"] is True


def test_clinician_off_call_is_not_dialled(sim, clock):
    clock.set(WEDNESDAY_1130PM)
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled == [PATEL]


def test_on_call_clinician_without_duty_is_never_dialled_for_another_clinicians_patient(sim):
    sim.phone(PATEL).no_answer()
    call = sim.call(JO, PRACTICE_NUMBER)
    assert LEE not in call.dialled
    assert call.dialled[0] == PATEL


def test_unknown_caller_goes_to_the_duty_clinician(sim, clock):
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    call = sim.call(STRANGER, PRACTICE_NUMBER)
    assert call.bridged_to == KIM
    contact = contact_for(call.call_sid)
    assert contact["patient"] is None
    assert contact["follow_up"]["assignee"] == "dr-kim"
    assert call.heard_by(KIM)[-1].endswith("a caller whose number is not on file.")


def test_unknown_caller_with_no_duty_clinician_goes_to_the_crisis_line(sim):
    call = sim.call(STRANGER, PRACTICE_NUMBER)
    assert call.dialled[0] == CRISIS_LINE


@pytest.mark.parametrize("withheld", ["anonymous", "", "+266696687", "Restricted", "+1555"])
def test_withheld_caller_ids_are_never_rejected(sim, clock, withheld):
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    call = sim.call(withheld, PRACTICE_NUMBER)
    assert call.bridged_to == KIM
    assert contact_for(call.call_sid)["from"] is None


def test_caller_id_in_another_format_still_matches_the_patient(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call("6175550199", PRACTICE_NUMBER)
    assert contact_for(call.call_sid)["patient"] == "pt-sam"


def test_spanish_speaking_patient_hears_spanish(sim):
    call = sim.call(ANA, PRACTICE_NUMBER)
    assert "peligro inmediato" in call.heard_by_caller[0]


def test_coaching_pause_skips_that_clinician_for_that_patient_only(sim, clock):
    with session_scope() as session:
        session.add(
            CoachingPause(
                clinician_id="dr-lee", patient_id="pt-sam", until=clock.at + timedelta(hours=24)
            )
        )
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.dialled == [PATEL]


def test_clinicians_see_the_practice_number_not_the_patients(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    dial = call.first_twiml.find("Dial")
    assert dial is not None
    assert dial.get("callerId") == PRACTICE_NUMBER


def test_no_patient_data_in_any_url_twilio_fetches_S7(sim):
    sim.phone(LEE).voicemail()
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    paths = [request.path for request in call.requests]
    assert len(paths) >= 6
    for path in paths:
        for secret in ("5550", "Sam", "Rivera", "pt-sam", "dr-"):
            assert secret not in path, path


def test_caller_who_hangs_up_before_reaching_anyone_gets_an_urgent_follow_up(sim, clock):
    call = sim.call(SAM, PRACTICE_NUMBER, hang_up_after_seconds=10)
    assert call.ended_by == "caller"
    contact = contact_for(call.call_sid)
    assert contact["outcome"] == "abandoned"
    assert contact["follow_up"]["urgent"] is True
    assert contact["follow_up"]["due"] <= clock.at
    assert contact["ended_at"] is not None


def test_every_call_opens_a_follow_up_for_the_first_care_team_clinician_next_weekday_8am(sim):
    sim.phone(PATEL).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    follow = contact_for(call.call_sid)["follow_up"]
    assert follow["assignee"] == "dr-lee"  # first of the care team, not who answered
    # Wednesday 21:00 New York: due Thursday 08:00 EST = 13:00 UTC.
    assert follow["due"] == datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
    assert follow["status"] == "open"
    assert follow["urgent"] is False


def test_status_callback_records_end_and_duration(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    contact = contact_for(call.call_sid)
    assert contact["ended_at"] is not None
    assert contact["duration_s"] == int(call.duration) or contact["duration_s"] is not None


# S5: nothing lost, nothing twice -------------------------------------------------------


def test_retried_incoming_call_webhook_is_one_contact_S5(sim):
    sid = "CA" + "3" * 32
    params = {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER}
    first = sim.post("/twilio/voice", params)
    before = contact_for(sid)
    again = sim.post("/twilio/voice", params)
    assert again.status_code == 200
    assert again.text == first.text  # the same answer: greeting, then the same clinician
    assert contact_count() == 1
    assert contact_for(sid)["events"] == before["events"]


def test_retried_dial_action_does_not_skip_a_clinician_S5(sim):
    sid = "CA" + "4" * 32
    sim.post("/twilio/voice", {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER})
    contact_id = contact_for(sid)["id"]
    action = {"CallSid": sid, "From": SAM, "To": PRACTICE_NUMBER, "DialCallStatus": "no-answer"}
    first = sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
    again = sim.post(f"/twilio/voice/next?c={contact_id}&n=0", action)
    assert PATEL in first.text
    assert again.text == first.text  # the same next step, not the one after
    events = contact_for(sid)["events"]
    assert events.count("dialled") == 2
    assert events.count("no_answer") == 1


def test_a_call_that_ended_is_not_restarted_by_a_late_retry_S5(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    late = sim.redeliver(call, 0)
    assert late.status_code == 200
    assert "<Dial" not in late.text
    assert contact_count() == 1


def test_retried_status_callback_is_recorded_once_S5(sim):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    status = call.requests_to("/twilio/status")[0]
    sim.post(status.path, status.params)
    assert contact_for(call.call_sid)["events"].count("ended") == 1


# S6: only Twilio speaks for Twilio ----------------------------------------------------

INCOMING = {"CallSid": "CA" + "1" * 32, "From": SAM, "To": PRACTICE_NUMBER}


def test_unsigned_webhook_gets_403_and_changes_nothing_S6(sim):
    response = sim.post("/twilio/voice", INCOMING, sign=False)
    assert response.status_code == 403
    assert contact_count() == 0


def test_webhook_signed_with_another_token_gets_403_S6(sim):
    response = sim.post("/twilio/voice", INCOMING, token="not-the-token")
    assert response.status_code == 403
    assert contact_count() == 0


def test_webhook_with_a_tampered_field_gets_403_S6(sim, client):
    url = "http://testserver/twilio/voice"
    signature = sign(sim.auth_token, url, list(INCOMING.items()))
    tampered = dict(INCOMING, From=STRANGER)
    response = client.post(
        "/twilio/voice", data=tampered, headers={"X-Twilio-Signature": signature}
    )
    assert response.status_code == 403
    assert contact_count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/twilio/voice/screen?c=x&n=0",
        "/twilio/voice/screen/answer?c=x&n=0",
        "/twilio/voice/next?c=x&n=0",
        "/twilio/voice/crisis?c=x&a=1",
        "/twilio/status",
        "/twilio/voice/fallback",
    ],
)
def test_every_webhook_refuses_unsigned_requests_S6(sim, path):
    assert sim.post(path, INCOMING, sign=False).status_code == 403


def test_signature_is_checked_against_the_public_url_S6(sim, client):
    """Behind a proxy the app sees http://internal; Twilio signed PUBLIC_BASE_URL."""
    wrong = sign(sim.auth_token, "http://internal:8000/twilio/voice", list(INCOMING.items()))
    response = client.post("/twilio/voice", data=INCOMING, headers={"X-Twilio-Signature": wrong})
    assert response.status_code == 403
