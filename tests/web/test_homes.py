"""`/`: each role's home, reached only through its own sign-in."""

from __future__ import annotations

import pytest

from router.core.db import session_scope
from router.store.models import Clinician
from tests.accounts.staff import give_password, sign_in


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
