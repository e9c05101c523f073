"""durable escalations

Escalation deadlines kept in the database (S4), and when a queued message's next try is due.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "escalation_deadlines",
        sa.Column("id", sa.String(length=96), nullable=False),
        sa.Column("contact_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("inbound_sid", sa.String(length=64), nullable=True),
        sa.Column("message_id", sa.String(length=32), nullable=True),
        sa.Column("wait_s", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["contact_id"], ["contacts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("escalation_deadlines", schema=None) as batch_op:
        batch_op.create_index("ix_escalation_deadline_due", ["done_at", "due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_escalation_deadlines_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_escalation_deadlines_message_id"), ["message_id"], unique=False
        )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("send_after", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_messages_send_after"), ["send_after"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_send_after"))
        batch_op.drop_column("send_after")
    with op.batch_alter_table("escalation_deadlines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_escalation_deadlines_message_id"))
        batch_op.drop_index(batch_op.f("ix_escalation_deadlines_contact_id"))
        batch_op.drop_index("ix_escalation_deadline_due")
    op.drop_table("escalation_deadlines")
