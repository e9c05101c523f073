"""The contact log and route API (SPEC §9), with S8: least privilege, every read audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from router.api import contacts as contacts_api
from router.core.db import reset_caches, session_scope
from router.store.models import AuditEntry
from router.store.repositories import audit, tokens
from tests.clinic import (
    ANA,
    CHEN,
    DEAD_DATABASE,
    KIM,
    LEE,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
    WEDNESDAY_9PM,
)


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    """Wednesday 21:00 in New York, with the test roster loaded."""


def bearer(user_id: str) -> dict[str, str]:
    with session_scope() as session:
        return {"Authorization": f"Bearer {tokens.issue(session, user_id)}"}


@pytest.fixture
def night_of_calls(sim, clock) -> dict[str, str]:
    """Sam reaches Dr Lee; Ana (Dr Chen's) gets the crisis line; a stranger reaches Dr Kim."""
    sim.phone(LEE).answers_and_presses("1")
    sam = sim.call(SAM, PRACTICE_NUMBER).call_sid
    clock.advance(minutes=30)
    sim.phone(CHEN).no_answer()
    ana = sim.call(ANA, PRACTICE_NUMBER).call_sid
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    stranger = sim.call(STRANGER, PRACTICE_NUMBER).call_sid
    return {"sam": sam, "ana": ana, "stranger": stranger}


def test_contacts_need_a_bearer_token_S8(client):
    assert client.get("/api/v1/contacts").status_code == 401
    bad = client.get("/api/v1/contacts", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401


def test_supervisor_sees_every_contact_of_the_practice_with_every_field(client, night_of_calls):
    response = client.get("/api/v1/contacts", headers=bearer("sup-ortiz"))
    assert response.status_code == 200
    contacts = {c["sid"]: c for c in response.json()}
    assert set(contacts) == set(night_of_calls.values())
    sam = contacts[night_of_calls["sam"]]
    for key in (
        "id",
        "sid",
        "channel",
        "patient",
        "from",
        "started_at",
        "ended_at",
        "outcome",
        "connected_to",
        "events",
        "follow_up",
    ):
        assert key in sam
    assert sam["channel"] == "voice"
    assert sam["patient"] == "pt-sam"
    assert sam["from"] == SAM
    assert sam["outcome"] == "connected"
    assert sam["connected_to"] == "dr-lee"
    assert all({"at", "type"} <= set(event) for event in sam["events"])
    assert sam["follow_up"]["status"] == "open"
    assert sam["follow_up"]["assignee"] == "dr-lee"
    stranger = contacts[night_of_calls["stranger"]]
    assert stranger["patient"] is None
    assert stranger["connected_to"] == "dr-kim"


def test_clinician_sees_only_their_own_patients_contacts_S8(client, night_of_calls):
    mine = client.get("/api/v1/contacts", headers=bearer("dr-chen")).json()
    assert [c["sid"] for c in mine] == [night_of_calls["ana"]]


def test_clinician_sees_the_calls_they_took_on_duty_S8(client, night_of_calls):
    taken = client.get("/api/v1/contacts", headers=bearer("dr-kim")).json()
    assert [c["sid"] for c in taken] == [night_of_calls["stranger"]]


def test_every_read_of_the_contact_log_is_audited_S8(client, night_of_calls):
    headers = bearer("dr-lee")
    client.get("/api/v1/contacts", headers=headers)
    client.get("/api/v1/contacts?outcome=connected", headers=headers)
    with session_scope() as session:
        reads = list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == "contacts.read"))
        )
        assert [entry.actor for entry in reads] == ["dr-lee", "dr-lee"]
        assert reads[1].detail["filters"]["outcome"] == "connected"
        assert audit.verify(session).ok


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("patient=pt-sam", {"sam"}),
        ("outcome=crisis_line", {"ana"}),
        ("outcome=connected", {"sam", "stranger"}),
        ("clinician=dr-chen", {"ana"}),
        ("clinician=dr-kim", {"stranger"}),
        ("follow_up=open", {"sam", "ana", "stranger"}),
        ("follow_up=done", set()),
    ],
)
def test_contact_filters(client, night_of_calls, query, expected):
    found = client.get(f"/api/v1/contacts?{query}", headers=bearer("sup-ortiz")).json()
    assert {c["sid"] for c in found} == {night_of_calls[name] for name in expected}


def test_since_and_until_filter_by_start_time(client, night_of_calls):
    headers = bearer("sup-ortiz")
    since = (WEDNESDAY_9PM + timedelta(minutes=10)).isoformat()
    until = (WEDNESDAY_9PM + timedelta(hours=2)).isoformat()
    found = client.get(
        "/api/v1/contacts", params={"since": since, "until": until}, headers=headers
    ).json()
    assert [c["sid"] for c in found] == [night_of_calls["ana"]]


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("since=yesterday", "since", "yesterday"),
        ("until=2026-13-01", "until", "2026-13-01"),
        ("outcome=lost", "outcome", "lost"),
        ("follow_up=maybe", "follow_up", "maybe"),
    ],
)
def test_bad_filters_get_422_naming_the_field_and_value(client, query, field, value):
    response = client.get(f"/api/v1/contacts?{query}", headers=bearer("sup-ortiz"))
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"][-1] == field
    assert value in detail["msg"]


def test_route_api_answers_like_who_json(client):
    response = client.get(
        "/api/v1/patients/pt-sam/route",
        params={"at": "2026-11-25T21:00:00-05:00"},
        headers=bearer("sup-ortiz"),
    )
    assert response.status_code == 200
    assert response.json() == {
        "patient": "pt-sam",
        "at": "2026-11-25T21:00:00-05:00",
        "route": ["dr-lee", "dr-patel"],
        "crisis_line": "+16175550111",
    }


