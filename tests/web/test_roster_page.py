"""`/roster`: an admin uploads the roster; the CLI's checks, every problem by line, nothing
changed by a bad file, and only the admin's own practice (S8)."""

from __future__ import annotations

import re

import pytest

from router.core.db import session_scope
from router.store.models import Clinician, Patient
from router.store.repositories.roster import export_roster
from tests.accounts.staff import csrf_of, give_password, sign_in
from tests.clinic import DATA
from tests.conftest import load_roster


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    load_roster("roster_harbor.yaml")
    with session_scope() as session:
        for user_id, role in (("dr-kim", "admin"), ("dr-wu", "admin")):
            member = session.get(Clinician, user_id)
            assert member is not None
            member.role = role


def riverside() -> dict[str, object]:
    with session_scope() as session:
        return export_roster(session, "riverside")


def upload(client, text: str | bytes, name: str = "riverside.yaml", csrf: str | None = None):  # type: ignore[no-untyped-def]
    token = csrf if csrf is not None else csrf_of(client.get("/roster").text)
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        "/roster",
        data={"csrf": token},
        files={"roster": (name, data, "application/x-yaml")},
    )


@pytest.fixture
def admin(client):  # type: ignore[no-untyped-def]
    give_password("dr-kim")
    sign_in(client, "dr-kim")
    return client


def test_an_admin_loads_a_good_file_and_sees_what_it_did(admin) -> None:
    page = upload(admin, (DATA / "roster_changed.yaml").read_text())
    assert page.status_code == 200, page.text
    assert "Loaded riverside:" in page.text
    assert 'role="status"' in page.text
    with session_scope() as session:
        lee = session.get(Clinician, "dr-lee")
        assert lee is not None
        assert lee.name == "Dana Lee-Hart"
        assert session.get(Patient, "pt-lou") is not None


def test_a_bad_file_shows_every_problem_by_line_and_changes_nothing(admin) -> None:
    before = riverside()
    text = (DATA / "riverside.yaml").read_text()
    text = text.replace("timezone: America/New_York", "timezone: Mars/Olympus")
    text = text.replace('phone: "617-555-0102"', 'phone: "12"')
    text = text.replace("Ravi Patel", "Ravi Patel-Changed")  # a good change, not applied
    page = upload(admin, text)
    assert page.status_code == 422
    assert "nothing changed" in page.text
    problems = re.findall(r"<li>(line \d+[^<]*)</li>", page.text)
    assert len(problems) == 2, page.text
    assert any("Mars/Olympus" in problem for problem in problems)
    assert any("'12'" in problem.replace("&#39;", "'") for problem in problems)
    assert riverside() == before


def test_another_practices_file_is_refused_S8(admin) -> None:
    before = riverside()
    page = upload(admin, (DATA / "roster_harbor.yaml").read_text(), name="harbor.yaml")
    assert page.status_code == 422
    assert "is not your practice (riverside)" in page.text.replace("&#39;", "'")
    assert riverside() == before
    with session_scope() as session:
        wu = session.get(Clinician, "dr-wu")
        assert wu is not None
        assert wu.role == "admin"  # harbor unchanged too


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe not text", "is not UTF-8 text"),
        (b"practice: [", "line"),
    ],
)
def test_an_unreadable_file_is_named_and_changes_nothing(admin, data, words) -> None:
    before = riverside()
    page = upload(admin, data, name="roster.yaml")
    assert page.status_code == 422
    assert words in page.text
    assert "Traceback" not in page.text
    assert riverside() == before


def test_an_upload_without_the_forms_csrf_token_is_refused(admin) -> None:
    before = riverside()
    page = upload(admin, (DATA / "roster_changed.yaml").read_text(), csrf="forged")
    assert page.status_code == 403
    assert "nothing was done" in page.text
    assert riverside() == before


@pytest.mark.parametrize("user", ["dr-lee", "sup-ortiz"])
def test_only_admins_upload_rosters_S8(client, user) -> None:
    give_password(user)
    sign_in(client, user)
    assert client.get("/roster").status_code == 403
    refused = client.post(
        "/roster",
        data={"csrf": "x"},
        files={"roster": ("r.yaml", (DATA / "roster_changed.yaml").read_bytes())},
    )
    assert refused.status_code == 403


def test_without_a_session_the_roster_page_is_the_sign_in_page(client) -> None:
    page = client.get("/roster", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login"


def test_the_roster_form_is_labelled_and_carries_csrf(admin) -> None:
    page = admin.get("/roster")
    assert '<label for="roster">' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert csrf_of(page.text)
