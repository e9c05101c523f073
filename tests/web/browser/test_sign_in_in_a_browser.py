"""A clinician signs in in a real browser: password, then the code texted to her phone."""

from __future__ import annotations

import re
from typing import Any

import httpx

from router.core.db import session_scope
from router.store.repositories import tokens
from tests.accounts.staff import PASSWORD, give_password


def texted_code_from_the_message_log(base: str, to_clinician: str) -> str:
    """Reads GET /api/v1/messages as a supervisor would, for the last sign-in code."""
    with session_scope() as session:
        bearer = tokens.issue(session, "sup-ortiz")
    messages = httpx.get(
        f"{base}/api/v1/messages", headers={"Authorization": f"Bearer {bearer}"}
    ).json()
    codes = [
        m for m in messages if m["purpose"] == "sign_in_code" and m["clinician"] == to_clinician
    ]
    assert codes, "no sign-in code in the message log"
    assert codes[-1]["status"] == "simulated"
    found = re.search(r"\b(\d{6})\b", codes[-1]["body"])
    assert found
    return found.group(1)


def test_a_clinician_signs_in_and_sees_her_home(
    roster: None, clock: object, live_server: str, page: Any, screenshot: Any
) -> None:
    give_password("dr-lee")
    page.goto(f"{live_server}/")
    assert page.url == f"{live_server}/login"
    page.get_by_label("Your staff id").fill("dr-lee")
    page.get_by_label("Password").fill(PASSWORD)
    screenshot(page, "1-password")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{live_server}/login/code")
    page.get_by_label("6-digit code").fill(texted_code_from_the_message_log(live_server, "dr-lee"))
    screenshot(page, "2-code")
    page.keyboard.press("Enter")  # the forms work from the keyboard alone
    page.wait_for_url(f"{live_server}/")
    assert page.get_by_role("heading", name="Clinician home").is_visible()
    assert "Dana Lee" in page.content()
    assert page.get_by_text("My on-call week").is_visible()
    screenshot(page, "3-home")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/login\?m=signed-out$"))
    assert page.get_by_text("You are signed out.").is_visible()
