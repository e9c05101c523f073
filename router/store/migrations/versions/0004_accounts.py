"""staff accounts: passwords, invites, sign-in challenges, web sessions; token last use

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_credentials",
        sa.Column("clinician_id", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["clinician_id"], ["clinicians.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("clinician_id"),
    )
    for table, extra in (
        ("staff_invites", [sa.Column("used_at", sa.DateTime(), nullable=True)]),
        (
            "sign_in_challenges",
            [
                sa.Column("code_hash", sa.String(length=64), nullable=False),
                sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
                sa.Column("used_at", sa.DateTime(), nullable=True),
            ],
        ),
        (
            "web_sessions",
            [
                sa.Column("last_seen_at", sa.DateTime(), nullable=False),
                sa.Column("revoked_at", sa.DateTime(), nullable=True),
            ],
        ),
    ):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("clinician_id", sa.String(length=64), nullable=False),
            sa.Column("token_hash", sa.String(length=64), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
            *extra,
            sa.ForeignKeyConstraint(["clinician_id"], ["clinicians.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("token_hash"),
        )
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(
                batch_op.f(f"ix_{table}_clinician_id"), ["clinician_id"], unique=False
            )

    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
    for table in ("web_sessions", "sign_in_challenges", "staff_invites"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_clinician_id"))
        op.drop_table(table)
    op.drop_table("staff_credentials")
