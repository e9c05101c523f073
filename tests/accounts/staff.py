"""Test glue for staff sign-in: set a password, read the texted code, sign in through pages."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import select

from router.accounts import invites
from router.core import clock
from router.core.db import session_scope
from router.store.models import OutboundMessage

PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def give_password(user_id: str, password: str = PASSWORD) -> None:
    with session_scope() as session:
        link = invites.invite(session, user_id, clock.now(), actor="test").link
        token = link.rsplit("/", 1)[1]
        invites.set_password(session, token, password, password, clock.now())


def texted_code(user_id: str) -> str:
    """The last sign-in code texted to that person, read from the message log (the test's
    clock must have moved between two sign-ins: messages are ordered by time)."""
    with session_scope() as session:
        message = session.scalars(
            select(OutboundMessage)
            .where(
                OutboundMessage.clinician_id == user_id,
                OutboundMessage.purpose == "sign_in_code",
            )
            .order_by(OutboundMessage.created_at.desc(), OutboundMessage.id.desc())
        ).first()
        assert message is not None, f"no sign-in code was texted to {user_id}"
        found = re.search(r"\b(\d{6})\b", message.body or "")
        assert found, message.body
        return found.group(1)


def codes_texted(user_id: str) -> int:
    with session_scope() as session:
        return len(
            list(
                session.scalars(
                    select(OutboundMessage.id).where(
                        OutboundMessage.clinician_id == user_id,
                        OutboundMessage.purpose == "sign_in_code",
                    )
                )
            )
        )


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def submit_password(client: TestClient, user: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    return client.post(
        "/login",
        data={"user": user, "password": password, "csrf": csrf_of(page.text)},
        follow_redirects=False,
    )


def submit_code(client: TestClient, code: str):  # type: ignore[no-untyped-def]
    page = client.get("/login/code", follow_redirects=False)
    token = csrf_of(page.text) if page.status_code == 200 else csrf_of(client.get("/login").text)
    return client.post("/login/code", data={"code": code, "csrf": token}, follow_redirects=False)


def sign_in(client: TestClient, user: str, password: str = PASSWORD) -> None:
    """Both steps, as a person would: password, then the code from the text."""
    first = submit_password(client, user, password)
    assert first.status_code == 303, first.text
    assert first.headers["location"] == "/login/code"
    second = submit_code(client, texted_code(user))
    assert second.status_code == 303, second.text
    assert second.headers["location"] == "/"
