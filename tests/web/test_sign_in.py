"""Sign-in to the pages (SPEC §11): a password, then a code texted to the person's own phone;
lockout, idle and absolute expiry, CSRF, sign-out, and a forged session getting nobody's data.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from router.app import create_app
from router.core.db import session_scope
from router.store.models import AuditEntry, Practice, WebSession
from router.store.repositories import audit, tokens
from router.web.forms import FORM_COOKIE, SESSION_COOKIE, SIGN_IN_COOKIE
from tests.accounts.staff import (
    PASSWORD,
    codes_texted,
    csrf_of,
    give_password,
    sign_in,
    submit_code,
    submit_password,
    texted_code,
)
from tests.clinic import BASE_URL, LEE


@pytest.fixture(autouse=True)
def _staff(roster: None, clock: object) -> None:
    """The test roster, Wednesday night, and Dr Lee and Lena Ortiz with passwords."""
    give_password("dr-lee")
    give_password("sup-ortiz")


def home_is_of(client: TestClient, name: str) -> None:
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 200, page.text
    assert name in page.text


def sent_to_sign_in(client: TestClient) -> None:
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login"
    assert "Dana Lee" not in page.text
    assert "Lena Ortiz" not in page.text


def test_signing_in_takes_the_password_then_the_code_texted_to_ones_own_phone(client) -> None:
    first = submit_password(client, "dr-lee")
    assert first.status_code == 303
    assert first.headers["location"] == "/login/code"
    sent_to_sign_in(client)  # the password alone does not sign anyone in
    assert "Enter the code" in client.get("/login/code").text
    assert submit_code(client, texted_code("dr-lee")).headers["location"] == "/"
    home_is_of(client, "Dana Lee")


def test_the_code_is_texted_to_the_persons_phone_and_logged_as_simulated(client) -> None:
    submit_password(client, "dr-lee")
    with session_scope() as session:
        bearer = {"Authorization": f"Bearer {tokens.issue(session, 'sup-ortiz')}"}
    messages = client.get("/api/v1/messages", headers=bearer).json()
    codes = [m for m in messages if m["purpose"] == "sign_in_code"]
    assert len(codes) == 1
    assert codes[0]["to"] == LEE
    assert codes[0]["status"] == "simulated"
    assert texted_code("dr-lee") in codes[0]["body"]
    assert "Dana" not in codes[0]["body"]


def test_a_wrong_password_is_refused_and_texts_nothing(client) -> None:
    refused = submit_password(client, "dr-lee", "not the password at all")
    assert refused.status_code == 401
    assert "id and password do not match" in refused.text
    assert SESSION_COOKIE not in refused.cookies
    assert SIGN_IN_COOKIE not in refused.cookies
    assert codes_texted("dr-lee") == 0
    sent_to_sign_in(client)


def test_an_unknown_id_is_told_the_same_as_a_wrong_password(client) -> None:
    unknown = submit_password(client, "dr-nobody", PASSWORD)
    wrong = submit_password(client, "dr-lee", "not the password at all")
    assert unknown.status_code == wrong.status_code == 401
    assert "id and password do not match" in unknown.text


def test_someone_without_a_password_yet_cannot_sign_in(client) -> None:
    assert submit_password(client, "dr-patel", PASSWORD).status_code == 401
    assert codes_texted("dr-patel") == 0


def test_five_failures_lock_the_account_for_15_minutes(client, clock) -> None:
    for _ in range(4):
        assert submit_password(client, "dr-lee", "wrong password here").status_code == 401
    locked = submit_password(client, "dr-lee", "wrong password here")
    assert locked.status_code == 429
    assert "locked until" in locked.text
    # The right password does not help while the lock lasts, and texts no code.
    still = submit_password(client, "dr-lee", PASSWORD)
    assert still.status_code == 429
    assert codes_texted("dr-lee") == 0
    clock.advance(minutes=14)
    assert submit_password(client, "dr-lee", PASSWORD).status_code == 429
    clock.advance(minutes=1, seconds=1)
    assert submit_password(client, "dr-lee", PASSWORD).status_code == 303
    with session_scope() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    assert "signin.locked" in actions


def test_wrong_codes_count_towards_the_lockout(client) -> None:
    submit_password(client, "dr-lee", "wrong password here")
    submit_password(client, "dr-lee", "wrong password here")
    assert submit_password(client, "dr-lee").status_code == 303
    for _ in range(4):
        assert submit_code(client, "000000").status_code == 401
    last = submit_code(client, "000001")
    assert last.status_code == 401
    assert "locked until" in last.text
    assert submit_password(client, "dr-lee").status_code == 429


def test_a_wrong_code_is_refused_and_the_right_one_still_works(client) -> None:
    submit_password(client, "dr-lee")
    code = texted_code("dr-lee")
    wrong = "999999" if code != "999999" else "111111"
    refused = submit_code(client, wrong)
    assert refused.status_code == 401
    assert "not the one we texted" in refused.text
    sent_to_sign_in(client)
    assert submit_code(client, code).headers["location"] == "/"
    home_is_of(client, "Dana Lee")


def test_an_expired_code_is_refused(client, clock) -> None:
    submit_password(client, "dr-lee")
    code = texted_code("dr-lee")
    clock.advance(minutes=15, seconds=1)
    refused = submit_code(client, code)
    assert refused.status_code in (401, 303)
    sent_to_sign_in(client)


def test_a_used_code_cannot_sign_in_a_second_time(client) -> None:
    submit_password(client, "dr-lee")
    challenge = client.cookies[SIGN_IN_COOKIE]
    code = texted_code("dr-lee")
    assert submit_code(client, code).headers["location"] == "/"
    with TestClient(create_app(), base_url=BASE_URL) as other:
        form = csrf_of(other.get("/login").text)
        other.cookies.set(SIGN_IN_COOKIE, challenge)
        replay = other.post(
            "/login/code", data={"code": code, "csrf": form}, follow_redirects=False
        )
        assert replay.status_code == 401
        assert "expired or was already used" in replay.text
        sent_to_sign_in(other)


def test_a_new_sign_in_voids_the_code_sent_before(client, clock) -> None:
    submit_password(client, "dr-lee")
    first = texted_code("dr-lee")
    clock.advance(seconds=30)
    submit_password(client, "dr-lee")
    second = texted_code("dr-lee")
    if first != second:
        assert submit_code(client, first).status_code == 401
    assert submit_code(client, second).headers["location"] == "/"


def test_a_session_ends_after_15_idle_minutes(client, clock) -> None:
    sign_in(client, "dr-lee")
    clock.advance(minutes=14)
    home_is_of(client, "Dana Lee")  # activity restarts the idle clock
    clock.advance(minutes=14)
    home_is_of(client, "Dana Lee")
    clock.advance(minutes=15)
    sent_to_sign_in(client)


def test_the_practice_sets_the_idle_timeout(client, clock) -> None:
    with session_scope() as session:
        practice = session.get(Practice, "riverside")
        assert practice is not None
        practice.policy = {**practice.policy, "session_idle_timeout_s": 300}
    sign_in(client, "dr-lee")
    clock.advance(minutes=4)
    home_is_of(client, "Dana Lee")
    clock.advance(minutes=5)
    sent_to_sign_in(client)


def test_a_session_ends_at_its_absolute_limit_however_active(client, clock) -> None:
    sign_in(client, "dr-lee")
    for _ in range(71):  # 11 h 50 min of a page opened every 10 minutes
        clock.advance(minutes=10)
        home_is_of(client, "Dana Lee")
    clock.advance(minutes=10)
    sent_to_sign_in(client)


def test_a_forged_session_cookie_gets_the_sign_in_page(client) -> None:
    client.cookies.set(SESSION_COOKIE, "forged-" + "x" * 40)
    sent_to_sign_in(client)
    client.cookies.set(SESSION_COOKIE, "")
    sent_to_sign_in(client)


def test_another_persons_session_is_not_reachable_by_guessing(client) -> None:
    sign_in(client, "sup-ortiz")
    real = client.cookies[SESSION_COOKIE]
    with TestClient(create_app(), base_url=BASE_URL) as other:
        other.cookies.set(SESSION_COOKIE, real[:-1] + ("A" if real[-1] != "A" else "B"))
        sent_to_sign_in(other)


def test_signing_out_ends_the_session_for_good(client) -> None:
    sign_in(client, "dr-lee")
    cookie = client.cookies[SESSION_COOKIE]
    page = client.get("/logout")
    out = client.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert out.headers["location"] == "/login?m=signed-out"
    assert "You are signed out." in client.get("/login?m=signed-out").text
    sent_to_sign_in(client)
    with TestClient(create_app(), base_url=BASE_URL) as other:
        other.cookies.set(SESSION_COOKIE, cookie)
        sent_to_sign_in(other)


def test_forms_without_the_right_csrf_token_are_refused_and_change_nothing(client) -> None:
    client.get("/login")
    no_token = client.post(
        "/login", data={"user": "dr-lee", "password": PASSWORD}, follow_redirects=False
    )
    assert no_token.status_code == 403
    forged = client.post(
        "/login",
        data={"user": "dr-lee", "password": PASSWORD, "csrf": "0" * 64},
        follow_redirects=False,
    )
    assert forged.status_code == 403
    assert codes_texted("dr-lee") == 0
    # Signed in, a sign-out without the session's token does nothing.
    sign_in(client, "dr-lee")
    assert client.post("/logout", data={"csrf": "nope"}, follow_redirects=False).status_code == 403
    other_form = csrf_of(TestClient(create_app(), base_url=BASE_URL).get("/login").text)
    assert (
        client.post("/logout", data={"csrf": other_form}, follow_redirects=False).status_code == 403
    )
    home_is_of(client, "Dana Lee")


def test_a_csrf_token_from_another_browser_does_not_fit_this_one(client) -> None:
    with TestClient(create_app(), base_url=BASE_URL) as attacker:
        token = csrf_of(attacker.get("/login").text)
    client.get("/login")
    refused = client.post(
        "/login",
        data={"user": "dr-lee", "password": PASSWORD, "csrf": token},
        follow_redirects=False,
    )
    assert refused.status_code == 403


def test_cookies_are_httponly_and_samesite_and_not_secure_over_http(client) -> None:
    page = client.get("/login")
    assert "httponly" in page.headers["set-cookie"].lower()
    assert "samesite=lax" in page.headers["set-cookie"].lower()
    assert "secure" not in page.headers["set-cookie"].lower()
    first = submit_password(client, "dr-lee")
    second = submit_code(client, texted_code("dr-lee"))
    for response in (first, second):
        for header in response.headers.get_list("set-cookie"):
            assert "httponly" in header.lower()
            assert "samesite=lax" in header.lower()


def test_cookies_are_secure_when_the_public_url_is_https(monkeypatch) -> None:
    from router.core.settings import get_settings

    monkeypatch.setenv("PUBLIC_BASE_URL", "https://afterhours.example.org")
    get_settings.cache_clear()
    with TestClient(create_app(), base_url="https://testserver") as secure:
        page = secure.get("/login")
        assert "secure" in page.headers["set-cookie"].lower()
        assert FORM_COOKIE in page.headers["set-cookie"]


def test_pages_are_never_cached_or_framed(client) -> None:
    page = client.get("/login")
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "no-referrer"


def test_signing_in_and_out_is_audited_and_the_chain_holds(client) -> None:
    submit_password(client, "dr-lee", "wrong password here")
    sign_in(client, "dr-lee")
    client.post("/logout", data={"csrf": csrf_of(client.get("/logout").text)})
    with session_scope() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert audit.verify(session).ok
    for action in ("signin.failed", "signin.code_sent", "signin", "session.sign_out"):
        assert action in actions


def test_the_session_row_keeps_no_token(client) -> None:
    sign_in(client, "dr-lee")
    cookie = client.cookies[SESSION_COOKIE]
    with session_scope() as session:
        rows = list(session.scalars(select(WebSession)))
    assert len(rows) == 1
    assert rows[0].token_hash != cookie
    assert cookie not in rows[0].token_hash
    assert rows[0].expires_at - rows[0].created_at == timedelta(hours=12)
