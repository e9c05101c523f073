"""`afterhours user invite`, `user revoke`, `tokens list` and `tokens revoke`."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from router.accounts.sessions import revoke_everything
from router.core import clock as app_clock
from router.core.db import session_scope
from router.core.settings import get_settings
from router.store.models import AuditEntry, OutboundMessage
from router.store.repositories import accounts, tokens
from tests.accounts.staff import give_password, sign_in
from tests.cli_runner import assert_refused_in_one_line, run
from tests.clinic import ACCOUNT_SID, BASE_URL, LEE


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    pass


def invite_texts() -> list[OutboundMessage]:
    with session_scope() as session:
        return list(
            session.scalars(select(OutboundMessage).where(OutboundMessage.purpose == "invite"))
        )


def test_user_invite_prints_the_link_alone_on_the_last_line(client) -> None:
    result = run("user", "invite", "dr-lee")
    assert result.exit_code == 0, result.output
    link = result.stdout.splitlines()[-1]
    assert link.startswith(f"{BASE_URL}/invite/")
    assert " " not in link
    assert "valid until" in result.stdout
    assert client.get(link.removeprefix(BASE_URL)).status_code == 200
    assert invite_texts() == []  # no Twilio credentials: nothing is texted


def test_user_invite_with_twilio_credentials_texts_the_link_to_the_persons_phone(
    monkeypatch,
) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    get_settings.cache_clear()
    result = run("user", "invite", "dr-lee")
    assert result.exit_code == 0, result.output
    link = result.stdout.splitlines()[-1]
    assert "texted" in result.stdout
    [text] = invite_texts()
    assert text.to_number == LEE
    assert text.body is not None
    assert link in text.body
    assert "Dana" not in text.body


def test_user_invite_for_an_unknown_id_exits_with_one_line() -> None:
    line = assert_refused_in_one_line(run("user", "invite", "dr-nobody"))
    assert "'dr-nobody'" in line


def test_user_invite_is_audited() -> None:
    run("user", "invite", "dr-lee")
    with session_scope() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "user.invite")).one()
    assert entry.subject == "user:dr-lee"
    assert entry.actor == "cli"


def test_tokens_list_shows_ids_and_times_never_the_token(clock) -> None:
    secret = run("token", "dr-lee").stdout.splitlines()[-1]
    run("token", "dr-lee")
    with session_scope() as session:
        clock.advance(minutes=5)
        assert accounts.bearer_user(session, secret, app_clock.now()) is not None
    result = run("tokens", "list", "dr-lee")
    assert result.exit_code == 0, result.output
    assert secret not in result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1].split()[0] == "1"
    assert "2026-11-26 02:05" in lines[1]  # last used
    assert lines[2].rstrip().endswith("-")  # not used, not revoked


def test_tokens_revoke_stops_that_token_only(client) -> None:
    first = run("token", "dr-lee").stdout.splitlines()[-1]
    second = run("token", "dr-lee").stdout.splitlines()[-1]
    result = run("tokens", "revoke", "1")
    assert result.exit_code == 0, result.output
    assert "revoked" in result.stdout
    assert (
        client.get("/api/v1/contacts", headers={"Authorization": f"Bearer {first}"}).status_code
        == 401
    )
    with session_scope() as session:
        assert tokens.user_for(session, first) is None
        assert tokens.user_for(session, second) is not None
    assert "revoked" not in run("tokens", "list", "dr-lee").stdout.splitlines()[2]


def test_tokens_revoke_of_an_unknown_id_exits_with_one_line() -> None:
    line = assert_refused_in_one_line(run("tokens", "revoke", "99"))
    assert "99" in line


def test_tokens_list_of_an_unknown_user_exits_with_one_line() -> None:
    assert "'dr-nobody'" in assert_refused_in_one_line(run("tokens", "list", "dr-nobody"))


def test_revoke_everything_ends_sessions_and_tokens_for_deactivation(client, clock) -> None:
    give_password("dr-lee")
    sign_in(client, "dr-lee")
    secret = run("token", "dr-lee").stdout.splitlines()[-1]
    with session_scope() as session:
        ended = revoke_everything(session, "dr-lee", app_clock.now(), actor="test")
    assert (ended.sessions, ended.tokens) == (1, 1)
    assert client.get("/", follow_redirects=False).status_code == 303
    with session_scope() as session:
        assert tokens.user_for(session, secret) is None


def test_user_revoke_on_the_command_line(client) -> None:
    give_password("sup-ortiz")
    sign_in(client, "sup-ortiz")
    result = run("user", "revoke", "sup-ortiz")
    assert result.exit_code == 0, result.output
    assert result.stdout == "sup-ortiz: 1 sessions and 0 API tokens revoked\n"
    assert client.get("/", follow_redirects=False).status_code == 303
    assert "'dr-nobody'" in assert_refused_in_one_line(run("user", "revoke", "dr-nobody"))


def test_revoking_a_person_voids_their_open_invite_link(client) -> None:
    link = run("user", "invite", "dr-lee").stdout.splitlines()[-1]
    run("user", "revoke", "dr-lee")
    assert client.get(link.removeprefix(BASE_URL)).status_code == 410
