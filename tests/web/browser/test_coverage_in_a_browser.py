"""A supervisor, in a real browser on a phone-sized screen, opens the coverage view and
selects a red hour to see who is uncovered."""

from __future__ import annotations

from typing import Any

from tests.web.browser.signing_in import sign_in_in_the_browser


def test_a_supervisor_selects_a_gap_hour_and_sees_who(
    roster: None, clock: Any, live_server: str, page: Any, screenshot: Any
) -> None:
    sign_in_in_the_browser(page, live_server, "sup-ortiz")
    page.get_by_role("link", name="Coverage, next 14 days").click()
    page.wait_for_url(f"{live_server}/coverage")
    assert page.get_by_role("heading", name="Coverage, next 14 days").is_visible()
    screenshot(page, "1-coverage")
    page.locator("td.cell a").first.click()
    page.wait_for_url(f"{live_server}/coverage#gap-*")
    assert page.locator("li[id^=gap-]").first.is_visible()
    assert "Jo Park (pt-jo)" in page.locator("ol.records").inner_text()
    screenshot(page, "2-who")
