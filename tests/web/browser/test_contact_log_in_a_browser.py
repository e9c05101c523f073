"""A supervisor, in a real browser on a phone-sized screen: filters the contact log, opens a
contact's timeline, exports the log as CSV, reads the contact's audit trail and closes its
follow-up."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.clinic import ANA, CHEN, LEE, PRACTICE_NUMBER, SAM
from tests.web.browser.signing_in import sign_in_in_the_browser


@pytest.fixture
def night_of_calls(roster: None, clock: Any, sim: Any) -> None:
    """Sam reaches Dr Lee; Ana (Dr Chen's) gets the crisis line. Placed before the live
    server starts: it re-points PUBLIC_BASE_URL, which the simulator's signatures cover."""
    sim.phone(LEE).answers_and_presses("1")
    sim.call(SAM, PRACTICE_NUMBER)
    clock.advance(minutes=30)
    sim.phone(CHEN).no_answer()
    sim.call(ANA, PRACTICE_NUMBER)
    clock.advance(minutes=30)


def test_a_supervisor_filters_the_log_opens_a_timeline_exports_csv_and_closes_a_follow_up(
    night_of_calls: None, live_server: str, page: Any, screenshot: Any
) -> None:
    sign_in_in_the_browser(page, live_server, "sup-ortiz")
    page.get_by_role("link", name="Contact log").click()
    page.wait_for_url(f"{live_server}/contacts")
    assert page.get_by_role("heading", name="2 contacts").is_visible()
    screenshot(page, "1-log")

    page.get_by_label("Outcome").select_option("crisis_line")
    page.get_by_role("button", name="Show contacts").click()
    page.wait_for_url(f"{live_server}/contacts?*outcome=crisis_line*")
    assert page.get_by_role("heading", name="1 contact").is_visible()
    results = page.locator("ul.records").inner_text()
    assert "Ana Gomez" in results
    assert "Sam Rivera" not in results
    screenshot(page, "2-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="Export these as CSV").click()
    exported = Path(download.value.path()).read_text()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["outcome"] for row in rows] == ["crisis_line"]
    assert rows[0]["patient"] == "pt-ana"

    page.get_by_role("link", name="texts from Ana Gomez").or_(
        page.get_by_role("link", name="call from Ana Gomez")
    ).first.click()
    page.wait_for_url(f"{live_server}/contacts/ct_*")
    assert page.get_by_role("heading", name="Call from Ana Gomez").is_visible()
    assert page.get_by_text("sent to the crisis line").is_visible()
    assert page.get_by_role("table").first.is_visible()  # the legs
    screenshot(page, "3-timeline")

    page.get_by_role("link", name="Audit trail of this contact").click()
    assert page.get_by_role("heading", name="Audit trail of contact").is_visible()
    assert page.get_by_role("cell", name="contacts.export").is_visible()
    screenshot(page, "4-audit-trail")

    page.get_by_role("link", name="Home").click()
    page.get_by_role("link", name="Follow-up queue").click()
    page.wait_for_url(f"{live_server}/follow-ups")
    item = page.locator("li[id^=fu-]").filter(has_text="Ana Gomez")
    item.get_by_label("Note").fill("Called Ana at 9:10; safe, plan reviewed.")
    item.get_by_role("button", name="Close").click()
    page.wait_for_url(f"{live_server}/follow-ups?show=open&m=close*")
    assert page.get_by_text("Closed.").is_visible()
    assert page.locator("li[id^=fu-]").filter(has_text="Ana Gomez").count() == 0
    screenshot(page, "5-follow-up-closed")
    page.get_by_role("link", name="Done").click()
    assert (
        "Called Ana at 9:10"
        in page.locator("li[id^=fu-]").filter(has_text="Ana Gomez").inner_text()
    )