def test_route_api_refuses_a_malformed_time_with_422(client):
    response = client.get("/api/v1/patients/pt-sam/route?at=tonight", headers=bearer("dr-lee"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "at"


def test_clinician_cannot_read_the_route_of_someone_elses_patient_S8(client):
    response = client.get("/api/v1/patients/pt-ana/route", headers=bearer("dr-lee"))
    assert response.status_code == 403


def test_route_api_unknown_patient_is_404(client):
    response = client.get("/api/v1/patients/pt-nobody/route", headers=bearer("sup-ortiz"))
    assert response.status_code == 404


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


def test_readiness_fails_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", DEAD_DATABASE)
    reset_caches()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"].startswith("unreachable")
    assert client.get("/healthz").status_code == 200


def test_openapi_is_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/v1/contacts" in paths
    assert "/api/v1/patients/{patient_id}/route" in paths


def test_a_clinician_pauses_coaching_for_one_patient_and_it_is_audited(client, clock):
    headers = bearer("dr-lee")
    until = (clock.at + timedelta(hours=24)).isoformat()
    response = client.post("/api/v1/patients/pt-sam/pause", json={"until": until}, headers=headers)
    assert response.status_code == 201
    route = client.get("/api/v1/patients/pt-sam/route", headers=headers).json()["route"]
    assert route == ["dr-patel"]
    with session_scope() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "pause.create")).one()
        assert entry.actor == "dr-lee"
        assert audit.verify(session).ok


def test_a_clinician_cannot_pause_another_clinician_S8(client, clock):
    until = (clock.at + timedelta(hours=24)).isoformat()
    response = client.post(
        "/api/v1/patients/pt-sam/pause",
        json={"until": until, "clinician": "dr-patel"},
        headers=bearer("dr-lee"),
    )
    assert response.status_code == 403


def test_a_pause_in_the_past_is_refused_naming_the_field(client, clock):
    response = client.post(
        "/api/v1/patients/pt-sam/pause",
        json={"until": (clock.at - timedelta(hours=1)).isoformat()},
        headers=bearer("dr-lee"),
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "until"


def test_openapi_describes_what_each_endpoint_returns(client):
    document = client.get("/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]

    def returns(path: str, method: str, status: str) -> dict:
        content = paths[path][method]["responses"][status]["content"]["application/json"]
        return content["schema"]

    assert returns("/api/v1/contacts", "get", "200")["items"]["$ref"].endswith("/ContactOut")
    assert returns("/api/v1/messages", "get", "200")["items"]["$ref"].endswith("/MessageOut")
    route = returns("/api/v1/patients/{patient_id}/route", "get", "200")
    assert route["$ref"].endswith("/RouteOut")
    pause = returns("/api/v1/patients/{patient_id}/pause", "post", "201")
    assert pause["$ref"].endswith("/PauseOut")
    contact = schemas["ContactOut"]["properties"]
    assert {"from", "to", "channel", "outcome", "events", "follow_up"} <= set(contact)
    assert "from_" not in contact
    assert "from" in schemas["MessageOut"]["properties"]
    assert set(schemas["RouteOut"]["properties"]) == {"patient", "at", "route", "crisis_line"}


def test_an_event_leaves_out_clinician_and_detail_when_it_has_none(client, night_of_calls):
    contacts = client.get("/api/v1/contacts", headers=bearer("sup-ortiz")).json()
    events = [event for contact in contacts for event in contact["events"]]
    assert any("clinician" not in event for event in events)
    assert all(event.get("clinician", "x") is not None for event in events)
    assert all(event.get("detail", {"x": 1}) for event in events)


# --- a read is answered only after its audit entry has committed (issue 11) ----------------


def _audit_write_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT INTO audit_log", {}, Exception("disk I/O error"))

    monkeypatch.setattr(audit, "append", refuse)


def _committed_reads() -> int:
    """Counted in a session of its own: what is durable, not what the request's session sees."""
    with session_scope() as session:
        query = select(AuditEntry).where(AuditEntry.action == "contacts.read")
        return len(list(session.scalars(query)))


def test_a_read_whose_audit_entry_cannot_be_written_fails_and_shows_nothing_S8(
    client, night_of_calls, monkeypatch
):
    headers = bearer("sup-ortiz")
    _audit_write_fails(monkeypatch)
    refused = client.get("/api/v1/contacts", headers=headers)
    assert refused.status_code == 503
    assert set(refused.json()) == {"detail"}
    assert "audit" in refused.json()["detail"]
    for secret in (*night_of_calls.values(), SAM, ANA, STRANGER, "pt-sam", "dr-lee"):
        assert secret not in refused.text
    monkeypatch.undo()
    assert _committed_reads() == 0


def test_a_read_is_answered_only_after_its_audit_entry_has_committed_S8(
    client, night_of_calls, monkeypatch
):
    """The rows are turned into the answer only once the entry is durable: a second session
    sees it before the first contact is written out (SQLite: before the request's session
    takes the database again)."""
    headers = bearer("sup-ortiz")
    durable_when_answered: list[int] = []
    write_out = contacts_api.contact_out

    def watched(session, contact):  # type: ignore[no-untyped-def]
        if not durable_when_answered:
            durable_when_answered.append(_committed_reads())
        return write_out(session, contact)

    monkeypatch.setattr(contacts_api, "contact_out", watched)
    response = client.get("/api/v1/contacts", headers=headers)
    assert response.status_code == 200
    assert len(response.json()) == 3
    assert durable_when_answered == [1]
