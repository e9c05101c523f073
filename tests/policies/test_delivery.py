"""Delivery of queued texts and calls: the retry ladder and the message-status order."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from policies.delivery import (
    CALL_STATUS,
    FINAL,
    MAX_ATTEMPTS,
    STATUS_ORDER,
    call_status,
    next_status,
    retry_after,
)

attempts = st.integers(min_value=1, max_value=20)
statuses = st.sampled_from(sorted(STATUS_ORDER) + ["bogus", ""])


@given(attempts)
def test_a_permanent_error_is_never_tried_again(attempt: int) -> None:
    assert retry_after(attempt, permanent=True) is None


@given(attempts)
def test_temporary_errors_are_tried_until_the_attempts_are_used_up(attempt: int) -> None:
    wait = retry_after(attempt, permanent=False)
    assert (wait is None) is (attempt >= MAX_ATTEMPTS)


@given(st.integers(min_value=1, max_value=MAX_ATTEMPTS - 2))
def test_each_retry_waits_longer_than_the_one_before(attempt: int) -> None:
    first = retry_after(attempt, permanent=False)
    second = retry_after(attempt + 1, permanent=False)
    assert first is not None
    assert second is not None
    assert timedelta(0) < first < second


def test_the_ladder_makes_at_most_max_attempts_tries() -> None:
    tries = 1
    while retry_after(tries, permanent=False) is not None:
        tries += 1
    assert tries == MAX_ATTEMPTS


@given(statuses, statuses)
def test_a_status_callback_never_moves_a_message_back(current: str, reported: str) -> None:
    status = next_status(current, reported)
    if status is not None:
        assert current not in FINAL
        assert STATUS_ORDER[status] >= STATUS_ORDER.get(current, 0)


@given(statuses)
def test_a_final_status_is_kept_whatever_comes_later(reported: str) -> None:
    for final in FINAL:
        assert next_status(final, reported) is None


@given(statuses, statuses)
def test_the_same_callback_twice_changes_nothing_more(current: str, reported: str) -> None:
    once = next_status(current, reported) or current
    again = next_status(once, reported)
    assert again in (None, once)


def test_twilio_interim_words_are_logged_in_the_message_logs_own() -> None:
    assert next_status("queued", "accepted") == "queued"
    assert next_status("queued", "sending") == "sent"


@given(st.sampled_from(sorted(CALL_STATUS) + ["bogus"]))
def test_a_page_calls_status_is_one_the_message_log_knows(reported: str) -> None:
    status = call_status(reported)
    assert status is None or status in STATUS_ORDER
    assert (status == "delivered") is (reported == "completed")
