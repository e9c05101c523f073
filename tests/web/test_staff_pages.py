"""The staff-tools pages (SPEC §11): my week, cover requests, follow-ups, coverage. Each goes
through the service the API uses; the S8 matrix cell by cell; bad input named, nothing changed."""

from __future__ import annotations

import re

import pytest

from router.core.db import session_scope
from router.oncall import window_service
from router.store.models import Clinician, OnCallWindow
from tests.accounts.staff import csrf_of, give_password, sign_in
from tests.clinic import ANA, CHEN, LEE, PRACTICE_NUMBER, SAM
from tests.conftest import load_roster

HARBOR_NUMBER, MAX = "+16175550120", "+16175550129"


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    load_roster("roster_harbor.yaml")
    with session_scope() as session:
        for user_id, role in (("dr-kim", "admin"), ("dr-wu", "supervisor")):
            member = session.get(Clinician, user_id)
            assert member is not None
            member.role = role


def signed_in(client, user: str):  # type: ignore[no-untyped-def]
    give_password(user)
    sign_in(client, user)
    return client


def windows_of(clinician_id: str) -> list[dict[str, object]]:
    with session_scope() as session:
        member = session.get(Clinician, clinician_id)
        assert member is not None
        return [
            window_service.window_document(row)
            for row in window_service.list_windows(session, member, clinician_id)
        ]


def window_id(clinician_id: str) -> int:
    return int(windows_of(clinician_id)[0]["id"])  # type: ignore[call-overload]


def self_window_count() -> int:
    with session_scope() as session:
        member = session.get(Clinician, "sup-ortiz")
        assert member is not None
        return sum(
            1 for row in window_service.list_windows(session, member, None) if row.source == "self"
        )


def post(client, path: str, data: dict[str, object], page: str = "/week"):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get(page).text)
    return client.post(path, data={**data, "csrf": token}, follow_redirects=False)


WEEKLY = {"kind": "weekly", "days": ["mon", "tue"], "start": "07:00", "end": "09:00"}


# --- my week -------------------------------------------------------------------------------


def test_a_clinician_sees_her_week_as_a_calendar(client) -> None:
    signed_in(client, "dr-lee")
    page = client.get("/week")
    assert page.status_code == 200
    assert "My on-call week" in page.text
    assert "17:00 to " in page.text  # the roster's weekday evening
    assert '<label for="start">' in page.text


def test_a_clinician_adds_a_weekly_window(client) -> None:
    signed_in(client, "dr-lee")
    before = len(windows_of("dr-lee"))
    added = post(client, "/week/windows", {"clinician": "dr-lee", **WEEKLY})
    assert added.status_code == 303, added.text
    assert added.headers["location"] == "/week?m=added"
    found = windows_of("dr-lee")
    assert len(found) == before + 1
    assert {"days": ["mon", "tue"], "start": "07:00", "end": "09:00", "source": "self"}.items() <= (
        found[-1].items()
    )
    assert "Window added." in client.get("/week?m=added").text


def test_a_clinician_takes_time_off(client) -> None:
    signed_in(client, "dr-lee")
    added = post(
        client,
        "/week/windows",
        {
            "clinician": "dr-lee",
            "kind": "off",
            "from": "2026-11-27T17:00",
            "to": "2026-11-28T08:00",
        },
    )
    assert added.status_code == 303, added.text
    assert windows_of("dr-lee")[-1]["off"] is True


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({**WEEKLY, "start": "25:00"}, "25:00"),
        ({**WEEKLY, "days": ["funday"]}, "funday"),
        ({"kind": "oneoff", "from": "soon", "to": "2026-11-28T08:00"}, "soon"),
        ({"kind": "sideways"}, "kind &#39;sideways&#39;"),
    ],
)
def test_a_bad_window_is_named_and_nothing_is_added(client, form, words) -> None:
    signed_in(client, "dr-lee")
    before = windows_of("dr-lee")
    refused = post(client, "/week/windows", {"clinician": "dr-lee", **form})
    assert refused.status_code == 422
    assert words in refused.text
    assert 'role="alert"' in refused.text
    assert windows_of("dr-lee") == before


def test_a_clinician_changes_and_deletes_her_own_window(client) -> None:
    signed_in(client, "dr-lee")
    post(client, "/week/windows", {"clinician": "dr-lee", **WEEKLY})
    own = int(windows_of("dr-lee")[-1]["id"])  # type: ignore[call-overload]
    changed = post(
        client,
        f"/week/windows/{own}",
        {"clinician": "dr-lee", "action": "save", **WEEKLY, "end": "10:00"},
    )
    assert changed.status_code == 303, changed.text
    assert windows_of("dr-lee")[-1]["end"] == "10:00"
    deleted = post(client, f"/week/windows/{own}", {"clinician": "dr-lee", "action": "delete"})
    assert deleted.status_code == 303
    assert own not in [w["id"] for w in windows_of("dr-lee")]


