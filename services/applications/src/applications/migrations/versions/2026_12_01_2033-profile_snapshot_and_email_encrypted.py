"""profile snapshot and applicants' e-mails encrypted at rest

Revision ID: 7a1c5e2f9b01
Revises: 5153265967bc
Create Date: 2026-12-01 20:40:00.000000
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from kit.crypto import FieldCipher

revision: str = "7a1c5e2f9b01"
down_revision: str | None = "5153265967bc"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _cipher() -> FieldCipher:
    """The service's own data key: the process's cipher when one is installed (tests), else
    the one its settings name, as the API would load it."""
    from kit import crypto

    try:
        return crypto.cipher()
    except RuntimeError:
        from applications.config import Settings

        return crypto.configure_from_settings(Settings())


def upgrade() -> None:
    op.alter_column(
        "applications",
        "profile_snapshot",
        type_=sa.Text(),
        postgresql_using="profile_snapshot::text",
    )
    op.alter_column("applicant_profiles", "email", type_=sa.String(length=512))
    connection = op.get_bind()
    snapshots = connection.execute(
        sa.text("SELECT id, profile_snapshot FROM applications WHERE profile_snapshot IS NOT NULL")
    ).all()
    emails = connection.execute(sa.text("SELECT applicant_id, email FROM applicant_profiles")).all()
    if not snapshots and not emails:
        return
    cipher = _cipher()
    for row in snapshots:
        # Re-serialised as the model writes it, then sealed.
        document = json.dumps(json.loads(row.profile_snapshot), ensure_ascii=False, sort_keys=True)
        connection.execute(
            sa.text("UPDATE applications SET profile_snapshot = :v WHERE id = :i"),
            {"v": cipher.encrypt(document), "i": row.id},
        )
    for row in emails:
        connection.execute(
            sa.text("UPDATE applicant_profiles SET email = :v WHERE applicant_id = :i"),
            {"v": cipher.encrypt(row.email), "i": row.applicant_id},
        )


def downgrade() -> None:
    connection = op.get_bind()
    snapshots = connection.execute(
        sa.text("SELECT id, profile_snapshot FROM applications WHERE profile_snapshot IS NOT NULL")
    ).all()
    emails = connection.execute(sa.text("SELECT applicant_id, email FROM applicant_profiles")).all()
    if snapshots or emails:
        cipher = _cipher()
        for row in snapshots:
            connection.execute(
                sa.text("UPDATE applications SET profile_snapshot = :v WHERE id = :i"),
                {"v": cipher.decrypt(row.profile_snapshot), "i": row.id},
            )
        for row in emails:
            connection.execute(
                sa.text("UPDATE applicant_profiles SET email = :v WHERE applicant_id = :i"),
                {"v": cipher.decrypt(row.email), "i": row.applicant_id},
            )
    op.alter_column("applicant_profiles", "email", type_=sa.String(length=254))
    op.alter_column(
        "applications",
        "profile_snapshot",
        type_=sa.dialects.postgresql.JSONB(astext_type=sa.Text()),
        postgresql_using="profile_snapshot::jsonb",
    )
