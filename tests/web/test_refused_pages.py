"""A page's refusal is a small HTML page (the message, the status, a Home link), not the
API's JSON; the API, the webhooks and the sign-in redirect answer as before."""

from __future__ import annotations

import pytest

from tests.accounts.staff import csrf_of, give_password, sign_in


@pytest.fixture
def signed_in(client, roster):  # type: ignore[no-untyped-def]
    give_password("sup-ortiz")
    sign_in(client, "sup-ortiz")
    return client


def test_a_page_that_is_not_there_answers_a_page_not_json(signed_in) -> None:
    page = signed_in.get("/contacts/ct_nothing")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "ct_nothing" in page.text or "not" in page.text
    assert '<a href="/">Home</a>' in page.text
    assert '"detail"' not in page.text
    assert 'name="viewport"' in page.text  # usable on a phone


def test_a_refused_form_post_answers_a_page(signed_in) -> None:
    token = csrf_of(signed_in.get("/follow-ups").text)
    page = signed_in.post("/follow-ups/999999", data={"action": "close", "csrf": token})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "999999" in page.text
    assert "404" in page.text


def test_a_nul_in_a_page_query_answers_a_page_naming_the_field(signed_in) -> None:
    page = signed_in.get("/follow-ups", params={"show": "open\x00"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "show" in page.text


def test_the_api_and_the_sign_in_redirect_answer_as_before(client, roster) -> None:
    redirect = client.get("/follow-ups", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/login"
    api = client.get("/api/v1/follow-ups")
    assert api.status_code == 401
    assert "detail" in api.json()
