"""`/api/v1/follow-ups` (SPEC §11) with S8: clinicians for their own patients, supervisors
and admins for their practice; filters; every read and change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.store.models import AuditEntry, Contact, FollowUp
from tests.api.staff import bearer, load_two_practices
from tests.clinic import (
    ANA,
    CHEN,
    CRISIS_LINE,
    KIM,
    LEE,
    PRACTICE_NUMBER,
    SAM,
    SATURDAY_10AM,
    STRANGER,
)

HARBOR_NUMBER, WU, MAX = "+16175550120", "+16175550121", "+16175550129"


@pytest.fixture
def night(sim, clock, database_url) -> dict[str, int]:
    """Sam reaches Dr Lee, Ana the crisis line, a Harbor patient Dr Wu; Saturday a stranger
    reaches Dr Kim on duty. Returns each contact's follow-up id."""
    load_two_practices()
    sim.phone(LEE).answers_and_presses("1")
    sam = sim.call(SAM, PRACTICE_NUMBER).call_sid
    sim.phone(CHEN).no_answer()
    sim.phone(CRISIS_LINE).answers_and_presses()
    ana = sim.call(ANA, PRACTICE_NUMBER).call_sid
    sim.phone(WU).answers_and_presses("1")
    max_ = sim.call(MAX, HARBOR_NUMBER).call_sid
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    stranger = sim.call(STRANGER, PRACTICE_NUMBER).call_sid
    ids = {}
    with session_scope() as session:
        for name, sid in (("sam", sam), ("ana", ana), ("max", max_), ("stranger", stranger)):
            contact = session.scalars(select(Contact).where(Contact.sid == sid)).one()
            follow = session.scalars(
                select(FollowUp).where(FollowUp.contact_id == contact.id)
            ).one()
            ids[name] = follow.id
    return ids


def listed(client, user: str, query: str = "") -> set[int]:
    response = client.get(f"/api/v1/follow-ups{query}", headers=bearer(user))
    assert response.status_code == 200, response.text
    return {f["id"] for f in response.json()}


def test_each_role_sees_the_follow_ups_it_should_S8(client, night) -> None:
    assert listed(client, "dr-lee") == {night["sam"]}
    assert listed(client, "dr-patel") == {night["sam"]}
    assert listed(client, "dr-chen") == {night["ana"]}
    assert listed(client, "dr-kim") == {night["stranger"]}  # assigned to her on duty
    riverside = {night["sam"], night["ana"], night["stranger"]}
    assert listed(client, "sup-ortiz") == riverside
    assert listed(client, "adm-ray") == riverside
    assert listed(client, "sup-hale") == {night["max"]}
    assert listed(client, "dr-wu") == {night["max"]}


def test_follow_ups_carry_their_fields(client, night) -> None:
    response = client.get("/api/v1/follow-ups?patient=pt-sam", headers=bearer("sup-ortiz"))
    (sam,) = response.json()
    for key in ("id", "contact", "patient", "status", "assignee", "due", "overdue", "note"):
        assert key in sam
    assert (sam["patient"], sam["assignee"], sam["status"]) == ("pt-sam", "dr-lee", "open")


def test_follow_ups_filter_by_status_assignee_patient_and_overdue(client, night, clock) -> None:
    sup = "sup-ortiz"
    assert listed(client, sup, "?assignee=dr-chen") == {night["ana"]}
    assert listed(client, sup, "?patient=pt-ana") == {night["ana"]}
    assert listed(client, sup, "?status=done") == set()
    # Saturday 10:00: Wednesday night's follow-ups were due Thursday 08:00.
    assert listed(client, sup, "?overdue=true") == {night["sam"], night["ana"]}
    clock.advance(days=3)
    assert listed(client, sup, "?overdue=true") == {night["sam"], night["ana"], night["stranger"]}
    clock.advance(days=-6)
    assert listed(client, sup, "?overdue=true") == set()
    clock.advance(days=3)
    headers = bearer(sup)
    client.patch(f"/api/v1/follow-ups/{night['sam']}", json={"status": "done"}, headers=headers)
    assert listed(client, sup, "?status=done") == {night["sam"]}
    assert listed(client, sup, "?overdue=true") == {night["ana"]}


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("?status=closed", 422, "status"),
        ("?overdue=maybe", 422, "overdue"),
        ("?colour=red", 422, "colour"),
        ("?assignee=dr-nobody", 404, None),
        ("?assignee=dr-wu", 404, None),
        ("?patient=pt-nobody", 404, None),
        ("?patient=pt-max", 404, None),
    ],
)
def test_bad_follow_up_filters_are_refused(client, night, query, status, field) -> None:
    response = client.get(f"/api/v1/follow-ups{query}", headers=bearer("sup-ortiz"))
    assert response.status_code == status, response.text
    if field is not None:
        assert response.json()["detail"][0]["loc"] == ["query", field]


