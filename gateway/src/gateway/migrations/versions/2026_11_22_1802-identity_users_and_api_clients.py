"""identity users and api clients

Revision ID: 3117efc75cc3
Revises:
Create Date: 2026-11-22 18:02:24.451106
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3117efc75cc3"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# kit.auth.Role as of this revision; a later role is a new revision, not an edit here.
ROLES = ("applicant", "enterprise", "committee", "society_admin", "examiner", "secretariat",
         "supervision", "partner")


def _role_check(table: str) -> sa.CheckConstraint:
    allowed = ", ".join(f"'{role}'" for role in ROLES)
    return sa.CheckConstraint(f"role IN ({allowed})", name=op.f(f"ck_{table}_role"))


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("society_code", sa.String(length=64), nullable=True),
        sa.Column("enterprise_id", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
        _role_check("users"),
    )
    op.create_table(
        "api_clients",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("society_code", sa.String(length=64), nullable=True),
        sa.Column("enterprise_id", sa.String(length=64), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_api_clients_client_id")),
        _role_check("api_clients"),
    )


def downgrade() -> None:
    op.drop_table("api_clients")
    op.drop_table("users")
