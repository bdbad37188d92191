"""accounts that can be shut off: token cut-off per account, organisations, the provider role

Revision ID: 8d41c2a7e5f0
Revises: 3117efc75cc3
Create Date: 2026-12-01 20:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d41c2a7e5f0"
down_revision: str | None = "3117efc75cc3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("applicant", "enterprise", "committee", "society_admin", "examiner", "secretariat",
         "supervision", "partner", "provider")


def upgrade() -> None:
    for table in ("users", "api_clients"):
        # Tokens issued at or before this moment are void (disable, password reset, rotation).
        op.add_column(table, sa.Column("tokens_valid_after", sa.DateTime(timezone=True)))
        op.add_column(table, sa.Column("organisation_code", sa.String(length=64)))
        op.add_column(table, sa.Column("updated_at", sa.DateTime(timezone=True)))
        op.drop_constraint(op.f(f"ck_{table}_role"), table, type_="check")
        allowed = ", ".join(f"'{role}'" for role in ROLES)
        op.create_check_constraint(op.f(f"ck_{table}_role"), table, f"role IN ({allowed})")
        op.create_index(op.f(f"ix_{table}_tokens_valid_after"), table, ["tokens_valid_after"])


def downgrade() -> None:
    for table in ("users", "api_clients"):
        op.drop_index(op.f(f"ix_{table}_tokens_valid_after"), table)
        op.drop_column(table, "updated_at")
        op.drop_column(table, "organisation_code")
        op.drop_column(table, "tokens_valid_after")
