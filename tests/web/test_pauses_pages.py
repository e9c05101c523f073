"""`/pauses`: a clinician's coaching pauses with an "end now" form and a new pause form for
her own patients; the supervisor sees the practice's. Through the pause service (S8, audit);
CSRF refused; bad input named, nothing changed; an ended pause is off the route at once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from router.core.db import session_scope
from router.store.models import AuditEntry, Clinician, CoachingPause
from tests.accounts.staff import csrf_of, give_password, sign_in
from tests.api.staff import bearer
from tests.conftest import load_roster

UNTIL = "2026-11-26T09:00"  # Thursday 09:00 in New York: 12 hours after the test's clock


@pytest.fixture(autouse=True)
def _practices(roster: None, clock: object) -> None:
    load_roster("roster_harbor.yaml")
    with session_scope() as session:
        member = session.get(Clinician, "dr-wu")
        assert member is not None
        member.role = "supervisor"  # Harbor's supervisor, for the other-practice cells


def signed_in(client, user: str):  # type: ignore[no-untyped-def]
    give_password(user)
    sign_in(client, user)
    return client


def post(client, path: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/pauses").text)
    return client.post(path, data={**data, "csrf": token}, follow_redirects=False)


def pauses_of(clinician_id: str) -> list[CoachingPause]:
    with session_scope() as session:
        return list(
            session.scalars(
                select(CoachingPause)
                .where(CoachingPause.clinician_id == clinician_id)
                .order_by(CoachingPause.id)
            )
        )


def route(client) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/patients/pt-sam/route", headers=bearer("sup-ortiz"))
    return list(response.json()["route"])


def test_the_home_page_links_the_pauses_page(client) -> None:
    signed_in(client, "dr-lee")
    home = client.get("/")
    assert '<a href="/pauses">My coaching pauses</a>' in home.text


def test_a_clinician_pauses_herself_for_her_patient_and_ends_it_now(client) -> None:
    signed_in(client, "dr-lee")
    page = client.get("/pauses")
    assert page.status_code == 200
    assert '<label for="patient">' in page.text
    assert '<label for="until">' in page.text
    assert 'name="clinician"' not in page.text  # a clinician pauses only herself
    assert "Sam Rivera" in page.text
    assert "Jo Park" not in page.text  # not her patient: not offered
    assert route(client) == ["dr-lee", "dr-patel"]
    made = post(client, "/pauses", {"patient": "pt-sam", "until": UNTIL})
    assert made.status_code == 303
    assert made.headers["location"] == "/pauses?m=paused"
    (paused,) = pauses_of("dr-lee")
    assert paused.until.isoformat() == "2026-11-26T14:00:00+00:00"  # 09:00 New York
    assert route(client) == ["dr-patel"]
    listing = client.get("/pauses?m=paused")
    assert "paused for you until Thu 26 Nov 09:00" in listing.text
    ended = post(client, f"/pauses/{paused.id}/end", {})
    assert ended.status_code == 303
    assert route(client) == ["dr-lee", "dr-patel"]  # rung again from the next call on
    after = client.get("/pauses?m=ended").text
    assert "Pause ended" in after
    assert "ended early" in after
    with session_scope() as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("pause.%")))
        )
    assert actions == ["pause.create", "pause.end"]


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({"patient": "pt-sam", "until": "soon"}, 422, "until 'soon'"),
        ({"patient": "pt-sam", "until": "2026-11-25T08:00"}, 422, "must be in the future"),
        ({"patient": "pt-jo", "until": UNTIL}, 422, "is not on pt-jo's care team"),
        ({"patient": "pt-max", "until": UNTIL}, 404, "no patient 'pt-max'"),  # Harbor's
        ({"patient": "", "until": UNTIL}, 422, "patient ''"),
        (
            {"patient": "pt-sam", "until": UNTIL, "clinician": "dr-patel"},
            403,
            "only for themselves",
        ),
    ],
)
def test_a_bad_pause_is_named_and_nothing_is_made(client, data, status, words) -> None:
    signed_in(client, "dr-lee")
    response = post(client, "/pauses", data)
    assert response.status_code == status
    assert words in response.text.replace("&#39;", "'")
    assert 'role="alert"' in response.text
    with session_scope() as session:
        assert list(session.scalars(select(CoachingPause.id))) == []


def test_a_form_without_its_csrf_token_changes_nothing(client) -> None:
    signed_in(client, "dr-lee")
    forged = client.post("/pauses", data={"patient": "pt-sam", "until": UNTIL, "csrf": "x"})
    assert forged.status_code == 403
    assert pauses_of("dr-lee") == []
    post(client, "/pauses", {"patient": "pt-sam", "until": UNTIL})
    (paused,) = pauses_of("dr-lee")
    refused = client.post(f"/pauses/{paused.id}/end", data={"csrf": "x"})
    assert refused.status_code == 403
    assert route(client) == ["dr-patel"]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("dr-lee", 303),  # her own pause
        ("dr-patel", 403),  # a colleague's
        ("sup-ortiz", 303),  # the practice's supervisor
        ("dr-wu", 404),  # another practice's supervisor: not there
    ],
)
def test_who_may_end_a_pause_on_the_page_S8(client, user, status) -> None:
    signed_in(client, "dr-lee")
    post(client, "/pauses", {"patient": "pt-sam", "until": UNTIL})
    (paused,) = pauses_of("dr-lee")
    if user != "dr-lee":
        client.cookies.clear()
        signed_in(client, user)
    response = post(client, f"/pauses/{paused.id}/end", {})
    assert response.status_code == status
    assert (route(client) == ["dr-lee", "dr-patel"]) is (status == 303)


def test_the_supervisor_sees_the_practice_and_pauses_a_clinician(client) -> None:
    signed_in(client, "dr-lee")
    post(client, "/pauses", {"patient": "pt-sam", "until": UNTIL})
    client.cookies.clear()
    signed_in(client, "sup-ortiz")
    page = client.get("/pauses")
    assert "paused for Dana Lee until" in page.text
    assert '<label for="clinician">' in page.text
    made = post(client, "/pauses", {"patient": "pt-jo", "until": UNTIL, "clinician": "dr-patel"})
    assert made.status_code == 303
    assert len(pauses_of("dr-patel")) == 1
    client.cookies.clear()
    signed_in(client, "dr-wu")  # Harbor sees none of Riverside's
    harbor = client.get("/pauses").text
    assert "Dana Lee" not in harbor
    assert "Sam Rivera" not in harbor
    assert re.search(r"No coaching pause is running", harbor)


def test_without_a_session_the_pauses_page_is_the_sign_in_page(client) -> None:
    response = client.get("/pauses", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
