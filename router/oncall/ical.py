"""Each clinician's private, revocable iCal feed of their on-call windows (SPEC §11).

The feed's URL carries a secret derived with HMAC from this deployment's signing token and
a per-clinician nonce; the database keeps only the nonce and the secret's SHA-256, so the
URL can be shown again (GET /api/v1/me) and a new nonce revokes the old URL.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur
from sqlalchemy.orm import Session

from policies.schedule import DAY_NAMES, parse_clock
from router.core.settings import get_settings
from router.store.models import Clinician, CoverRequest, IcalFeed, OnCallWindow, Practice
from router.store.repositories import audit, staff
from router.twilio.signature import webhook_token

_RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FEED_PATH = "/api/v1/ical/{token}.ics"


def _secret(clinician_id: str, nonce: str) -> str:
    key = webhook_token(get_settings()).encode()
    digest = hmac.new(key, f"ical:{clinician_id}:{nonce}".encode(), hashlib.sha256)
    return digest.hexdigest()[:40]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_feed(session: Session, clinician: Clinician, feed: IcalFeed | None) -> IcalFeed:
    nonce = secrets.token_hex(16)
    token = _secret(clinician.id, nonce)
    if feed is None:
        feed = IcalFeed(clinician_id=clinician.id)
        session.add(feed)
    feed.nonce, feed.token_hash = nonce, _hash(token)
    session.flush()
    return feed


def feed_url(session: Session, clinician: Clinician) -> str:
    """The clinician's feed URL, made on first use."""
    feed = staff.ical_feed(session, clinician.id)
    if feed is None:
        feed = _new_feed(session, clinician, None)
    token = _secret(clinician.id, feed.nonce)
    return get_settings().public_base_url + FEED_PATH.format(token=token)


def revoke(session: Session, clinician: Clinician) -> str:
    """A new feed URL; the old one stops working at once. Audited."""
    _new_feed(session, clinician, staff.ical_feed(session, clinician.id))
    audit.append(session, actor=clinician.id, action="ical.revoke", subject=f"user:{clinician.id}")
    return feed_url(session, clinician)


def clinician_for(session: Session, token: str) -> Clinician | None:
    """The clinician a feed URL's secret belongs to, or None (unknown, revoked, inactive)."""
    feed = staff.ical_feed_by_hash(session, _hash(token))
    if feed is None or not hmac.compare_digest(_secret(feed.clinician_id, feed.nonce), token):
        return None
    clinician = session.get(Clinician, feed.clinician_id)
    return clinician if clinician is not None and clinician.active else None


def _first_day(days: list[int], anchor: date) -> date:
    day = anchor
    while day.weekday() not in days:
        day += timedelta(days=1)
    return day


def _event(
    row: OnCallWindow, zone: ZoneInfo, practice: Practice, cover: CoverRequest | None = None
) -> Event:
    event = Event()
    event.add("uid", f"window-{row.id}@afterhours.{practice.id}")
    label = "Off call (time off)" if row.off else "On call (duty)" if row.duty else "On call"
    if cover is not None:  # an accepted cover request: say whose stretch it is
        label = "Off call (covered by a colleague)" if row.off else "On call (covering)"
    event.add("summary", f"{label}: {practice.name}")
    event.add("dtstamp", row.created_at)
    event.add("transp", "TRANSPARENT" if row.off else "OPAQUE")
    if row.kind == "weekly":
        assert row.start_time is not None and row.end_time is not None
        days = [i for i in range(len(DAY_NAMES)) if row.days & (1 << i)]
        start_clock = parse_clock(row.start_time)
        assert start_clock is not None
        end_clock = parse_clock(row.end_time)
        # The week the window was set in, so the first occurrence is a real one.
        first = _first_day(days, row.created_at.astimezone(zone).date() - timedelta(days=7))
        start = datetime.combine(first, start_clock, tzinfo=zone)
        if end_clock is None:
            end = datetime.combine(first + timedelta(days=1), time(), tzinfo=zone)
        elif end_clock <= start_clock:
            end = datetime.combine(first + timedelta(days=1), end_clock, tzinfo=zone)
        else:
            end = datetime.combine(first, end_clock, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("rrule", vRecur(freq="WEEKLY", byday=[_RRULE_DAYS[d] for d in days]))
    else:
        assert row.local_start is not None and row.local_end is not None
        event.add("dtstart", datetime.fromisoformat(row.local_start).replace(tzinfo=zone))
        event.add("dtend", datetime.fromisoformat(row.local_end).replace(tzinfo=zone))
    return event


def feed(session: Session, clinician: Clinician) -> bytes:
    """The calendar: every window of the clinician, weekly ones as RRULEs in their zone."""
    practice = session.get(Practice, clinician.practice_id)
    assert practice is not None
    zone = ZoneInfo(clinician.timezone or practice.timezone)
    calendar = Calendar()
    calendar.add("prodid", "-//afterhours//on-call windows//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"On call: {practice.name}")
    calendar.add("x-wr-timezone", str(zone))
    covers = staff.covers_by_window(session, clinician.id)
    for row in staff.windows(session, practice.id, clinician.id):
        calendar.add_component(_event(row, zone, practice, covers.get(row.id)))
    calendar.add_missing_timezones()
    feed: bytes = calendar.to_ical()
    return feed
