"""urgent_due: an urgent follow-up is due at once, never later than it already was."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policies.followup import urgent_due

INSTANTS = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


@given(due=INSTANTS, now=INSTANTS)
def test_urgent_is_never_later_than_now_or_the_old_due(due: datetime, now: datetime) -> None:
    urgent = urgent_due(due, now)
    assert urgent <= now
    assert urgent <= due
    assert urgent in (due, now)


@given(due=INSTANTS, now=INSTANTS)
def test_marking_urgent_twice_changes_nothing(due: datetime, now: datetime) -> None:
    once = urgent_due(due, now)
    assert urgent_due(once, now) == once


def test_a_follow_up_due_tomorrow_is_due_now() -> None:
    now = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)
    assert urgent_due(now + timedelta(hours=9), now) == now


def test_a_follow_up_already_overdue_keeps_its_time() -> None:
    now = datetime(2026, 6, 2, 9, 0, tzinfo=UTC)
    assert urgent_due(now - timedelta(hours=1), now) == now - timedelta(hours=1)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        urgent_due(datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 1))
