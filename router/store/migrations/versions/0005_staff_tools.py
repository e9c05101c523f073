"""staff tools: active flags, office hours and holidays, iCal feeds, cover requests,
coverage alerts

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clinicians", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default="1", nullable=False))
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.add_column(sa.Column("active", sa.Boolean(), server_default="1", nullable=False))
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("office_hours", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("holidays", sa.JSON(), server_default="[]", nullable=False))

    op.create_table(
        "ical_feeds",
        sa.Column("clinician_id", sa.String(length=64), nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["clinician_id"], ["clinicians.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("clinician_id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "cover_requests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=True),
        sa.Column("asker_id", sa.String(length=64), nullable=False),
        sa.Column("colleague_id", sa.String(length=64), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("duty", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("cover_window_id", sa.Integer(), nullable=True),
        sa.Column("off_window_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["asker_id"], ["clinicians.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["colleague_id"], ["clinicians.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["practice_id"], ["practices.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["window_id"], ["oncall_windows.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["cover_window_id"], ["oncall_windows.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["off_window_id"], ["oncall_windows.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cover_requests", schema=None) as batch_op:
        batch_op.create_index("ix_cover_colleague_status", ["colleague_id", "status"], unique=False)
    op.create_table(
        "coverage_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("practice_id", sa.String(length=64), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("patients", sa.JSON(), nullable=False),
        sa.Column("told_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["practice_id"], ["practices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("practice_id", "starts_at", "ends_at", name="uq_coverage_alert_gap"),
    )


def downgrade() -> None:
    op.drop_table("coverage_alerts")
    with op.batch_alter_table("cover_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_cover_colleague_status")
    op.drop_table("cover_requests")
    op.drop_table("ical_feeds")
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.drop_column("holidays")
        batch_op.drop_column("office_hours")
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_column("active")
    with op.batch_alter_table("clinicians", schema=None) as batch_op:
        batch_op.drop_column("active")
