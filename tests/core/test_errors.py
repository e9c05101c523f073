"""The one error root (router/core/errors.py), read from what people type
(router/core/instants.py) and answered once by the API (router/api/errors.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from router.api.errors import install
from router.app import create_app
from router.core.db import session_scope
from router.core.errors import (
    AfterhoursError,
    Forbidden,
    InputError,
    MalformedWebhook,
    NotFound,
    one_of,
)
from router.core.instants import parse_instant
from router.roster.parse import RosterError
from router.store.repositories import tokens

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


def test_a_roster_error_is_an_input_error_with_its_message_unchanged() -> None:
    error = RosterError(["line 3: name is missing", "line 9: phone is missing"])
    assert isinstance(error, InputError)
    assert isinstance(error, ValueError)
    assert str(error) == "line 3: name is missing (and 1 more)"
    assert error.problems == ["line 3: name is missing", "line 9: phone is missing"]


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


# the API's answer


@pytest.fixture
def seen() -> list[str]:
    return []


@pytest.fixture
def api(seen: list[str]) -> TestClient:
    app = FastAPI()
    install(app)

    def unit_of_work() -> Iterator[None]:
        try:
            yield
            seen.append("commit")
        except BaseException:
            seen.append("rollback")
            raise

    @app.get("/input", dependencies=[Depends(unit_of_work)])
    def bad_input() -> None:
        raise InputError("until", "2026-13-01", "is not an ISO 8601 time")

    @app.get("/missing")
    def missing() -> None:
        raise NotFound("no patient 'pt-nobody' in your practice")

    @app.get("/forbidden")
    def forbidden() -> None:
        raise Forbidden("clinicians pause coaching only for themselves")

    @app.get("/malformed")
    def malformed() -> None:
        raise MalformedWebhook("a status callback without CallSid")

    return TestClient(app)


def test_an_input_error_is_a_422_naming_the_field_and_the_value(
    api: TestClient, seen: list[str]
) -> None:
    response = api.get("/input")
    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["query", "until"],
                "msg": "until '2026-13-01' is not an ISO 8601 time",
                "type": "value_error",
                "input": "2026-13-01",
            }
        ]
    }
    assert seen == ["rollback"]  # answered after the request's unit of work rolled back


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/missing", 404, "no patient 'pt-nobody' in your practice"),
        ("/forbidden", 403, "clinicians pause coaching only for themselves"),
        ("/malformed", 400, "a status callback without CallSid"),
    ],
)
def test_not_found_forbidden_and_malformed_have_their_status(
    api: TestClient, path: str, status: int, detail: str
) -> None:
    response = api.get(path)
    assert response.status_code == status
    assert response.json() == {"detail": detail}


def test_the_app_maps_errors_to_422_and_404_naming_the_field(roster: None) -> None:
    with session_scope() as session:
        headers = {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}
    app = create_app()
    with TestClient(app) as client:
        refused = client.get("/api/v1/contacts?outcome=lost", headers=headers)
        missing = client.get("/api/v1/patients/pt-nobody/route", headers=headers)
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": [
            {
                "loc": ["query", "outcome"],
                "msg": "outcome 'lost' is not one of connected, acknowledged, crisis_line, "
                "abandoned, open",
                "type": "value_error",
                "input": "lost",
            }
        ]
    }
    assert missing.status_code == 404
    assert missing.json() == {"detail": "no patient 'pt-nobody' in your practice"}
