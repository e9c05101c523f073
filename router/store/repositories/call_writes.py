"""A call answered from the route snapshot, written at once (router/calls/quick.py): the
contact, its follow-up, both events (in order) and the first leg, only while the route
version (migration 0009) is the snapshot's."""

from __future__ import annotations

import json
import re
from datetime import UTC
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool
from sqlalchemy import JSON, bindparam, insert, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from router.store.models import CallLeg, Contact, ContactEvent, FollowUp, UTCDateTime
from router.store.repositories.route_data import route_version

# PostgreSQL: the contact, its follow-up, both events (in order) and the first leg in one
# statement, written only while the route version is the snapshot's. It answers the new
# contact's id (none: a retry, or the version moved) and the version it saw.
WRITE = text(
    """
WITH v AS (SELECT n FROM route_versions WHERE id = 1),
c AS (
    INSERT INTO contacts (id, sid, channel, practice_id, patient_id, from_number, to_number,
        started_at, outcome, route, crisis_line, language, escalation_step, round_start)
    SELECT :id, :sid, :channel, :practice_id, :patient_id, :from_number, :to_number,
        :at, :outcome, CAST(:route AS JSON), :crisis_line, :language, 0, 0
    FROM v WHERE v.n = :version
    ON CONFLICT (sid) DO NOTHING
    RETURNING id
),
f AS (
    INSERT INTO follow_ups (contact_id, assignee, due, status, urgent)
    SELECT id, :assignee, :due, :status, false FROM c
),
e AS (
    INSERT INTO contact_events (contact_id, at, type, clinician_id, key, detail)
    SELECT c.id, :at, x.type, x.clinician_id, x.key, x.detail
    FROM c, (VALUES
        (1, CAST(:type1 AS VARCHAR), CAST(:key1 AS VARCHAR), CAST(NULL AS VARCHAR),
            CAST(:detail1 AS JSON)),
        (2, CAST(:type2 AS VARCHAR), CAST(:key2 AS VARCHAR), CAST(:clinician2 AS VARCHAR),
            CAST(:detail2 AS JSON))
    ) AS x(ord, type, key, clinician_id, detail)
    ORDER BY x.ord
),
l AS (
    INSERT INTO call_legs (contact_id, step, clinician_id, answered, accepted)
    SELECT id, :step, :leg_clinician, false, false FROM c
    WHERE CAST(:leg_clinician AS VARCHAR) IS NOT NULL
)
SELECT (SELECT id FROM c) AS id, (SELECT n FROM v) AS version
"""
).bindparams(
    bindparam("at", type_=UTCDateTime()),
    bindparam("due", type_=UTCDateTime()),
    bindparam("route", type_=JSON()),
    bindparam("detail1", type_=JSON()),
    bindparam("detail2", type_=JSON()),
)


# The same statement in the driver's own parameter style (psycopg: %(name)s).
DRIVER_WRITE = re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", WRITE.text)


def driver_values(values: dict[str, Any]) -> dict[str, Any]:
    """The bound values as the column types would bind them: naive UTC, JSON text."""
    out = dict(values)
    for key in ("at", "due"):
        out[key] = values[key].astimezone(UTC).replace(tzinfo=None)
    for key in ("route", "detail1", "detail2"):
        out[key] = json.dumps(values[key])
    return out


def write_in_transaction(session: Session, values: dict[str, Any]) -> tuple[bool, int | None]:
    """PostgreSQL, in the session's transaction: (written, the version the write saw)."""
    row = session.execute(WRITE, values).one()
    return row.id is not None, row.version


def write_autocommit(session: Session, values: dict[str, Any]) -> tuple[bool, int | None]:
    """PostgreSQL, committed as it runs, on a pooled connection of the session's engine."""
    pooled = session.get_bind().engine.raw_connection()
    try:
        driver = pooled.driver_connection
        assert driver is not None
        driver.autocommit = True
        try:
            with driver.cursor() as cursor:
                cursor.execute(DRIVER_WRITE, driver_values(values), prepare=True)
                found = cursor.fetchone()
        finally:
            driver.autocommit = False
    finally:
        pooled.close()  # back to the pool
    assert found is not None
    return found[0] is not None, found[1]


async def send(
    connections: AsyncConnectionPool[AsyncConnection],
    connection: AsyncConnection,
    values: dict[str, Any],
) -> tuple[Any, ...]:
    """PostgreSQL, on the event loop, on an autocommit connection of the pool (returned to
    it whatever happens): (the new contact's id or None, the version the write saw)."""
    try:
        cursor = await connection.execute(DRIVER_WRITE, driver_values(values), prepare=True)
        found = await cursor.fetchone()
    finally:
        await connections.putconn(connection)
    assert found is not None
    return tuple(found)


def write_in_steps(
    session: Session, expected_version: int, values: dict[str, Any]
) -> tuple[bool, int | None]:
    """The same rows on SQLite, which writes locally (no round trips to save) and holds its
    write lock from the version check to the commit."""
    version = route_version(session)
    if version != expected_version:
        return False, version
    inserted = session.scalar(
        sqlite_insert(Contact)
        .values(
            id=values["id"],
            sid=values["sid"],
            channel=values["channel"],
            practice_id=values["practice_id"],
            patient_id=values["patient_id"],
            from_number=values["from_number"],
            to_number=values["to_number"],
            started_at=values["at"],
            outcome=values["outcome"],
            route=values["route"],
            crisis_line=values["crisis_line"],
            language=values["language"],
            escalation_step=0,
            round_start=0,
        )
        .on_conflict_do_nothing(index_elements=["sid"])
        .returning(Contact.id)
    )
    if inserted is None:
        return False, version
    session.execute(
        insert(FollowUp).values(
            contact_id=inserted,
            assignee=values["assignee"],
            due=values["due"],
            status=values["status"],
            urgent=False,
        )
    )
    session.execute(
        insert(ContactEvent),
        [
            {
                "contact_id": inserted,
                "at": values["at"],
                "type": values["type1"],
                "key": values["key1"],
                "clinician_id": None,
                "detail": values["detail1"],
            },
            {
                "contact_id": inserted,
                "at": values["at"],
                "type": values["type2"],
                "key": values["key2"],
                "clinician_id": values["clinician2"],
                "detail": values["detail2"],
            },
        ],
    )
    if values["leg_clinician"] is not None:
        session.execute(
            insert(CallLeg).values(
                contact_id=inserted,
                step=values["step"],
                clinician_id=values["leg_clinician"],
                answered=False,
                accepted=False,
            )
        )
    return True, version
