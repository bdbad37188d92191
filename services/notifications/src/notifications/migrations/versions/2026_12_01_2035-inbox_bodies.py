"""inbox messages carry a kind, bodies in both languages, a link and a due date

Revision ID: 3b1f0c2a9d41
Revises: 6d5af1e56828
Create Date: 2026-12-01 20:35:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b1f0c2a9d41"
down_revision: str | None = "6d5af1e56828"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("notifications", sa.Column("kind", sa.String(length=120), nullable=True))
    op.execute("UPDATE notifications SET kind = event_type")
    op.alter_column("notifications", "kind", nullable=False)
    for column in ("body_zh", "body_en"):
        op.add_column("notifications", sa.Column(column, sa.Text(), nullable=False,
                                                 server_default=""))
        op.alter_column("notifications", column, server_default=None)
    op.add_column("notifications", sa.Column("link", sa.String(length=500), nullable=True))
    op.add_column("notifications", sa.Column("due_on", sa.Date(), nullable=True))
    op.create_index("ix_notifications_recipient", "notifications",
                    ["recipient_kind", "recipient_id", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notifications_recipient", table_name="notifications")
    for column in ("due_on", "link", "body_en", "body_zh", "kind"):
        op.drop_column("notifications", column)
