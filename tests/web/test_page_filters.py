"""Pages refuse a query filter they do not know, like the API: a 422 page naming it, not a
page that quietly ignores it."""

from __future__ import annotations

import pytest

from tests.accounts.staff import give_password, sign_in


@pytest.fixture
def signed_in(client, roster):  # type: ignore[no-untyped-def]
    give_password("sup-ortiz")
    sign_in(client, "sup-ortiz")
    return client


@pytest.mark.parametrize(
    "path",
    ["/follow-ups?colour=x", "/week?colour=x", "/contacts?colour=x", "/contacts.csv?colour=x"],
)
def test_an_unknown_page_filter_is_refused_naming_it(signed_in, path) -> None:
    page = signed_in.get(path)
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "colour" in page.text
    assert "is not a filter here" in page.text


@pytest.mark.parametrize(
    "path",
    ["/follow-ups?show=all&m=note", "/week?clinician=dr-lee&m=added", "/contacts?outcome="],
)
def test_the_filters_a_page_knows_still_work(signed_in, path) -> None:
    assert signed_in.get(path).status_code == 200
