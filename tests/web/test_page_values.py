"""A NUL character in a page's form, query or path is refused with a 422 naming the field,
before any query runs, on every database (PostgreSQL text cannot hold one): never a 500, and
the sign-in form refuses it without anyone signed in."""

from __future__ import annotations

import pytest

from tests.accounts.staff import PASSWORD, csrf_of, give_password, sign_in


@pytest.fixture(autouse=True)
def _staff(roster: None, clock: object) -> None:
    give_password("dr-lee")
    give_password("sup-ortiz")


def test_a_nul_in_the_sign_in_form_is_refused_naming_the_field(client) -> None:
    page = client.get("/login")
    answer = client.post(
        "/login",
        data={"user": "dr-\x00lee", "password": PASSWORD, "csrf": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 422
    assert "user" in answer.text
    assert "NUL" in answer.text
    assert "Traceback" not in answer.text


def test_a_nul_in_a_page_query_is_refused_naming_the_field(client) -> None:
    sign_in(client, "sup-ortiz")
    answer = client.get("/contacts", params={"patient": "pt-\x00sam"}, follow_redirects=False)
    assert answer.status_code == 422
    assert "patient" in answer.text
    assert "NUL" in answer.text


def test_a_page_without_nul_still_answers(client) -> None:
    sign_in(client, "sup-ortiz")
    assert client.get("/contacts", params={"patient": "pt-sam"}).status_code == 200
