"""barred applicants: lifetime bans received from member.barred

Revision ID: 5b8e2c4d9f10
Revises: c3f1a9d2e7b4
Create Date: 2026-12-01 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5b8e2c4d9f10"
down_revision: str | None = "c3f1a9d2e7b4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "barred_applicants",
        sa.Column("applicant_id", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("barred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id", name=op.f("pk_barred_applicants")),
    )


def downgrade() -> None:
    op.drop_table("barred_applicants")
