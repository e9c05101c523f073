"""`/`: each role's home, reached only through its own sign-in."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest

from router.core.db import session_scope
from router.store.models import Clinician
from tests.accounts.staff import csrf_of, give_password, sign_in
from tests.api.staff import bearer


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    with session_scope() as session:
        kim = session.get(Clinician, "dr-kim")
        assert kim is not None
        kim.role = "admin"


@pytest.mark.parametrize(
    ("user", "name", "title", "has", "has_not"),
    [
        ("dr-lee", "Dana Lee", "Clinician home", "My on-call week", "Contact log"),
        ("sup-ortiz", "Lena Ortiz", "Supervisor home", "Contact log", "My on-call week"),
        ("dr-kim", "Min Kim", "Admin home", "Roster upload", "My on-call week"),
    ],
)
def test_each_role_sees_its_own_home(client, user, name, title, has, has_not) -> None:
    give_password(user)
    sign_in(client, user)
    page = client.get("/")
    assert page.status_code == 200
    assert title in page.text
    assert name in page.text
    assert "Riverside DBT Clinic" in page.text
    assert has in page.text
    assert has_not not in page.text
    assert 'action="/logout"' in page.text


def test_without_a_session_home_is_the_sign_in_page(client) -> None:
    page = client.get("/")
    assert page.url.path == "/login"
    assert "Sign in" in page.text
    assert '<label for="user">' in page.text
    assert '<label for="password">' in page.text


def test_a_signed_in_person_opening_login_goes_home(client) -> None:
    give_password("dr-lee")
    sign_in(client, "dr-lee")
    page = client.get("/login", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/"


def _feed_url(page: str) -> str:
    match = re.search(r'id="ical-url"[^>]*value="([^"]+)"', page)
    assert match, "the home shows no calendar link"
    return html.unescape(match.group(1))


def test_the_clinicians_home_shows_their_calendar_link_and_replaces_it(client) -> None:
    give_password("dr-lee")
    sign_in(client, "dr-lee")
    home = client.get("/").text
    url = _feed_url(home)
    assert url == client.get("/api/v1/me", headers=bearer("dr-lee")).json()["ical_url"]
    old_path = urlsplit(url).path
    assert client.get(old_path).status_code == 200
    forged = client.post("/ical/revoke", data={"csrf": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert _feed_url(client.get("/").text) == url  # nothing changed
    replaced = client.post("/ical/revoke", data={"csrf": csrf_of(home)}, follow_redirects=False)
    assert replaced.status_code == 303
    after = client.get(replaced.headers["location"]).text
    assert "New calendar link made" in after
    assert _feed_url(after) != url
    assert client.get(old_path).status_code == 404  # the old link stops working
    assert client.get(urlsplit(_feed_url(after)).path).status_code == 200
