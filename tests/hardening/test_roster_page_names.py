"""The roster upload page (`/roster`) bounds names as `roster load` does (issue 11): a name
over 100 characters or with a control character is a problem line on the page, nothing
changed. Run on SQLite and, where TEST_DATABASE_URL is set, PostgreSQL."""

from __future__ import annotations

import html
import re

import pytest

from policies.vocabulary import Role
from router.core.db import session_scope
from router.store.models import Clinician
from tests.accounts.staff import csrf_of, give_password, sign_in
from tests.clinic import DATA
from tests.roster_files import roster_state


@pytest.fixture
def admin(client, roster: None, clock: object):  # type: ignore[no-untyped-def]
    with session_scope() as session:
        member = session.get(Clinician, "dr-kim")
        assert member is not None
        member.role = Role.ADMIN
    give_password("dr-kim")
    sign_in(client, "dr-kim")
    return client


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("D" * 5000, "is 5000 characters; a name is at most 100"),
        ("Dana\\0 Lee", "control character (U+0000"),
        ("Dana\\e[2J Lee", "control character (U+001B"),
    ],
)
def test_the_roster_page_refuses_a_name_too_long_or_with_a_control_character(
    admin, name: str, said: str
) -> None:
    before = roster_state()
    text = (DATA / "riverside.yaml").read_text().replace("name: Dana Lee", f'name: "{name}"')
    page = admin.post(
        "/roster",
        data={"csrf": csrf_of(admin.get("/roster").text)},
        files={"roster": ("riverside.yaml", text.encode(), "application/x-yaml")},
    )
    assert page.status_code == 422, page.text[:300]
    assert "Traceback" not in page.text
    problems = [html.unescape(p) for p in re.findall(r"<li>(line \d+[^<]*)</li>", page.text)]
    assert len(problems) == 1, page.text
    assert "(dr-lee): name" in problems[0]
    assert said in problems[0]
    assert len(problems[0]) < 300
    assert roster_state() == before
