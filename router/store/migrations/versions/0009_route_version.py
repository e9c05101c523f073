"""route version: one counter that every change to what a route is made of moves

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 15:00:00

A web process keeps the route data of its practices in memory between calls
(router/contacts/snapshot.py) and proves it current inside each call's one write: that
write happens only while the counter still reads what it read when it loaded. Triggers move
the counter, so no writer (roster load, the windows API, a text command, psql) can forget
to. PostgreSQL: statement triggers over the transition tables, so a statement that changes
nothing moves nothing (an unchanged roster reload writes no row), and the counter moves once
per transaction however many statements it runs (a roster load). SQLite has row triggers
only; its writes are local and cheap.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# What plan_for and identify read: a change to any of these can change a route.
ROUTE_TABLES = (
    "practices",
    "practice_numbers",
    "clinicians",
    "patients",
    "patient_phones",
    "care_team_members",
    "oncall_windows",
    "coaching_pauses",
    "cover_requests",
)
BUMP = "UPDATE route_versions SET n = n + 1 WHERE id = 1"
# PostgreSQL: once per transaction (a roster load is thousands of statements, and one move
# of the counter, committed with them, says the same as thousands).
ONCE = (
    "IF current_setting('afterhours.route_moved', true) IS DISTINCT FROM "
    "txid_current()::text THEN " + BUMP + "; "
    "PERFORM set_config('afterhours.route_moved', txid_current()::text, true); END IF;"
)


def upgrade() -> None:
    op.create_table(
        "route_versions",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO route_versions (id, n) VALUES (1, 0)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION afterhours_route_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN IF EXISTS (SELECT 1 FROM changed) THEN " + ONCE + " END IF; "
            "RETURN NULL; END $$"
        )
        op.execute(
            "CREATE FUNCTION afterhours_route_truncated() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN " + ONCE + " RETURN NULL; END $$"
        )
        for table in ROUTE_TABLES:
            for event, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
                op.execute(
                    f"CREATE TRIGGER route_changed_{event.lower()} AFTER {event} ON {table} "
                    f"REFERENCING {rows} TABLE AS changed FOR EACH STATEMENT "
                    "EXECUTE FUNCTION afterhours_route_changed()"
                )
            op.execute(
                f"CREATE TRIGGER route_changed_truncate AFTER TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION afterhours_route_truncated()"
            )
    else:
        for table in ROUTE_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER route_changed_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN {BUMP}; END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ROUTE_TABLES:
            for event in ("insert", "update", "delete", "truncate"):
                op.execute(f"DROP TRIGGER route_changed_{event} ON {table}")
        op.execute("DROP FUNCTION afterhours_route_changed()")
        op.execute("DROP FUNCTION afterhours_route_truncated()")
    else:
        for table in ROUTE_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER route_changed_{table}_{event}")
    op.drop_table("route_versions")
