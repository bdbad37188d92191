"""supplement lapse: why a review round opened (first, supplement submitted or lapsed)

Revision ID: 9d4a7e1c2b36
Revises: 5b8e2c4d9f10
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9d4a7e1c2b36"
down_revision: str | None = "5b8e2c4d9f10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("review_rounds", sa.Column("opened_because", sa.String(length=30),
                                             nullable=False, server_default="first"))
    op.execute("UPDATE review_rounds SET opened_because = 'supplement_submitted' "
               "WHERE number > 1")


def downgrade() -> None:
    op.drop_column("review_rounds", "opened_because")
