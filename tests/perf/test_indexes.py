"""Every query the voice and text webhooks run uses an index (issue 9, SPEC §10): on PostgreSQL
with tables of a realistic size, EXPLAIN of each statement a whole screened call, a text, a
status callback send shows no sequential scan of a large table.

Skipped without TEST_DATABASE_URL (use a database of your own, never the shared one).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, text

from router import background
from router.core.db import get_engine, session_scope
from router.store.repositories import oncall_index
from tests.clinic import LEE, PRACTICE_NUMBER, SAM

LARGE = (
    "oncall_windows",
    "patients",
    "patient_phones",
    "care_team_members",
    "clinicians",
    "contacts",
    "contact_events",
    "call_legs",
    "follow_ups",
    "coaching_pauses",
)

BULK = """
INSERT INTO clinicians (id, practice_id, name, phone, role, timezone, position)
SELECT 'bc-' || n, 'riverside', 'Bulk Clinician', '+1555' || lpad(n::text, 7, '0'),
       'clinician', NULL, 100 + n FROM generate_series(1, 2000) AS n;
INSERT INTO patients (id, practice_id, name, language, textable)
SELECT 'bp-' || n, 'riverside', 'Bulk Patient', 'en', true FROM generate_series(1, 30000) n;
INSERT INTO patient_phones (practice_id, patient_id, e164, position)
SELECT 'riverside', 'bp-' || n, '+1556' || lpad(n::text, 7, '0'), 0
FROM generate_series(1, 30000) n;
INSERT INTO care_team_members (patient_id, clinician_id, position)
SELECT 'bp-' || n, 'bc-' || (1 + n % 2000), 0 FROM generate_series(1, 30000) n;
INSERT INTO coaching_pauses (clinician_id, patient_id, until, created_at)
SELECT 'bc-' || (1 + n % 2000), 'bp-' || n, now() - interval '1 day', now()
FROM generate_series(1, 30000) n;
INSERT INTO oncall_windows (practice_id, clinician_id, source, kind, days, local_start,
       local_end, starts_at, ends_at, duty, off, created_at)
SELECT 'riverside', 'bc-' || (1 + n % 2000), 'roster', 'oneoff', 0, '2020-01-01T00:00',
       '2020-01-01T12:00',
       timestamp '2021-01-01' + (n * interval '17 minutes'),
       timestamp '2021-01-01' + (n * interval '17 minutes') + interval '12 hours',
       n % 20 = 0, n % 33 = 0, now()
FROM generate_series(1, 200000) n;
INSERT INTO contacts (id, sid, channel, practice_id, patient_id, started_at, outcome, route,
       crisis_line, language, escalation_step, round_start)
SELECT 'ct_bulk' || n, 'CAbulk' || n, 'voice', 'riverside', 'bp-' || (1 + n % 30000),
       timestamp '2024-01-01' + n * interval '5 minutes', 'connected', '[]', '+15550100111',
       'en', 0, 0 FROM generate_series(1, 30000) n;
INSERT INTO contact_events (contact_id, at, type, clinician_id, key, detail)
SELECT 'ct_bulk' || (1 + n % 30000), now(), 'greeted', NULL, 'greeted:' || n, '{}'
FROM generate_series(1, 60000) n;
INSERT INTO call_legs (contact_id, step, clinician_id, answered, accepted)
SELECT 'ct_bulk' || n, 0, 'bc-' || (1 + n % 2000), true, true FROM generate_series(1, 30000) n;
INSERT INTO follow_ups (contact_id, assignee, due, status, urgent)
SELECT 'ct_bulk' || n, 'bc-' || (1 + n % 2000), timestamp '2024-01-02', 'done', false
FROM generate_series(1, 30000) n;
ANALYZE;
"""


@pytest.fixture(autouse=True)
def _postgres_only(database_url: str, roster: None, clock: object) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("EXPLAIN is checked on PostgreSQL (set TEST_DATABASE_URL)")
    with session_scope() as session:
        for statement in BULK.split(";"):
            if statement.strip():
                session.execute(text(statement))


@pytest.fixture
def statements(client: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Any]]]:
    """What runs once the app is up: the warm-up before it (which computes each practice's
    on-call index from the whole window table, once) and the background refresh after the
    roster load are not on any request's path."""
    monkeypatch.setattr(background, "_refresh_index", lambda _every: None)
    with session_scope() as session:
        oncall_index.refresh(session)
    time.sleep(background.SPOOL_REPLAY_INTERVAL_S + 0.5)  # a refresh under way has finished
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    engine = get_engine()
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def _sequential_scans(statement: str, parameters: Any) -> list[str]:
    raw = get_engine().raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("EXPLAIN " + statement, parameters)
        plan = "\n".join(str(row[0]) for row in cursor.fetchall())
    finally:
        raw.close()
    return [t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in LARGE]


def test_no_webhook_query_scans_a_large_table(sim, client, statements):
    sim.phone(LEE).answers_and_presses("1")
    call = sim.call(SAM, PRACTICE_NUMBER)
    assert call.bridged_to == LEE
    sim.text(SAM, PRACTICE_NUMBER, "can we talk tonight")
    assert len(statements) > 20
    # The check itself sees a scan where there is one (the route query before 0007 was one).
    assert _sequential_scans(
        "SELECT id FROM oncall_windows WHERE kind = 'weekly' OR ends_at > now()", None
    ) == ["oncall_windows"]
    scans = {}
    for statement, parameters in statements:
        found = _sequential_scans(statement, parameters)
        if found:
            scans[statement.split(" FROM ", 1)[-1][:300] + repr(parameters)] = found
    assert not scans, scans