def test_a_form_without_its_csrf_token_changes_nothing(client) -> None:
    signed_in(client, "dr-lee")
    before = windows_of("dr-lee")
    forged = client.post("/week/windows", data={"clinician": "dr-lee", **WEEKLY, "csrf": "forged"})
    assert forged.status_code == 403
    assert windows_of("dr-lee") == before


# The S8 matrix for windows: (who, whose week / which window) -> status.
@pytest.mark.parametrize(
    ("user", "clinician", "status"),
    [
        ("dr-lee", "dr-lee", 200),
        ("dr-lee", "dr-patel", 403),
        ("dr-lee", "dr-wu", 404),
        ("sup-ortiz", "dr-lee", 200),
        ("dr-kim", "dr-patel", 200),
        ("sup-ortiz", "dr-wu", 404),
        ("dr-wu", "dr-lee", 404),
    ],
)
def test_whose_week_a_person_may_open_S8(client, user, clinician, status) -> None:
    signed_in(client, user)
    assert client.get(f"/week?clinician={clinician}").status_code == status


@pytest.mark.parametrize(
    ("user", "owner", "status"),
    [
        ("dr-lee", "dr-patel", 403),  # a colleague's window
        ("dr-lee", "dr-wu", 404),  # another practice's
        ("sup-ortiz", "dr-wu", 404),
        ("sup-ortiz", "dr-patel", 303),  # a supervisor for the practice
    ],
)
def test_who_may_delete_which_window_S8(client, user, owner, status) -> None:
    signed_in(client, user)
    target = window_id(owner)
    refused = post(client, f"/week/windows/{target}", {"action": "delete"})
    assert refused.status_code == status
    with session_scope() as session:
        assert (session.get(OnCallWindow, target) is None) == (status == 303)


def test_a_supervisor_adds_a_window_for_a_clinician_but_a_clinician_cannot(client) -> None:
    signed_in(client, "dr-lee")
    refused = post(client, "/week/windows", {"clinician": "dr-patel", **WEEKLY})
    assert refused.status_code == 403
    client.cookies.clear()
    signed_in(client, "sup-ortiz")
    added = post(client, "/week/windows", {"clinician": "dr-patel", **WEEKLY})
    assert added.status_code == 303
    assert added.headers["location"] == "/week?clinician=dr-patel&m=added"


def test_without_a_session_the_staff_pages_are_the_sign_in_page(client) -> None:
    for path in ("/week", "/cover", "/follow-ups", "/coverage"):
        page = client.get(path, follow_redirects=False)
        assert page.status_code == 303, path
        assert page.headers["location"] == "/login"


# --- cover requests ------------------------------------------------------------------------


def test_a_clinician_asks_a_colleague_who_accepts_on_the_page(client, clock) -> None:
    signed_in(client, "dr-lee")
    week = client.get("/week").text
    form = re.search(r'action="/week/windows/(\d+)/cover">.*?name="at" value="([^"]+)"', week, re.S)
    assert form, "no occurrence offers a cover request"
    asked = post(
        client,
        f"/week/windows/{form.group(1)}/cover",
        {"clinician": "dr-lee", "at": form.group(2), "to": "dr-patel"},
    )
    assert asked.status_code == 303, asked.text
    assert "Ravi Patel" in client.get("/cover").text
    client.cookies.clear()
    clock.advance(minutes=1)
    signed_in(client, "dr-patel")
    inbox = client.get("/cover")
    assert "Dana Lee" in inbox.text
    request_id = re.search(r'action="/cover/(\d+)"', inbox.text)
    assert request_id
    accepted = post(client, f"/cover/{request_id.group(1)}", {"answer": "accept"}, page="/cover")
    assert accepted.status_code == 303
    assert "accepted" in client.get("/cover").text


def test_only_the_colleague_asked_answers_a_cover_request_S8(client, clock) -> None:
    signed_in(client, "dr-lee")
    week = client.get("/week").text
    form = re.search(r'action="/week/windows/(\d+)/cover">.*?name="at" value="([^"]+)"', week, re.S)
    assert form
    post(
        client,
        f"/week/windows/{form.group(1)}/cover",
        {"clinician": "dr-lee", "at": form.group(2), "to": "dr-patel"},
    )
    client.cookies.clear()
    clock.advance(minutes=1)
    signed_in(client, "dr-chen")
    assert 'action="/cover/' not in client.get("/cover").text
    refused = post(client, "/cover/1", {"answer": "accept"}, page="/cover")
    assert refused.status_code == 403


# --- follow-ups ----------------------------------------------------------------------------


@pytest.fixture
def night_of_calls(sim, clock) -> None:
    """Sam reaches Dr Lee; Ana (Dr Chen's) gets the crisis line; Harbor's Max calls Harbor."""
    sim.phone(LEE).answers_and_presses("1")
    sim.call(SAM, PRACTICE_NUMBER)
    clock.advance(minutes=30)
    sim.phone(CHEN).no_answer()
    sim.call(ANA, PRACTICE_NUMBER)
    clock.advance(minutes=5)
    sim.call(MAX, HARBOR_NUMBER)
    clock.advance(days=1)  # the next evening: both are overdue


