"""The one error root (router/core/errors.py) and reading what people type
(router/core/instants.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from router.core.errors import AfterhoursError, InputError, one_of
from router.core.instants import parse_instant

# the errors


def test_an_input_error_names_the_field_and_the_value() -> None:
    error = InputError("at", "tonight", "is not an ISO 8601 time")
    assert str(error) == "at 'tonight' is not an ISO 8601 time"
    assert (error.field, error.value, error.problem) == ("at", "tonight", "is not an ISO 8601 time")
    assert isinstance(error, AfterhoursError)


def test_one_of_lists_the_words_in_order_and_lets_none_pass() -> None:
    one_of("kind", None, ["sms", "call"])
    one_of("kind", "sms", ["sms", "call"])
    with pytest.raises(InputError, match=r"^kind 'fax' is not one of sms, call$"):
        one_of("kind", "fax", ["sms", "call"])


# instants


@pytest.mark.parametrize("blank", [None, ""])
def test_no_instant_is_none(blank: str | None) -> None:
    assert parse_instant("at", blank) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2026-11-25T21:00:00-05:00",
            datetime(2026, 11, 25, 21, tzinfo=timezone(-timedelta(hours=5))),
        ),
        ("2026-11-26T02:00:00Z", datetime(2026, 11, 26, 2, tzinfo=UTC)),
        ("2026-11-26T02:00:00", datetime(2026, 11, 26, 2, tzinfo=UTC)),
        ("2026-11-26 02:00", datetime(2026, 11, 26, 2, tzinfo=UTC)),
        # A query string's `+` arrives as a space.
        (
            "2026-11-25T21:00:00 05:00",
            datetime(2026, 11, 25, 21, tzinfo=timezone(timedelta(hours=5))),
        ),
    ],
)
def test_an_instant_without_an_offset_is_read_as_utc(text: str, expected: datetime) -> None:
    parsed = parse_instant("at", text)
    assert parsed == expected
    assert parsed is not None
    assert parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["tonight", "2026-13-01T10:00", "2026-11-25 25:00", "  "])
def test_a_malformed_instant_names_the_field_and_the_value(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_instant("since", text)
    assert refused.value.field == "since"
    assert refused.value.value == text
    assert str(refused.value).startswith(f"since {text!r} is not an ISO 8601 time like 2026-")
