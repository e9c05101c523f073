"""hot path indexes: the route lookup's practice-wide window parts, a practice's numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 15:45:00

"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_window_practice_duty_start",
        "oncall_windows",
        ["practice_id", "duty", "kind", "starts_at"],
    ),
    ("ix_window_practice_off_start", "oncall_windows", ["practice_id", "off", "kind", "starts_at"]),
    ("ix_practice_number_practice", "practice_numbers", ["practice_id", "position"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
