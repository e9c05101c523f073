"""`/api/v1/windows` (SPEC §11) with S8: clinicians for themselves, supervisors and admins
for their own practice; the roster's checks; every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.store.models import AuditEntry
from tests.api.staff import bearer, load_two_practices, window_id
from tests.clinic import THURSDAY_NOON, WEDNESDAY_9PM
from tests.conftest import load_roster
from tests.roster_files import route


@pytest.fixture(autouse=True)
def _practices(database_url: str, clock) -> None:
    load_two_practices()


def audit_actions() -> list[tuple[str, str | None]]:
    with session_scope() as session:
        return [
            (e.action, e.subject)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if e.action.startswith("window.")
        ]


WEEKLY = {"days": ["thu"], "start": "11:00", "end": "13:00"}


def test_a_clinician_adds_a_window_and_the_route_follows(client) -> None:
    assert route("pt-sam", THURSDAY_NOON) == []
    response = client.post(
        "/api/v1/windows", json={"clinician": "dr-lee", **WEEKLY}, headers=bearer("dr-lee")
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["source"] == "self"
    assert body["days"] == ["thu"]
    assert (body["start"], body["end"], body["duty"], body["off"]) == (
        "11:00",
        "13:00",
        False,
        False,
    )
    assert route("pt-sam", THURSDAY_NOON) == ["dr-lee"]
    assert audit_actions() == [("window.create", f"window:{body['id']}")]


def test_time_off_takes_a_clinician_off_call(client) -> None:
    assert route("pt-sam", WEDNESDAY_9PM) == ["dr-lee", "dr-patel"]
    response = client.post(
        "/api/v1/windows",
        json={"from": "2026-11-25T20:00", "to": "2026-11-25T22:00", "off": True},
        headers=bearer("dr-lee"),
    )
    assert response.status_code == 201, response.text
    assert response.json()["clinician"] == "dr-lee"
    assert route("pt-sam", WEDNESDAY_9PM) == ["dr-patel"]


def test_windows_list_mine_or_the_practices(client) -> None:
    mine = client.get("/api/v1/windows", headers=bearer("dr-lee")).json()
    assert {w["clinician"] for w in mine} == {"dr-lee"}
    assert mine[0]["source"] == "roster"
    everyone = client.get("/api/v1/windows", headers=bearer("sup-ortiz")).json()
    assert {w["clinician"] for w in everyone} == {"dr-lee", "dr-patel", "dr-kim", "dr-chen"}
    assert client.get("/api/v1/windows?clinician=dr-kim", headers=bearer("adm-ray")).json()[0][
        "duty"
    ]


def test_a_change_is_audited_with_before_and_after(client) -> None:
    lee = window_id("dr-lee")
    response = client.patch(
        f"/api/v1/windows/{lee}", json={"end": "22:00"}, headers=bearer("dr-lee")
    )
    assert response.status_code == 200, response.text
    assert response.json()["end"] == "22:00"
    assert response.json()["start"] == "17:00"
    with session_scope() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "window.update")
        ).one()
        assert entry.detail["before"]["end"] == "23:00"
        assert entry.detail["after"]["end"] == "22:00"


def test_a_weekly_window_becomes_one_off_when_given_from_and_to(client) -> None:
    lee = window_id("dr-lee")
    response = client.patch(
        f"/api/v1/windows/{lee}",
        json={"from": "2026-12-24T18:00", "to": "2026-12-26T08:00"},
        headers=bearer("dr-lee"),
    )
    assert response.status_code == 200, response.text
    assert "days" not in response.json()
    assert response.json()["from"] == "2026-12-24T18:00"


def test_a_deleted_window_is_gone_and_audited(client) -> None:
    lee = window_id("dr-lee")
    assert client.delete(f"/api/v1/windows/{lee}", headers=bearer("dr-lee")).status_code == 204
    assert route("pt-sam", WEDNESDAY_9PM) == ["dr-patel"]
    assert audit_actions() == [("window.delete", f"window:{lee}")]
    assert client.delete(f"/api/v1/windows/{lee}", headers=bearer("dr-lee")).status_code == 404


@pytest.mark.parametrize(
    ("entry", "field", "value"),
    [
        ({"days": ["thu"], "start": "11:00", "end": "11:00"}, "end", "11:00"),
        ({"days": ["funday"], "start": "11:00", "end": "13:00"}, "days", "funday"),
        ({"days": ["thu"], "start": "25:00", "end": "13:00"}, "start", "25:00"),
        ({"days": ["thu"], "start": "11:00"}, "end", None),
        ({"from": "2026-12-24T18:00", "to": "2026-12-24T08:00"}, "to", "2026-12-24T08:00"),
        ({"from": "Christmas", "to": "2026-12-24T08:00"}, "from", "Christmas"),
        ({**WEEKLY, "duty": "yes"}, "duty", "yes"),
        ({**WEEKLY, "colour": "red"}, "colour", "red"),
        ({**WEEKLY, "clinician": "dr-nobody"}, "clinician", "dr-nobody"),
    ],
)
def test_a_bad_window_is_refused_naming_the_field_and_value(client, entry, field, value) -> None:
    response = client.post("/api/v1/windows", json=entry, headers=bearer("dr-lee"))
    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", field]
    assert problem["input"] == value
    assert field in problem["msg"]
    if value is not None and field != "colour":
        assert repr(value) in problem["msg"]
    assert audit_actions() == []


def test_roster_reloads_leave_self_windows_alone(client) -> None:
    created = client.post("/api/v1/windows", json=WEEKLY, headers=bearer("dr-lee")).json()
    load_roster()
    listed = client.get("/api/v1/windows", headers=bearer("dr-lee")).json()
    assert created in listed


def test_an_unknown_filter_is_refused(client) -> None:
    response = client.get("/api/v1/windows?doctor=dr-lee", headers=bearer("sup-ortiz"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "doctor"]
    unknown = client.get("/api/v1/windows?clinician=dr-nobody", headers=bearer("sup-ortiz"))
    assert unknown.status_code == 404


# S8, cell by cell: who acts on whose window.
OWN, COLLEAGUE, OTHER_PRACTICE = "dr-lee", "dr-patel", "dr-wu"
MATRIX = [
    # (caller, window owner, expected status for PATCH/DELETE, for POST)
    ("dr-lee", OWN, 200, 201),
    ("dr-lee", COLLEAGUE, 403, 403),
    ("dr-lee", OTHER_PRACTICE, 404, 403),
    ("sup-ortiz", OWN, 200, 201),
    ("sup-ortiz", COLLEAGUE, 200, 201),
    ("sup-ortiz", OTHER_PRACTICE, 404, 403),
    ("adm-ray", OWN, 200, 201),
    ("adm-ray", OTHER_PRACTICE, 404, 403),
    ("dr-wu", OWN, 404, 403),
    ("sup-hale", OWN, 404, 403),
    ("adm-hale", OTHER_PRACTICE, 200, 201),
]


@pytest.mark.parametrize(("caller", "owner", "change", "create"), MATRIX)
def test_the_windows_access_matrix_S8(client, caller, owner, change, create) -> None:
    headers = bearer(caller)
    target = window_id(owner)
    patched = client.patch(f"/api/v1/windows/{target}", json={"end": "22:00"}, headers=headers)
    assert patched.status_code == change, patched.text
    created = client.post("/api/v1/windows", json={"clinician": owner, **WEEKLY}, headers=headers)
    assert created.status_code == create, created.text
    listed = client.get(f"/api/v1/windows?clinician={owner}", headers=headers)
    assert listed.status_code == {200: 200, 403: 403, 404: 404}[change]
    deleted = client.delete(f"/api/v1/windows/{target}", headers=headers)
    assert deleted.status_code == (204 if change == 200 else change)
    if change != 200:
        assert ("window.update", f"window:{target}") not in audit_actions()


def test_windows_need_a_bearer_token(client) -> None:
    assert client.get("/api/v1/windows").status_code == 401
    assert client.post("/api/v1/windows", json=WEEKLY).status_code == 401
