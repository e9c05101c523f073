"""Values no row can match, refused before any query runs (found by the schema fuzz, issue 11):
on PostgreSQL a NUL character or an id past 32 bits was a 500 with a traceback."""

from __future__ import annotations

import pytest

from router.core.db import session_scope
from router.store.repositories import tokens


@pytest.fixture
def supervisor(roster: None, clock: object) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}


WEEKLY = {"days": ["mon"], "start": "17:00", "end": "23:00"}


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("get", "/api/v1/contacts?patient=pt-%00sam", None, ["query", "patient"]),
        ("get", "/api/v1/patients/pt-%00sam/route", None, ["path", "patient_id"]),
        ("post", "/api/v1/windows", {"clinician": "dr-\x00lee", **WEEKLY}, ["body", "clinician"]),
        (
            "post",
            "/api/v1/windows/1/cover",
            {"to": "\x00", "at": "2026-12-02T17:00"},
            ["body", "to"],
        ),
        ("patch", "/api/v1/follow-ups/1", {"assignee": "dr-\x00lee"}, ["body", "assignee"]),
    ],
)
def test_a_nul_character_is_a_422_naming_the_field(client, supervisor, method, path, body, field):
    sent = {} if body is None else {"json": body}
    refused = getattr(client, method)(path, headers=supervisor, **sent)
    assert refused.status_code == 422
    (problem,) = refused.json()["detail"]
    assert problem["loc"] == field
    assert "NUL" in problem["msg"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("patch", "/api/v1/windows/2147483648"),
        ("delete", "/api/v1/windows/-99999999999"),
        ("post", "/api/v1/cover-requests/38971780052196027006976/accept"),
        ("patch", "/api/v1/follow-ups/99999999999"),
    ],
)
def test_an_id_past_any_rows_is_not_there(client, supervisor, method, path):
    sent = {"json": {"start": "18:00"}} if method == "patch" else {}
    missing = getattr(client, method)(path, headers=supervisor, **sent)
    assert missing.status_code == 404
    assert set(missing.json()) == {"detail"}
