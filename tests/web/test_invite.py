"""The one-time set-password link: valid 24 hours, used once, a weak password refused."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from router.accounts import invites
from router.core import clock as app_clock
from router.core.db import session_scope
from router.store.models import StaffCredential
from tests.accounts.staff import PASSWORD, csrf_of, sign_in, submit_password
from tests.clinic import BASE_URL


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    pass


def new_link(user_id: str = "dr-lee") -> str:
    with session_scope() as session:
        link = invites.invite(session, user_id, app_clock.now(), actor="test").link
    assert link.startswith(f"{BASE_URL}/invite/")
    return link.removeprefix(BASE_URL)


def use(client: TestClient, path: str, password: str = PASSWORD, confirm: str | None = None):  # type: ignore[no-untyped-def]
    page = client.get(path)
    assert page.status_code == 200, page.text
    return client.post(
        path,
        data={
            "password": password,
            "confirm": password if confirm is None else confirm,
            "csrf": csrf_of(page.text),
        },
        follow_redirects=False,
    )


def has_password(user_id: str) -> bool:
    with session_scope() as session:
        return session.get(StaffCredential, user_id) is not None


def test_an_invite_link_sets_a_password_that_signs_in(client) -> None:
    path = new_link()
    page = client.get(path)
    assert "Set your password" in page.text
    assert "dr-lee" in page.text
    done = use(client, path)
    assert done.status_code == 303
    assert done.headers["location"] == "/login?m=password-set"
    with session_scope() as session:
        row = session.scalars(select(StaffCredential)).one()
        assert row.password_hash.startswith("$argon2id$")
        assert PASSWORD not in row.password_hash
    sign_in(client, "dr-lee")


def test_an_invite_link_works_once(client) -> None:
    path = new_link()
    assert use(client, path).status_code == 303
    again = client.get(path)
    assert again.status_code == 410
    assert "expired or was already used" in again.text
    posted = client.post(
        path,
        data={"password": "another good passphrase", "confirm": "another good passphrase"},
    )
    assert posted.status_code == 410
    assert submit_password(client, "dr-lee", "another good passphrase").status_code == 401


def test_an_invite_link_expires_after_24_hours(client, clock) -> None:
    path = new_link()
    clock.advance(hours=23, minutes=59)
    assert client.get(path).status_code == 200
    clock.advance(minutes=1)
    assert client.get(path).status_code == 410
    assert not has_password("dr-lee")


def test_a_new_invite_voids_the_earlier_link(client) -> None:
    first = new_link()
    second = new_link()
    assert client.get(first).status_code == 410
    assert use(client, second).status_code == 303


def test_a_forged_invite_link_is_refused(client) -> None:
    assert client.get("/invite/not-a-real-token").status_code == 410


@pytest.mark.parametrize(
    ("password", "confirm", "says"),
    [
        ("short1!", None, "at least 10 characters"),
        ("Password2024!", None, "most often"),
        ("DanaLee2026!", None, "own id, name or practice"),
        ("correct horse battery staple", "correct horse battery stable", "not the same"),
    ],
)
def test_a_refused_password_leaves_the_link_usable(client, password, confirm, says) -> None:
    path = new_link()
    refused = use(client, path, password, confirm)
    assert refused.status_code == 422
    assert says in refused.text
    assert password not in refused.text  # never echoed back
    assert not has_password("dr-lee")
    assert use(client, path).status_code == 303


def test_setting_a_password_without_the_forms_csrf_token_is_refused(client) -> None:
    path = new_link()
    client.get(path)
    refused = client.post(path, data={"password": PASSWORD, "confirm": PASSWORD, "csrf": "x"})
    assert refused.status_code == 403
    assert not has_password("dr-lee")


def test_setting_a_new_password_ends_the_persons_sessions(client) -> None:
    path = new_link()
    use(client, path)
    sign_in(client, "dr-lee")
    assert client.get("/", follow_redirects=False).status_code == 200
    with TestClient(client.app, base_url=BASE_URL) as other:
        assert use(other, new_link(), "a brand new passphrase").status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