def follow_up_ids(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'<li id="fu-(\d+)">', html)]


def test_a_clinician_sees_only_her_own_patients_follow_ups_S8(client, night_of_calls) -> None:
    signed_in(client, "dr-chen")
    page = client.get("/follow-ups")
    assert page.status_code == 200
    assert "My follow-ups" in page.text
    assert "Ana Gomez" in page.text
    assert "Sam Rivera" not in page.text
    assert len(follow_up_ids(page.text)) == 1


def test_the_supervisors_queue_puts_overdue_first(client, night_of_calls) -> None:
    signed_in(client, "sup-ortiz")
    page = client.get("/follow-ups")
    assert "Follow-up queue" in page.text
    assert len(follow_up_ids(page.text)) == 2  # not Harbor's
    assert "2 overdue" in page.text
    assert "Max" not in page.text


def test_a_note_a_reassignment_and_closing(client, night_of_calls) -> None:
    signed_in(client, "sup-ortiz")
    first = follow_up_ids(client.get("/follow-ups").text)[0]
    noted = post(
        client, f"/follow-ups/{first}", {"action": "note", "note": "Left a message."}, "/follow-ups"
    )
    assert noted.status_code == 303, noted.text
    moved = post(
        client, f"/follow-ups/{first}", {"action": "reassign", "assignee": "dr-kim"}, "/follow-ups"
    )
    assert moved.status_code == 303
    closed = post(client, f"/follow-ups/{first}", {"action": "close"}, "/follow-ups")
    assert closed.status_code == 303
    assert first not in follow_up_ids(client.get("/follow-ups").text)
    done = client.get("/follow-ups?show=done").text
    assert first in follow_up_ids(done)
    assert "Left a message." in done
    assert "Min Kim" in done


def test_a_bad_follow_up_change_is_named_and_changes_nothing(client, night_of_calls) -> None:
    signed_in(client, "sup-ortiz")
    first = follow_up_ids(client.get("/follow-ups").text)[0]
    refused = post(
        client, f"/follow-ups/{first}", {"action": "reassign", "assignee": "dr-wu"}, "/follow-ups"
    )
    assert refused.status_code == 422
    assert "dr-wu" in refused.text
    assert first in follow_up_ids(client.get("/follow-ups").text)


def test_follow_up_changes_follow_S8(client, night_of_calls) -> None:
    signed_in(client, "sup-ortiz")
    ids = follow_up_ids(client.get("/follow-ups").text)
    client.cookies.clear()
    signed_in(client, "dr-chen")
    own = follow_up_ids(client.get("/follow-ups").text)
    others = [i for i in ids if i not in own]
    assert others
    refused = post(client, f"/follow-ups/{others[0]}", {"action": "close"}, "/follow-ups")
    assert refused.status_code == 403
    client.cookies.clear()
    signed_in(client, "dr-wu")
    assert (
        post(client, f"/follow-ups/{ids[0]}", {"action": "close"}, "/follow-ups").status_code == 404
    )


# --- coverage ------------------------------------------------------------------------------


def test_the_coverage_view_colours_gaps_and_names_who(client) -> None:
    signed_in(client, "sup-ortiz")
    page = client.get("/coverage")
    assert page.status_code == 200
    assert "Coverage, next 14 days" in page.text
    assert re.search(r'class="cell gap\d"><a href="#gap-0"', page.text)
    assert '<li id="gap-0">' in page.text
    assert "Jo Park (pt-jo)" in page.text  # only Dr Patel, off by day


@pytest.mark.parametrize(("user", "status"), [("dr-lee", 403), ("dr-kim", 200), ("dr-wu", 200)])
def test_who_sees_the_coverage_view_S8(client, user, status) -> None:
    signed_in(client, user)
    page = client.get("/coverage")
    assert page.status_code == status
    if user == "dr-wu":
        assert "pt-jo" not in page.text


# --- a window's audit trail ----------------------------------------------------------------


def test_a_windows_audit_trail_shows_its_changes_even_once_deleted(client) -> None:
    signed_in(client, "sup-ortiz")
    post(client, "/week/windows", {"clinician": "dr-patel", **WEEKLY})
    own = int(windows_of("dr-patel")[-1]["id"])  # type: ignore[call-overload]
    post(client, f"/week/windows/{own}", {"clinician": "dr-patel", "action": "delete"})
    trail = client.get(f"/windows/{own}/audit")
    assert trail.status_code == 200
    assert "<td>window.create</td>" in trail.text
    assert "<td>window.delete</td>" in trail.text
    assert client.get(f"/audit?window={own}", follow_redirects=False).headers["location"] == (
        f"/windows/{own}/audit"
    )


@pytest.mark.parametrize(("user", "status"), [("dr-lee", 403), ("dr-wu", 404), ("dr-kim", 200)])
def test_who_reads_a_windows_audit_trail_S8(client, user, status) -> None:
    signed_in(client, user)
    assert client.get(f"/windows/{window_id('dr-lee')}/audit").status_code == status
