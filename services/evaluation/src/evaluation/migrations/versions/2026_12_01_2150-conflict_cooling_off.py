"""conflict cooling off: years after which an examiner's former employer no longer conflicts

Revision ID: 2e6f8a0b4c71
Revises: 9d4a7e1c2b36
Create Date: 2026-12-01 21:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2e6f8a0b4c71"
down_revision: str | None = "9d4a7e1c2b36"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("society_policies", sa.Column("conflict_cooling_off_years", sa.Integer(),
                                                nullable=False, server_default="3"))


def downgrade() -> None:
    op.drop_column("society_policies", "conflict_cooling_off_years")
