"""applications withdrawn without a decision

Revision ID: e66ece4ca63b
Revises: a3eb4ecc1601
Create Date: 2026-12-01 21:30:50.705306
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e66ece4ca63b"
down_revision: str | None = "a3eb4ecc1601"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "application_facts", sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("application_facts", "withdrawn_at")
