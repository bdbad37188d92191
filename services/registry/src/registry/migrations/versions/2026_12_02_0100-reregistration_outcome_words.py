"""re-registration outcomes in the platform's words: accepted / rejected

Revision ID: 3b8f21c6e4a9
Revises: 7df3decabcd2
Create Date: 2026-12-02 01:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3b8f21c6e4a9"
down_revision: str | None = "7df3decabcd2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The outcome of a step on a submission is accepted / returned / rejected everywhere.
    op.execute("UPDATE reregistrations SET status = 'accepted' WHERE status = 'approved'")
    op.execute("UPDATE reregistrations SET status = 'rejected' WHERE status = 'refused'")


def downgrade() -> None:
    op.execute("UPDATE reregistrations SET status = 'approved' WHERE status = 'accepted'")
    op.execute("UPDATE reregistrations SET status = 'refused' WHERE status = 'rejected'")