def test_a_clinician_closes_a_follow_up_with_a_note_and_it_is_audited(client, night, clock):
    response = client.patch(
        f"/api/v1/follow-ups/{night['sam']}",
        json={"status": "done", "note": "Called back; safe."},
        headers=bearer("dr-lee"),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "done"
    assert body["closed_by"] == "dr-lee"
    assert body["note"].endswith("dr-lee: Called back; safe.")
    clock.advance(minutes=5)
    again = client.patch(
        f"/api/v1/follow-ups/{night['sam']}", json={"note": "Texted too."}, headers=bearer("dr-lee")
    ).json()
    assert again["note"].count("\n") == 1
    with session_scope() as session:
        entries = list(
            session.scalars(select(AuditEntry).where(AuditEntry.action == "follow_up.update"))
        )
    assert len(entries) == 2
    assert entries[0].detail["after"]["status"] == "done"
    assert "Called back" not in str(entries[0].detail)  # the note stays out of the audit log


def test_a_follow_up_is_reassigned_within_the_practice_only(client, night) -> None:
    headers = bearer("sup-ortiz")
    url = f"/api/v1/follow-ups/{night['ana']}"
    moved = client.patch(url, json={"assignee": "dr-patel"}, headers=headers)
    assert moved.json()["assignee"] == "dr-patel"
    for bad in ("dr-wu", "dr-nobody", 7):
        refused = client.patch(url, json={"assignee": bad}, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "assignee"]
    for body, field in (
        ({"status": "closed"}, "status"),
        ({"note": ""}, "note"),
        ({"priority": 1}, "priority"),
    ):
        refused = client.patch(url, json=body, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"][-1] == field


# S8 cell by cell: (caller, whose follow-up, expected status of a PATCH).
MATRIX = [
    ("dr-lee", "sam", 200),  # own patient
    ("dr-lee", "ana", 403),  # a colleague's patient
    ("dr-lee", "max", 404),  # another practice
    ("sup-ortiz", "ana", 200),
    ("sup-ortiz", "max", 404),
    ("adm-ray", "stranger", 200),
    ("adm-ray", "max", 404),
    ("dr-wu", "max", 200),
    ("dr-wu", "sam", 404),
    ("sup-hale", "max", 200),
    ("sup-hale", "sam", 404),
    ("adm-hale", "ana", 404),
]


@pytest.mark.parametrize(("caller", "whose", "expected"), MATRIX)
def test_the_follow_ups_access_matrix_S8(client, night, caller, whose, expected) -> None:
    response = client.patch(
        f"/api/v1/follow-ups/{night[whose]}", json={"note": "seen"}, headers=bearer(caller)
    )
    assert response.status_code == expected, response.text
    with session_scope() as session:
        changed = session.get(FollowUp, night[whose])
        assert changed is not None
        assert (changed.note is not None) == (expected == 200)


def test_every_read_of_follow_ups_is_audited(client, night) -> None:
    client.get("/api/v1/follow-ups?status=open", headers=bearer("dr-lee"))
    with session_scope() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "follow_ups.read")
        ).one()
    assert entry.actor == "dr-lee"
    assert entry.detail["filters"] == {"status": "open"}
    assert len(entry.detail["contacts"]) == 1
