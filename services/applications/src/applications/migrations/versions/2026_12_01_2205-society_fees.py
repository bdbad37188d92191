"""society fees per level, recorded on the application with whether it was settled

Revision ID: 7f3e9a1c2b40
Revises: 3328b0695404
Create Date: 2026-12-01 22:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7f3e9a1c2b40"
down_revision: str | None = "3328b0695404"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "society_fees",
        sa.Column("society_code", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("amount_cny", sa.Numeric(10, 2), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount_cny >= 0", name=op.f("ck_society_fees_not_negative")),
        sa.ForeignKeyConstraint(["society_code"], ["societies.code"],
                                name=op.f("fk_society_fees_society_code_societies")),
        sa.PrimaryKeyConstraint("society_code", "level", name=op.f("pk_society_fees")),
    )
    op.add_column("applications", sa.Column("fee_cny", sa.Numeric(10, 2)))
    op.add_column("applications", sa.Column("fee_settled", sa.Boolean(),
                                            server_default=sa.text("false"), nullable=False))
    op.add_column("applications", sa.Column("fee_settled_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("applications", "fee_settled_at")
    op.drop_column("applications", "fee_settled")
    op.drop_column("applications", "fee_cny")
    op.drop_table("society_fees")
