"""Cover requests end to end (SPEC §11): ask, the colleague's text, accept or decline by API or
by text; the colleague on call for exactly that stretch, in the asker's place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.oncall import ical
from router.oncall.cover import CoverAnswer, answer_cover_by_text, parse_cover_answer
from router.oncall.coverage import gaps_for
from router.store.models import AuditEntry, Clinician, CoverRequest, OutboundMessage, Practice
from tests.api.staff import bearer, load_two_practices, window_id
from tests.clinic import KIM, LEE, SATURDAY_10AM
from tests.roster_files import route

THURSDAY = "2026-11-26T17:00:00-05:00"
THURSDAY_9PM = datetime(2026, 11, 27, 2, 0, tzinfo=UTC)
THURSDAY_1101PM = datetime(2026, 11, 27, 4, 1, tzinfo=UTC)
FRIDAY_9PM = datetime(2026, 11, 28, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _practices(database_url: str, clock) -> None:
    load_two_practices()


def ask(client, user: str, owner: str, to: str, at: str = THURSDAY):
    return client.post(
        f"/api/v1/windows/{window_id(owner)}/cover", json={"to": to, "at": at}, headers=bearer(user)
    )


def texts(purpose: str) -> list[OutboundMessage]:
    with session_scope() as session:
        return list(
            session.scalars(select(OutboundMessage).where(OutboundMessage.purpose == purpose))
        )


def actions() -> list[str]:
    with session_scope() as session:
        return [
            e.action
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if e.action.startswith("cover.")
        ]


def test_an_accepted_cover_puts_the_colleague_in_the_askers_place(client) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim")
    assert asked.status_code == 201, asked.text
    body = asked.json()
    assert (body["from"], body["to"], body["status"]) == ("dr-lee", "dr-kim", "pending")
    assert body["until"] == "2026-11-27T04:00:00+00:00"
    (text,) = texts("cover_request")
    assert text.to_number == KIM
    assert "Dana Lee asks you to cover on call Thu 26 Nov 17:00 to Thu 26 Nov 23:00" in (
        text.body or ""
    )
    assert route("pt-sam", THURSDAY_9PM) == ["dr-lee", "dr-patel"]

    accepted = client.post(f"/api/v1/cover-requests/{body['id']}/accept", headers=bearer("dr-kim"))
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    # Kim takes Lee's place for Sam; she is not on duty, so Jo (Patel's) is unchanged.
    assert route("pt-sam", THURSDAY_9PM) == ["dr-kim", "dr-patel"]
    assert route("pt-jo", THURSDAY_9PM) == ["dr-patel"]
    # Exactly that stretch: a minute after it, and the next night, Lee is back.
    assert route("pt-sam", THURSDAY_1101PM) == ["dr-patel"]
    assert route("pt-sam", FRIDAY_9PM) == ["dr-lee", "dr-patel"]
    (told,) = texts("cover_answer")
    assert told.to_number == LEE
    assert actions() == ["cover.request", "cover.accept"]


def test_covering_a_duty_window_puts_the_colleague_on_duty(client) -> None:
    assert route("pt-jo", SATURDAY_10AM) == ["dr-kim"]
    asked = ask(client, "dr-kim", "dr-kim", "dr-chen", "2026-11-28T08:00:00-05:00").json()
    assert asked["duty"] is True
    client.post(f"/api/v1/cover-requests/{asked['id']}/accept", headers=bearer("dr-chen"))
    assert route("pt-jo", SATURDAY_10AM) == ["dr-chen"]
    assert route("pt-sam", SATURDAY_10AM) == ["dr-chen"]


def test_a_declined_cover_changes_nothing(client) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim").json()
    declined = client.post(
        f"/api/v1/cover-requests/{asked['id']}/decline", headers=bearer("dr-kim")
    )
    assert declined.json()["status"] == "declined"
    assert route("pt-sam", THURSDAY_9PM) == ["dr-lee", "dr-patel"]
    again = client.post(f"/api/v1/cover-requests/{asked['id']}/accept", headers=bearer("dr-kim"))
    assert again.status_code == 409
    assert actions() == ["cover.request", "cover.decline"]


def test_the_colleague_answers_by_texting_the_code(client, clock) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim").json()
    with session_scope() as session:
        request = session.get(CoverRequest, asked["id"])
        assert request is not None
        code = request.code
    assert code in (texts("cover_request")[0].body or "")
    with session_scope() as session:
        kim = session.get(Clinician, "dr-kim")
        assert kim is not None
        assert answer_cover_by_text(session, kim, "what?", clock()) is None
        unknown = answer_cover_by_text(session, kim, "yes 0000", clock())
        assert "No open cover request" in (unknown or "")
        reply = answer_cover_by_text(session, kim, f"YES {code}", clock())
    assert reply is not None
    assert "on call" in reply
    assert route("pt-sam", THURSDAY_9PM) == ["dr-kim", "dr-patel"]
    with session_scope() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "cover.accept")).one()
        assert entry.detail["by"] == "text"


def test_the_stretch_a_colleague_covers_is_no_coverage_gap(client) -> None:
    # Chen (Ana's only clinician) is on 18:00-22:00 Chicago; Kim takes Thursday's.
    start, end = datetime(2026, 11, 27, 0, tzinfo=UTC), datetime(2026, 11, 27, 4, tzinfo=UTC)

    def ana_gaps() -> list[tuple[datetime, datetime]]:
        with session_scope() as session:
            practice = session.get(Practice, "riverside")
            assert practice is not None
            found = gaps_for(session, practice, start, end)
        return [(g.start, g.end) for g in found if "pt-ana" in g.patients]

    assert ana_gaps() == []
    asked = ask(client, "dr-chen", "dr-chen", "dr-kim", "2026-11-26T18:00:00-06:00").json()
    client.post(f"/api/v1/cover-requests/{asked['id']}/accept", headers=bearer("dr-kim"))
    assert route("pt-ana", datetime(2026, 11, 27, 1, tzinfo=UTC)) == ["dr-kim"]
    assert ana_gaps() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "dr-kim", "at": "2026-11-26T18:00:00-05:00"}, "at"),  # not a start
        ({"to": "dr-kim", "at": "Thursday"}, "at"),
        ({"to": "dr-kim", "at": "2026-11-24T17:00:00-05:00"}, "at"),  # already over
        ({"to": "dr-nobody", "at": THURSDAY}, "to"),
        ({"to": "dr-wu", "at": THURSDAY}, "to"),
        ({"to": "dr-lee", "at": THURSDAY}, "to"),
        ({"to": "dr-kim", "at": THURSDAY, "note": "pls"}, "note"),
    ],
)
def test_a_bad_cover_request_is_refused_naming_the_field(client, body, field) -> None:
    response = client.post(
        f"/api/v1/windows/{window_id('dr-lee')}/cover", json=body, headers=bearer("dr-lee")
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert texts("cover_request") == []
    assert actions() == []


MATRIX = [
    # (asker, window owner, status of the ask)
    ("dr-lee", "dr-lee", 201),
    ("dr-lee", "dr-patel", 403),
    ("dr-lee", "dr-wu", 404),
    ("sup-ortiz", "dr-lee", 201),
    ("adm-ray", "dr-lee", 201),
    ("sup-hale", "dr-lee", 404),
    ("adm-hale", "dr-lee", 404),
]


@pytest.mark.parametrize(("caller", "owner", "expected"), MATRIX)
def test_the_cover_ask_access_matrix_S8(client, caller, owner, expected) -> None:
    at = THURSDAY if owner != "dr-patel" else "2026-11-26T18:00:00-05:00"
    response = ask(client, caller, owner, "dr-kim", at)
    assert response.status_code == expected, response.text


@pytest.mark.parametrize(
    ("caller", "expected"),
    [("dr-kim", 200), ("dr-lee", 403), ("sup-ortiz", 403), ("sup-hale", 404), ("dr-wu", 404)],
)
def test_only_the_colleague_asked_can_answer_S8(client, caller, expected) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim").json()
    response = client.post(f"/api/v1/cover-requests/{asked['id']}/accept", headers=bearer(caller))
    assert response.status_code == expected, response.text
    assert (
        client.post("/api/v1/cover-requests/999/accept", headers=bearer(caller)).status_code == 404
    )


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("YES 4821", CoverAnswer("4821", True)),
        ("4821 no", CoverAnswer("4821", False)),
        ("cover 4821 yes", CoverAnswer("4821", True)),
        ("  decline #4821. ", CoverAnswer("4821", False)),
        ("yes", None),
        ("ON until 23:00", None),
        ("#2 yes I can call you back", None),
        ("yes 48211", None),
    ],
)
def test_a_cover_answer_by_text_is_read_strictly(text, answer) -> None:
    assert parse_cover_answer(text) == answer


def test_a_cover_ends_when_the_colleague_leaves_the_practice(client) -> None:
    from tests.roster_files import RIVERSIDE, load, without_clinician

    asked = ask(client, "dr-lee", "dr-lee", "dr-kim").json()
    client.post(f"/api/v1/cover-requests/{asked['id']}/accept", headers=bearer("dr-kim"))
    assert route("pt-sam", THURSDAY_9PM) == ["dr-kim", "dr-patel"]
    load(without_clinician(RIVERSIDE, "dr-kim"))
    # Nobody would stand in: Lee's time off for the stretch is lifted.
    assert route("pt-sam", THURSDAY_9PM) == ["dr-lee", "dr-patel"]
    with session_scope() as session:
        request = session.get(CoverRequest, asked["id"])
        assert request is not None
        assert request.status == "cancelled"


def test_cover_requests_are_listed_for_those_they_concern_S8(client) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim").json()

    def ids(user: str, query: str = "") -> list[int]:
        response = client.get(f"/api/v1/cover-requests{query}", headers=bearer(user))
        assert response.status_code == 200, response.text
        return [r["id"] for r in response.json()]

    assert ids("dr-lee") == ids("dr-kim") == ids("sup-ortiz") == [asked["id"]]
    assert ids("dr-patel") == []
    assert ids("sup-hale") == []
    assert ids("dr-kim", "?status=accepted") == []
    bad = client.get("/api/v1/cover-requests?status=maybe", headers=bearer("dr-kim"))
    assert bad.status_code == 422


def test_an_accepted_cover_shows_in_both_calendars(client) -> None:
    asked = ask(client, "dr-lee", "dr-lee", "dr-kim")
    assert asked.status_code == 201, asked.text
    accepted = client.post(
        f"/api/v1/cover-requests/{asked.json()['id']}/accept", headers=bearer("dr-kim")
    )
    assert accepted.status_code == 200, accepted.text
    with session_scope() as session:
        kim, lee = session.get(Clinician, "dr-kim"), session.get(Clinician, "dr-lee")
        assert kim is not None
        assert lee is not None
        kims, lees = ical.feed(session, kim).decode(), ical.feed(session, lee).decode()
    assert "On call (covering)" in kims
    assert "Off call (covered by a colleague)" in lees
