"""`/api/v1/pauses`: coaching pauses listed, made and ended early, with the S8 matrix cell by
cell (a clinician their own, supervisors and admins their practice's, another practice's not
there); refusals name the field and the value; ending early puts the clinician back on the
route at once, for `who` and for the next call."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.store.models import AuditEntry, CoachingPause, Contact
from tests.api.staff import bearer, load_two_practices
from tests.clinic import LEE, PATEL, PRACTICE_NUMBER, SAM, WEDNESDAY_9PM

TOMORROW = (WEDNESDAY_9PM + timedelta(hours=12)).isoformat()


@pytest.fixture
def practices(clock) -> None:
    load_two_practices()


def pause(client, user: str, **body: object):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/pauses",
        json={"patient": "pt-sam", "until": TOMORROW, **body},
        headers=bearer(user),
    )


def made(client, user: str, **body: object) -> int:
    response = pause(client, user, **body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def listed(client, user: str, query: str = "") -> set[int]:
    response = client.get(f"/api/v1/pauses{query}", headers=bearer(user))
    assert response.status_code == 200, response.text
    return {p["id"] for p in response.json()}


def route(client, patient: str = "pt-sam") -> list[str]:
    response = client.get(f"/api/v1/patients/{patient}/route", headers=bearer("sup-ortiz"))
    assert response.status_code == 200, response.text
    return list(response.json()["route"])


@pytest.mark.parametrize(
    ("user", "body", "status"),
    [
        ("dr-lee", {}, 201),  # a clinician pauses herself for her own patient
        ("dr-lee", {"clinician": "dr-patel"}, 403),  # ... never a colleague
        ("dr-chen", {}, 422),  # not on Sam's care team
        ("sup-ortiz", {"clinician": "dr-patel"}, 201),  # supervisors: anyone on the team
        ("adm-ray", {"clinician": "dr-lee"}, 201),  # admins too
        ("sup-hale", {"clinician": "dr-lee"}, 404),  # another practice's patient: not there
        ("dr-wu", {}, 404),
    ],
)
def test_who_may_pause_whom_S8(client, practices, user, body, status) -> None:
    response = pause(client, user, **body)
    assert response.status_code == status, response.text
    if status == 201:
        doc = response.json()
        assert doc["patient"] == "pt-sam"
        assert doc["active"] is True
        assert doc["ended_at"] is None


def test_each_role_lists_the_pauses_it_should_S8(client, practices) -> None:
    lee = made(client, "dr-lee")
    patel = made(client, "sup-ortiz", clinician="dr-patel")
    wu = made(client, "dr-wu", patient="pt-max")
    assert listed(client, "dr-lee") == {lee}
    assert listed(client, "dr-patel") == {patel}
    assert listed(client, "dr-chen") == set()
    assert listed(client, "sup-ortiz") == {lee, patel}
    assert listed(client, "adm-ray") == {lee, patel}
    assert listed(client, "sup-hale") == {wu}
    assert listed(client, "adm-hale", "?patient=pt-max") == {wu}


def test_pauses_filter_by_patient_and_active(client, practices, clock) -> None:
    lee = made(client, "dr-lee")
    short = made(
        client, "dr-patel", patient="pt-jo", until=(clock() + timedelta(hours=1)).isoformat()
    )
    assert listed(client, "sup-ortiz", "?patient=pt-jo") == {short}
    assert listed(client, "sup-ortiz", "?active=true") == {lee, short}
    clock.advance(hours=2)
    assert listed(client, "sup-ortiz", "?active=true") == {lee}
    assert listed(client, "sup-ortiz", "?active=false") == {short}


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("?active=maybe", 422, "active"),
        ("?colour=red", 422, "colour"),
        ("?patient=pt-nobody", 404, None),
        ("?patient=pt-max", 404, None),  # Harbor's patient, asked from Riverside
    ],
)
def test_bad_pause_filters_are_refused(client, practices, query, status, field) -> None:
    response = client.get(f"/api/v1/pauses{query}", headers=bearer("sup-ortiz"))
    assert response.status_code == status, response.text
    if field is not None:
        (problem,) = response.json()["detail"]
        assert problem["loc"][-1] == field


@pytest.mark.parametrize(
    ("body", "field", "value"),
    [
        ({"until": "2026-11-25T20:00:00-05:00"}, "until", "2026-11-25T20:00:00-05:00"),
        ({"until": "tomorrow"}, "until", "tomorrow"),
        ({"clinician": "dr-nobody"}, "clinician", "dr-nobody"),
        ({"colour": "red"}, "colour", "red"),
    ],
)
def test_bad_pauses_are_refused_naming_field_and_value(client, practices, body, field, value):
    response = pause(client, "sup-ortiz", **{"clinician": "dr-lee", **body})
    assert response.status_code == 422, response.text
    (problem,) = response.json()["detail"]
    assert problem["loc"][-1] == field
    assert problem["input"] == value
    assert listed(client, "sup-ortiz") == set()  # nothing changed


def test_an_unknown_patient_is_404(client, practices) -> None:
    assert pause(client, "sup-ortiz", patient="pt-nobody").status_code == 404


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("dr-lee", 200),  # her own
        ("dr-patel", 403),  # a colleague's: she sees it is there (same patient) but may not
        ("sup-ortiz", 200),
        ("adm-ray", 200),
        ("sup-hale", 404),  # another practice: not there
        ("dr-wu", 404),
    ],
)
def test_who_may_end_a_pause_S8(client, practices, user, status) -> None:
    lee = made(client, "dr-lee")
    response = client.post(f"/api/v1/pauses/{lee}/end", headers=bearer(user))
    assert response.status_code == status, response.text
    still = listed(client, "dr-lee", "?active=true")
    assert still == (set() if status == 200 else {lee})


def test_ending_twice_or_an_unknown_pause_is_refused(client, practices) -> None:
    lee = made(client, "dr-lee")
    assert client.post(f"/api/v1/pauses/{lee}/end", headers=bearer("dr-lee")).status_code == 200
    again = client.post(f"/api/v1/pauses/{lee}/end", headers=bearer("dr-lee"))
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"][-1] == "pause"
    assert client.post("/api/v1/pauses/9999/end", headers=bearer("dr-lee")).status_code == 404


def test_ending_early_is_audited_and_recorded(client, practices, clock) -> None:
    lee = made(client, "dr-lee")
    clock.advance(minutes=30)
    response = client.post(f"/api/v1/pauses/{lee}/end", headers=bearer("sup-ortiz"))
    doc = response.json()
    assert doc["active"] is False
    assert doc["ended_by"] == "sup-ortiz"
    assert doc["ended_at"] == doc["until"] == clock().isoformat()
    with session_scope() as session:
        actions = [
            (e.action, e.actor, e.detail.get("pause"))
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.in_(["pause.create", "pause.end"]))
                .order_by(AuditEntry.id)
            )
        ]
    assert actions == [("pause.create", "dr-lee", lee), ("pause.end", "sup-ortiz", lee)]


def next_call_route(sim) -> list[str]:  # type: ignore[no-untyped-def]
    sim.phone(LEE).answers_and_presses("1")
    sid = sim.call(SAM, PRACTICE_NUMBER).call_sid
    with session_scope() as session:
        contact = session.scalars(select(Contact).where(Contact.sid == sid)).one()
        return list(contact.route)


def test_ending_a_pause_early_puts_the_clinician_back_on_the_route_at_once(
    client, sim, practices, clock
) -> None:
    """Wednesday 21:00: Lee then Patel for Sam. Lee paused: Patel alone, for `who` and for a
    call; the pause ended: Lee is dialled first again on the very next call."""
    assert route(client) == ["dr-lee", "dr-patel"]
    lee = made(client, "dr-lee")
    assert route(client) == ["dr-patel"]
    sim.phone(PATEL).answers_and_presses("1")
    assert next_call_route(sim) == ["dr-patel"]
    clock.advance(minutes=10)
    assert client.post(f"/api/v1/pauses/{lee}/end", headers=bearer("dr-lee")).status_code == 200
    assert route(client) == ["dr-lee", "dr-patel"]
    assert next_call_route(sim) == ["dr-lee", "dr-patel"]
    with session_scope() as session:
        row = session.get(CoachingPause, lee)
        assert row is not None
        assert row.until == clock()
