"""Signing in the way a person does: password, then the texted code."""

from __future__ import annotations

from typing import Any

from tests.accounts.staff import PASSWORD, give_password, texted_code


def sign_in_in_the_browser(page: Any, base: str, user: str) -> None:
    give_password(user)
    page.goto(f"{base}/login")
    page.get_by_label("Your staff id").fill(user)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/login/code")
    page.get_by_label("6-digit code").fill(texted_code(user))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
