"""staff notices: coaching pauses ended early, overdue follow-ups flagged once, the morning
follow-up texts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 08:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("coaching_pauses", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("ended_by", sa.String(length=64), nullable=True))
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("flagged_overdue_at", sa.DateTime(), nullable=True))
    op.create_table(
        "follow_up_digests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("clinician_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("open_count", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["clinician_id"], ["clinicians.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("clinician_id", "day", name="uq_follow_up_digest_day"),
    )


def downgrade() -> None:
    op.drop_table("follow_up_digests")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_column("flagged_overdue_at")
    with op.batch_alter_table("coaching_pauses", schema=None) as batch_op:
        batch_op.drop_column("ended_by")
        batch_op.drop_column("ended_at")
