"""`GET /api/v1/me` and each clinician's private, revocable iCal feed (SPEC §11)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pytest
import yaml
from icalendar import Calendar
from sqlalchemy import select

from router.core.db import session_scope
from router.roster.parse import parse_roster
from router.store.models import AuditEntry, IcalFeed
from router.store.repositories.roster import apply_roster
from tests.api.staff import bearer, load_two_practices
from tests.clinic import BASE_URL, DATA


@pytest.fixture(autouse=True)
def _practices(database_url: str, clock) -> None:
    load_two_practices()


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_me_says_who_the_caller_is(client) -> None:
    body = client.get("/api/v1/me", headers=bearer("dr-chen")).json()
    assert {k: body[k] for k in ("id", "role", "practice")} == {
        "id": "dr-chen",
        "role": "clinician",
        "practice": "riverside",
    }
    assert body["ical_url"].startswith(f"{BASE_URL}/api/v1/ical/")
    again = client.get("/api/v1/me", headers=bearer("dr-chen")).json()
    assert again["ical_url"] == body["ical_url"]
    assert client.get("/api/v1/me").status_code == 401


def test_the_feed_lists_weekly_windows_as_rrules_in_the_clinicians_zone(client) -> None:
    url = client.get("/api/v1/me", headers=bearer("dr-chen")).json()["ical_url"]
    response = client.get(path_of(url))  # no bearer: the URL's secret is the credential
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    start: datetime = event.decoded("DTSTART")
    assert str(start.tzinfo) == "America/Chicago"
    assert (start.hour, start.minute) == (18, 0)
    assert event.decoded("DTEND").hour == 22
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert "pt-" not in response.text


def test_the_feed_shows_one_off_windows_and_time_off(client) -> None:
    headers = bearer("dr-lee")
    client.post(
        "/api/v1/windows",
        json={"from": "2026-12-24T18:00", "to": "2026-12-26T08:00"},
        headers=headers,
    )
    client.post(
        "/api/v1/windows",
        json={"from": "2026-12-31T17:00", "to": "2027-01-01T09:00", "off": True},
        headers=headers,
    )
    url = client.get("/api/v1/me", headers=headers).json()["ical_url"]
    events = list(Calendar.from_ical(client.get(path_of(url)).content).walk("VEVENT"))
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert summaries == [
        "Off call (time off): Riverside DBT Clinic",
        "On call: Riverside DBT Clinic",
        "On call: Riverside DBT Clinic",
    ]
    one_off = [e for e in events if "RRULE" not in e and "Off" not in str(e["SUMMARY"])][0]
    assert one_off.decoded("DTSTART").isoformat() == "2026-12-24T18:00:00-05:00"


def test_revoking_gives_a_new_url_and_the_old_one_stops_working(client) -> None:
    headers = bearer("dr-lee")
    old = client.get("/api/v1/me", headers=headers).json()["ical_url"]
    new = client.post("/api/v1/me/ical/revoke", headers=headers).json()["ical_url"]
    assert new != old
    assert client.get(path_of(old)).status_code == 404
    assert client.get(path_of(new)).status_code == 200
    assert client.get("/api/v1/me", headers=headers).json()["ical_url"] == new
    with session_scope() as session:
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "ical.revoke")).one()
        feed = session.get(IcalFeed, "dr-lee")
        assert feed is not None
        assert feed.token_hash not in new  # only the hash is stored


def test_a_made_up_or_deactivated_feed_is_not_found(client) -> None:
    assert client.get("/api/v1/ical/nope.ics").status_code == 404
    assert client.get("/api/v1/ical/" + "a" * 100 + ".ics").status_code == 404
    url = client.get("/api/v1/me", headers=bearer("dr-wu")).json()["ical_url"]

    from tests.roster_files import load, without_clinician  # noqa: F401

    harbor = yaml.safe_load((DATA / "roster_harbor.yaml").read_text())
    harbor["clinicians"] = [{"id": "dr-yu", "name": "Yu", "phone": "617-555-0124"}]
    harbor["patients"][0]["care_team"] = ["dr-yu"]
    harbor["windows"] = []
    with session_scope() as session:
        apply_roster(session, parse_roster(yaml.safe_dump(harbor)))
    assert client.get(path_of(url)).status_code == 404
