"""A clinician, in a real browser on a phone-sized screen, adds an on-call window on her week
page, and `afterhours who` changes at once."""

from __future__ import annotations

from typing import Any

from tests.clinic import THURSDAY_NOON
from tests.web.browser.signing_in import sign_in_in_the_browser
from tests.web.browser.who import route_of


def test_a_clinician_adds_a_window_and_who_changes(
    roster: None, clock: Any, live_server: str, page: Any, screenshot: Any
) -> None:
    clock.set(THURSDAY_NOON)  # Thursday 12:00 in New York: nobody is on call
    at = "2026-11-26T12:30:00-05:00"
    assert route_of("pt-sam", at) == []

    sign_in_in_the_browser(page, live_server, "dr-lee")
    page.get_by_role("link", name="My on-call week").click()
    page.wait_for_url(f"{live_server}/week")
    assert page.get_by_role("heading", name="My on-call week").is_visible()
    screenshot(page, "1-week")

    add = page.locator('form[action="/week/windows"]')
    add.get_by_role("radio", name="Once").check()
    add.get_by_label("Once, or time off, from").fill("2026-11-26T12:00")
    add.get_by_label("until").fill("2026-11-26T15:00")
    add.get_by_role("button", name="Add").click()
    page.wait_for_url(f"{live_server}/week?m=added")
    assert page.get_by_text("Window added.").is_visible()
    assert page.get_by_text("12:00 to Thu 15:00").first.is_visible()
    screenshot(page, "2-added")

    assert route_of("pt-sam", at) == ["dr-lee"]
