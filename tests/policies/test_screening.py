"""S2 as a property: the dial status never makes a leg accepted; only the digit does."""

from hypothesis import given
from hypothesis import strategies as st

from policies.screening import leg_result

STATUSES = st.sampled_from(["completed", "answered", "busy", "failed", "canceled", "no-answer", ""])
ANY_STATUS = st.one_of(STATUSES, st.text(max_size=20))


@given(answered=st.booleans(), declined=st.booleans(), status=ANY_STATUS)
def test_no_dial_status_accepts_a_leg(answered: bool, declined: bool, status: str) -> None:
    assert leg_result(answered, declined, status) != "accepted"


@given(answered=st.booleans(), status=ANY_STATUS)
def test_a_declined_leg_stays_declined_whatever_twilio_reports(answered: bool, status: str) -> None:
    assert leg_result(answered, True, status) == "declined"


@given(status=ANY_STATUS)
def test_an_answered_leg_without_the_digit_is_not_accepted(status: str) -> None:
    assert leg_result(True, False, status) == "not_accepted"


def test_completed_alone_is_a_voicemail_or_silence_not_an_answer() -> None:
    assert leg_result(True, False, "completed") == "not_accepted"
    assert leg_result(False, False, "completed") == "no_answer"


def test_unanswered_legs_say_why() -> None:
    assert leg_result(False, False, "busy") == "busy"
    assert leg_result(False, False, "failed") == "failed"
    assert leg_result(False, False, "canceled") == "canceled"
    assert leg_result(False, False, "no-answer") == "no_answer"
