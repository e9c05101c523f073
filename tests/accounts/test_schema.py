"""The migrations (0004 for accounts) build exactly the tables the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from router.core.db import get_engine
from router.store.models import Base


def test_the_migrated_database_matches_the_models(database_url: str) -> None:
    with get_engine().connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_the_account_tables_exist_after_upgrade(database_url: str) -> None:
    tables = set(inspect(get_engine()).get_table_names())
    assert {"staff_credentials", "staff_invites", "sign_in_challenges", "web_sessions"} <= tables
    columns = {c["name"] for c in inspect(get_engine()).get_columns("api_tokens")}
    assert {"created_at", "last_used_at", "revoked_at"} <= columns
