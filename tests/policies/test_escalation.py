"""The escalation ladder for texts (S4): properties over any policy, route and event log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from policies.escalation import (
    ANSWERS,
    SWEEP_GRACE,
    ack_timeout,
    answered_since,
    is_overdue,
    next_in_round,
    next_thread_code,
)
from policies.policy import PracticePolicy
from policies.triage import Risk

timeouts = st.integers(min_value=30, max_value=86_400)
ids = st.text(alphabet="abcdefgh", min_size=1, max_size=3)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
waits = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=2))


@given(timeouts, timeouts)
def test_a_high_risk_text_waits_the_high_risk_timeout_and_others_the_usual(
    usual: int, high: int
) -> None:
    policy = PracticePolicy(sms_ack_timeout_s=usual, high_risk_ack_timeout_s=high)
    assert ack_timeout(policy, Risk.HIGH) == timedelta(seconds=high)
    assert ack_timeout(policy, "high") == timedelta(seconds=high)
    assert ack_timeout(policy, Risk.ROUTINE) == timedelta(seconds=usual)


@given(st.lists(ids, unique=True), st.sets(ids))
def test_the_next_in_round_is_the_first_of_the_route_not_yet_tried(
    plan: list[str], tried: set[str]
) -> None:
    chosen = next_in_round(plan, tried)
    left = [clinician for clinician in plan if clinician not in tried]
    if not left:
        assert chosen is None
    else:
        assert chosen == left[0]
        assert chosen not in tried


@given(st.lists(ids, unique=True))
def test_a_round_tries_each_clinician_once_in_route_order(plan: list[str]) -> None:
    tried: set[str] = set()
    order = []
    while (chosen := next_in_round(plan, tried)) is not None:
        order.append(chosen)
        tried.add(chosen)
    assert order == plan


@given(instants, waits, waits)
def test_a_wait_is_overdue_exactly_from_its_end_plus_the_grace(
    since: datetime, wait: timedelta, later: timedelta
) -> None:
    end = since + wait + SWEEP_GRACE
    assert is_overdue(since, wait, end + later)
    if later > timedelta(0):
        assert not is_overdue(since, wait, end - later)


kinds = st.sampled_from(["text_received", "relayed", "clinician_replied", "page_accepted", "x"])
events = st.lists(st.tuples(st.sampled_from(["text:a", "text:b", "k", ""]), kinds), max_size=12)


@given(events)
def test_an_answer_counts_only_after_the_text_it_answers(log: list[tuple[str, str]]) -> None:
    expected = False
    seen = False
    for key, kind in log:
        seen = seen or key == "text:a"
        if seen and key != "text:a" and kind in ANSWERS:
            expected = True
            break
    assert answered_since(log, "a") is expected


@given(events)
def test_nothing_logged_before_the_text_answers_it(log: list[tuple[str, str]]) -> None:
    before = [(key, kind) for key, kind in log if key != "text:a"]
    assert not answered_since(before, "a")


@given(st.sets(st.integers(min_value=1, max_value=40)))
def test_a_new_thread_code_is_the_smallest_free_one(used: set[int]) -> None:
    code = next_thread_code(used)
    assert code >= 1
    assert code not in used
    assert all(smaller in used for smaller in range(1, code))
