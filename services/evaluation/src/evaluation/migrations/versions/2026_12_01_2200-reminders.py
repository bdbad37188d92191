"""reminders: one row per reminder occasion, and the reminder lead times of each society

Revision ID: 6c0d3b9e5a82
Revises: 2e6f8a0b4c71
Create Date: 2026-12-01 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6c0d3b9e5a82"
down_revision: str | None = "2e6f8a0b4c71"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("society_policies", sa.Column("examiner_reminder_days", sa.Integer(),
                                                nullable=False, server_default="14"))
    op.add_column("society_policies", sa.Column("supplement_reminder_days", sa.Integer(),
                                                nullable=False, server_default="3"))
    op.create_table(
        "reminders_sent",
        sa.Column("occasion", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("recipient", sa.String(length=100), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"],
                                name=op.f("fk_reminders_sent_case_id_cases"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("occasion", name=op.f("pk_reminders_sent")),
    )
    op.create_index(op.f("ix_reminders_sent_case_id"), "reminders_sent", ["case_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reminders_sent_case_id"), table_name="reminders_sent")
    op.drop_table("reminders_sent")
    op.drop_column("society_policies", "supplement_reminder_days")
    op.drop_column("society_policies", "examiner_reminder_days")
