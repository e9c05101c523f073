"""The contact log pages (SPEC §9, S8): filters, timeline, CSV export, audit trail; every read
audited as the API audits it; the access matrix cell by cell."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from router.core.db import session_scope
from router.store.models import AuditEntry, Clinician, Contact
from router.store.repositories import audit
from router.store.repositories import contacts as contacts_store
from router.web import contacts as web_contacts
from tests.accounts.staff import give_password, sign_in
from tests.clinic import ANA, CHEN, KIM, LEE, PRACTICE_NUMBER, SAM, SATURDAY_10AM
from tests.conftest import load_roster

HARBOR_NUMBER, MAX = "+16175550120", "+16175550129"


@pytest.fixture(autouse=True)
def _night(roster: None, clock: object) -> None:
    load_roster("roster_harbor.yaml")
    with session_scope() as session:
        for user_id, role in (("dr-kim", "admin"), ("dr-wu", "supervisor")):
            member = session.get(Clinician, user_id)
            assert member is not None
            member.role = role


@pytest.fixture
def night_of_calls(sim, clock) -> dict[str, str]:
    """Sam reaches Dr Lee; Ana (Dr Chen's) gets the crisis line; Harbor's Max calls Harbor."""
    sim.phone(LEE).answers_and_presses("1")
    sam = sim.call(SAM, PRACTICE_NUMBER).call_sid
    clock.advance(minutes=30)
    sim.phone(CHEN).no_answer()
    ana = sim.call(ANA, PRACTICE_NUMBER).call_sid
    clock.advance(minutes=5)
    max_ = sim.call(MAX, HARBOR_NUMBER).call_sid
    clock.set(SATURDAY_10AM)
    sim.phone(KIM).answers_and_presses("1")
    with session_scope() as session:
        ids = {
            name: session.scalars(select(Contact.id).where(Contact.sid == sid)).one()
            for name, sid in (("sam", sam), ("ana", ana), ("max", max_))
        }
    return ids


def audit_entries(action: str) -> list[AuditEntry]:
    with session_scope() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))
        session.expunge_all()
        return rows


def signed_in(client, user: str):  # type: ignore[no-untyped-def]
    give_password(user)
    sign_in(client, user)
    return client


# --- the matrix: role x page x another practice ---------------------------------------------

PAGES = ["/contacts", "/contacts.csv", "/contacts/{sam}", "/contacts/{sam}/audit"]


@pytest.mark.parametrize("path", PAGES)
def test_without_a_session_every_log_page_is_the_sign_in_page(client, night_of_calls, path):
    page = client.get(path.format(**night_of_calls), follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login"


@pytest.mark.parametrize("path", PAGES)
def test_a_clinician_has_no_contact_log_pages_S8(client, night_of_calls, path):
    signed_in(client, "dr-lee")  # even for her own patient's contact
    page = client.get(path.format(**night_of_calls))
    assert page.status_code == 403
    assert "Sam Rivera" not in page.text


@pytest.mark.parametrize("user", ["sup-ortiz", "dr-kim"])
@pytest.mark.parametrize("path", PAGES)
def test_supervisor_and_admin_open_every_log_page_of_their_practice(
    client, night_of_calls, user, path
):
    signed_in(client, user)
    assert client.get(path.format(**night_of_calls)).status_code == 200


@pytest.mark.parametrize("user", ["sup-ortiz", "dr-kim"])
@pytest.mark.parametrize("path", ["/contacts/{max}", "/contacts/{max}/audit"])
def test_another_practices_contact_is_not_there_S8(client, night_of_calls, user, path):
    signed_in(client, user)
    page = client.get(path.format(**night_of_calls))
    assert page.status_code == 404
    assert "Max" not in page.text


def test_the_log_shows_only_the_practices_own_contacts(client, night_of_calls):
    signed_in(client, "dr-wu")  # Harbor's supervisor
    page = client.get("/contacts")
    assert night_of_calls["max"] in page.text
    assert night_of_calls["sam"] not in page.text
    assert client.get(f"/contacts/{night_of_calls['sam']}").status_code == 404
    export = client.get("/contacts.csv")
    assert night_of_calls["max"] in export.text
    assert night_of_calls["sam"] not in export.text


def test_a_made_up_contact_id_is_not_found(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    assert client.get("/contacts/ct_nothing").status_code == 404


# --- the log and its filters --------------------------------------------------------------


def test_the_log_lists_the_practices_contacts_newest_first(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    page = client.get("/contacts")
    assert page.status_code == 200
    assert "2 contacts" in page.text
    assert page.text.index(night_of_calls["ana"]) < page.text.index(night_of_calls["sam"])
    assert "Sam Rivera" in page.text
    assert "crisis line" in page.text
    assert '<label for="since">' in page.text
    assert page.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("outcome=crisis_line", "ana", "sam"),
        ("outcome=connected", "sam", "ana"),
        ("patient=pt-ana", "ana", "sam"),
        ("clinician=dr-lee", "sam", "ana"),
        # 21:00 New York is 02:00 UTC: a datetime-local field is read in the practice's zone.
        ("since=2026-11-25T21:15", "ana", "sam"),
        ("until=2026-11-25T21:15", "sam", "ana"),
        ("since=2026-11-26T02:15:00%2B00:00", "ana", "sam"),
    ],
)
def test_each_filter_of_the_api_narrows_the_log(client, night_of_calls, query, shown, hidden):
    signed_in(client, "sup-ortiz")
    page = client.get(f"/contacts?{query}")
    assert page.status_code == 200
    assert night_of_calls[shown] in page.text
    assert night_of_calls[hidden] not in page.text


def test_follow_up_filter_done_shows_nothing_yet(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    page = client.get("/contacts?follow_up=done")
    assert "No contacts match these filters." in page.text
    assert 'value="done" selected' in page.text


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("since=yesterday", "since 'yesterday' is not an ISO 8601 time"),
        ("outcome=happy", "outcome 'happy' is not one of connected"),
        ("follow_up=maybe", "follow_up 'maybe' is not one of open, done"),
        ("patient=pt-max", "patient 'pt-max' is not a patient of this practice"),
        ("clinician=dr-wu", "clinician 'dr-wu' is not on this practice's staff"),
        ("since=2026-11-26T00:00&until=2026-11-25T00:00", "until '2026-11-25T00:00' must be after"),
    ],
)
def test_a_bad_filter_is_named_and_nothing_is_read(client, night_of_calls, query, words):
    signed_in(client, "sup-ortiz")
    before = len(audit_entries("contacts.read"))
    page = client.get(f"/contacts?{query}")
    assert page.status_code == 422
    assert words in page.text.replace("&#39;", "'")
    assert 'aria-invalid="true"' in page.text
    assert night_of_calls["sam"] not in page.text
    assert len(audit_entries("contacts.read")) == before
    assert client.get(f"/contacts.csv?{query}").status_code == 422


def test_every_read_of_the_log_is_audited_as_the_api_audits_it_S8(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    client.get("/contacts?outcome=crisis_line")
    (entry,) = audit_entries("contacts.read")
    assert entry.actor == "sup-ortiz"
    assert entry.subject == "practice:riverside"
    assert entry.detail["contacts"] == [night_of_calls["ana"]]
    assert entry.detail["filters"]["outcome"] == "crisis_line"
    client.get(f"/contacts/{night_of_calls['sam']}")
    opened = audit_entries("contacts.read")[-1]
    assert opened.subject == f"contact:{night_of_calls['sam']}"
    with session_scope() as session:
        assert audit.verify(session).ok


# --- a contact's timeline -----------------------------------------------------------------


def test_a_timeline_shows_each_leg_and_step(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    page = client.get(f"/contacts/{night_of_calls['sam']}")
    assert page.status_code == 200
    assert "Call from Sam Rivera" in page.text
    assert "Legs" in page.text
    assert "Dana Lee" in page.text
    assert "pressed 1: accepted" in page.text
    assert "connected" in page.text
    assert "/audit" in page.text


def test_a_timeline_of_an_unanswered_call_ends_at_the_crisis_line(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    page = client.get(f"/contacts/{night_of_calls['ana']}")
    assert "Wei Chen" in page.text
    assert "no answer" in page.text
    assert "sent to the crisis line" in page.text


# --- CSV ------------------------------------------------------------------------------------


def test_the_csv_export_has_the_filtered_contacts_and_is_audited(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    export = client.get("/contacts.csv?patient=pt-sam")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.text)))
    assert [row["id"] for row in rows] == [night_of_calls["sam"]]
    assert rows[0]["from"] == SAM  # a phone number is left as it is
    assert rows[0]["outcome"] == "connected"
    assert rows[0]["follow_up_assignee"] == "dr-lee"
    (entry,) = audit_entries("contacts.export")
    assert entry.actor == "sup-ortiz"
    assert entry.detail["contacts"] == [night_of_calls["sam"]]


def test_a_csv_cell_never_runs_as_a_formula() -> None:
    from router.web.contacts import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("+16175550199") == "+16175550199"
    assert _cell("+1+1") == "'+1+1"
    assert _cell(None) == ""


# --- a contact's audit trail ----------------------------------------------------------------


def test_the_audit_trail_of_a_contact_lists_who_read_it(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    client.get("/contacts")  # shows Sam's and Ana's contacts
    client.get(f"/contacts/{night_of_calls['sam']}")
    client.get("/contacts.csv?patient=pt-ana")  # does not show Sam's
    trail = client.get(f"/contacts/{night_of_calls['sam']}/audit")
    assert trail.status_code == 200
    assert trail.text.count("<td>contacts.read</td>") == 2
    assert "contacts.export" not in trail.text
    assert "contacts shown: 2" in trail.text
    assert "sup-ortiz" in trail.text
    (entry,) = audit_entries("audit.read")
    assert entry.subject == f"contact:{night_of_calls['sam']}"


def test_the_audit_page_finds_a_contacts_trail(client, night_of_calls):
    signed_in(client, "sup-ortiz")
    page = client.get("/audit")
    assert page.status_code == 200
    assert '<label for="contact">' in page.text
    found = client.get(f"/audit?contact={night_of_calls['sam']}", follow_redirects=False)
    assert found.status_code == 303
    assert found.headers["location"] == f"/contacts/{night_of_calls['sam']}/audit"
    assert client.get(f"/audit?contact={night_of_calls['max']}").status_code == 404
    bad = client.get("/audit?window=seven")
    assert bad.status_code == 422
    assert "window &#39;seven&#39; is not a window number" in bad.text


# --- a read is shown only after its audit entry has committed (issue 11) -------------------


def _audit_write_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("INSERT INTO audit_log", {}, Exception("disk I/O error"))

    monkeypatch.setattr(audit, "append", refuse)


@pytest.mark.parametrize("path", ["/contacts", "/contacts.csv", "/contacts/{sam}"])
def test_a_page_whose_audit_entry_cannot_be_written_fails_and_shows_nothing_S8(
    client, night_of_calls, monkeypatch, path
):
    signed_in(client, "sup-ortiz")
    _audit_write_fails(monkeypatch)
    refused = client.get(path.format(**night_of_calls))
    assert refused.status_code == 503
    assert refused.headers["content-type"].startswith("text/html")  # the refused page
    for secret in (*night_of_calls.values(), SAM, ANA, "Sam Rivera", "pt-sam", "Dana Lee"):
        assert secret not in refused.text
    monkeypatch.undo()
    assert audit_entries("contacts.read") == audit_entries("contacts.export") == []


def _durable_before(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, seen: list[int]
) -> None:
    """Wraps the page's first step after the audited read: it counts, in a session of its own,
    the reads on record at that moment (once: SQLite lets one session write at a time)."""
    step = getattr(owner, name)

    def watched(*args: object, **kwargs: object) -> object:
        if not seen:
            seen.append(len(audit_entries("contacts.read") + audit_entries("contacts.export")))
        return step(*args, **kwargs)

    monkeypatch.setattr(owner, name, watched)


@pytest.mark.parametrize(
    ("path", "owner", "first_step_after"),
    [
        ("/contacts", web_contacts, "_row"),
        ("/contacts.csv", contacts_store, "follow_up"),
        ("/contacts/{sam}", web_contacts, "_names"),
    ],
)
def test_a_page_is_shown_only_after_its_audit_entry_has_committed_S8(
    client, night_of_calls, monkeypatch, path, owner, first_step_after
):
    signed_in(client, "sup-ortiz")
    seen: list[int] = []
    _durable_before(monkeypatch, owner, first_step_after, seen)
    page = client.get(path.format(**night_of_calls))
    assert page.status_code == 200
    assert seen == [1]
