"""A clinician, in a real browser on a phone-sized screen, pauses coaching for her patient on
the pauses page, sees `who` skip her, ends the pause now, and is on the route again."""

from __future__ import annotations

from typing import Any

from tests.web.browser.signing_in import sign_in_in_the_browser
from tests.web.browser.who import route_of


def test_a_clinician_pauses_and_ends_it_now_and_who_follows(
    roster: None, clock: Any, live_server: str, page: Any, screenshot: Any
) -> None:
    at = "2026-11-25T21:05:00-05:00"  # Wednesday evening: Lee then Patel for Sam
    assert route_of("pt-sam", at) == ["dr-lee", "dr-patel"]

    sign_in_in_the_browser(page, live_server, "dr-lee")
    page.get_by_role("link", name="My coaching pauses").click()
    page.wait_for_url(f"{live_server}/pauses")
    assert page.get_by_role("heading", name="My coaching pauses").is_visible()
    page.get_by_label("Patient").select_option(label="Sam Rivera")
    page.get_by_label("Paused until").fill("2026-11-26T09:00")
    screenshot(page, "1-form")
    page.get_by_role("button", name="Pause", exact=True).click()
    page.wait_for_url(f"{live_server}/pauses?m=paused")
    assert page.get_by_text("paused for you until Thu 26 Nov 09:00").is_visible()
    screenshot(page, "2-paused")
    assert route_of("pt-sam", at) == ["dr-patel"]

    page.get_by_role("button", name="End now (the pause for Sam Rivera)").click()
    page.wait_for_url(f"{live_server}/pauses?m=ended")
    assert page.get_by_text("No coaching pause is running.").is_visible()
    assert page.get_by_text("ended early").is_visible()
    screenshot(page, "3-ended")
    assert route_of("pt-sam", at) == ["dr-lee", "dr-patel"]
