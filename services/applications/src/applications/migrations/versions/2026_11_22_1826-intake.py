"""intake: Annex 3 projects and sections, linked engineers, applicant profiles, evidence,
supplements, panels, held certificates, bans; mobiles encrypted at rest.

Revision ID: 5153265967bc
Revises: 032ec207c327
Create Date: 2026-11-22 18:26:39.276810
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "5153265967bc"
down_revision: str | None = "032ec207c327"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Mobiles become ciphertexts and candidates gain NOT NULL links; there is no production data
    # yet, so development rows (plaintext mobiles) are cleared rather than migrated.
    op.execute("TRUNCATE applications, candidates, recommendations CASCADE")
    op.create_table(
        "applicant_profiles",
        sa.Column("applicant_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("id_type", sa.String(length=20), nullable=False),
        sa.Column("id_number", sa.String(length=255), nullable=False),
        sa.Column("id_number_index", sa.String(length=64), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False),
        sa.Column("mobile", sa.String(length=255), nullable=False),
        sa.Column("mobile_index", sa.String(length=64), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("education", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("work_history", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("professional_titles", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("international_titles", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("memberships", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("applicant_id", name=op.f("pk_applicant_profiles")),
        sa.UniqueConstraint("id_number_index", name=op.f("uq_applicant_profiles_id_number_index")),
    )
    op.create_index(
        op.f("ix_applicant_profiles_mobile_index"),
        "applicant_profiles",
        ["mobile_index"],
        unique=False,
    )
    op.create_table(
        "bans",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("applicant_id", sa.String(length=100), nullable=True),
        sa.Column("identity_index", sa.String(length=64), nullable=True),
        sa.Column("member_id", sa.Uuid(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("barred_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bans")),
    )
    op.create_index("ix_bans_applicant_id", "bans", ["applicant_id"], unique=False)
    op.create_index("ix_bans_identity_index", "bans", ["identity_index"], unique=False)
    op.create_table(
        "held_certificates",
        sa.Column("certificate_id", sa.Uuid(), nullable=False),
        sa.Column("applicant_id", sa.String(length=100), nullable=False),
        sa.Column("certificate_number", sa.String(length=60), nullable=False),
        sa.Column("society_code", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("field_code", sa.String(length=40), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_held_certificates")),
    )
    op.create_index(
        op.f("ix_held_certificates_applicant_id"),
        "held_certificates",
        ["applicant_id"],
        unique=False,
    )
    op.create_table(
        "recommended_engineers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_mobile_index", sa.String(length=64), nullable=False),
        sa.Column("identity_index", sa.String(length=64), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommended_engineers")),
        sa.UniqueConstraint("identity_index", name=op.f("uq_recommended_engineers_identity_index")),
    )
    op.create_index(
        op.f("ix_recommended_engineers_name_mobile_index"),
        "recommended_engineers",
        ["name_mobile_index"],
        unique=False,
    )
    op.create_table(
        "overseas_projects",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("project_type", sa.String(length=30), nullable=False),
        sa.Column("project_status", sa.String(length=30), nullable=False),
        sa.Column("chinese_engineers_abroad", sa.Integer(), nullable=True),
        sa.Column("foreign_engineers_hired", sa.Integer(), nullable=True),
        sa.Column("engineers_meeting_basics", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_overseas_projects_recommendation_id_recommendations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overseas_projects")),
    )
    op.create_index(
        op.f("ix_overseas_projects_recommendation_id"),
        "overseas_projects",
        ["recommendation_id"],
        unique=False,
    )
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by", sa.String(length=100), nullable=False),
        sa.Column("supplement_round", sa.Integer(), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_evidence_files_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    op.create_index(
        op.f("ix_evidence_files_application_id"), "evidence_files", ["application_id"], unique=False
    )
    op.create_table(
        "panel_members",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("examiner_id", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_panel_members_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("application_id", "examiner_id", name=op.f("pk_panel_members")),
    )
    op.create_table(
        "supplement_requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Text(), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_supplement_requests_application_id_applications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplement_requests")),
        sa.UniqueConstraint(
            "application_id", "round", name=op.f("uq_supplement_requests_application_id")
        ),
    )
    op.create_index(
        op.f("ix_supplement_requests_application_id"),
        "supplement_requests",
        ["application_id"],
        unique=False,
    )
    op.create_table(
        "evidence_downloads",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("evidence_id", sa.Uuid(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("subject", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("society_code", sa.String(length=20), nullable=True),
        sa.Column("request_id", sa.String(length=200), nullable=True),
        sa.Column("downloaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_evidence_downloads_application_id_applications"),
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence_files.id"],
            name=op.f("fk_evidence_downloads_evidence_id_evidence_files"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_downloads")),
    )
    op.create_index(
        op.f("ix_evidence_downloads_application_id"),
        "evidence_downloads",
        ["application_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_evidence_downloads_evidence_id"),
        "evidence_downloads",
        ["evidence_id"],
        unique=False,
    )
    op.add_column(
        "applications",
        sa.Column("statement", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    )
    op.add_column(
        "applications", sa.Column("commitment_version", sa.String(length=40), nullable=True)
    )
    op.add_column(
        "applications", sa.Column("commitment_signed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "applications",
        sa.Column("profile_snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column(
        "applications",
        sa.Column("eligibility", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column("applications", sa.Column("fast_track", sa.Boolean(), nullable=False))
    op.add_column(
        "applications", sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("applications", sa.Column("resubmit_by", sa.Date(), nullable=True))
    op.add_column("applications", sa.Column("lapsed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f("ix_applications_status"), "applications", ["status"], unique=False)
    op.add_column("candidates", sa.Column("engineer_id", sa.Uuid(), nullable=False))
    op.add_column("candidates", sa.Column("section", sa.String(length=20), nullable=False))
    op.add_column("candidates", sa.Column("project_id", sa.Uuid(), nullable=True))
    op.add_column("candidates", sa.Column("planned_project", sa.String(length=200), nullable=True))
    op.add_column("candidates", sa.Column("planned_country", sa.String(length=2), nullable=True))
    op.add_column("candidates", sa.Column("linked_candidate_id", sa.Uuid(), nullable=True))
    op.alter_column(
        "candidates",
        "mobile",
        existing_type=sa.VARCHAR(length=40),
        type_=sa.String(length=255),
        existing_nullable=False,
    )
    op.create_index(op.f("ix_candidates_engineer_id"), "candidates", ["engineer_id"], unique=False)
    op.create_index(op.f("ix_candidates_status"), "candidates", ["status"], unique=False)
    op.create_foreign_key(
        op.f("fk_candidates_engineer_id_recommended_engineers"),
        "candidates",
        "recommended_engineers",
        ["engineer_id"],
        ["id"],
    )
    op.create_foreign_key(
        op.f("fk_candidates_linked_candidate_id_candidates"),
        "candidates",
        "candidates",
        ["linked_candidate_id"],
        ["id"],
    )
    op.create_foreign_key(
        op.f("fk_candidates_project_id_overseas_projects"),
        "candidates",
        "overseas_projects",
        ["project_id"],
        ["id"],
    )
    op.add_column("recommendations", sa.Column("source", sa.String(length=20), nullable=False))
    op.alter_column(
        "recommendations",
        "contact_mobile",
        existing_type=sa.VARCHAR(length=40),
        type_=sa.String(length=255),
        existing_nullable=False,
    )


def downgrade() -> None:
    op.execute("TRUNCATE applications, candidates, recommendations CASCADE")
    op.alter_column(
        "recommendations",
        "contact_mobile",
        existing_type=sa.String(length=255),
        type_=sa.VARCHAR(length=40),
        existing_nullable=False,
    )
    op.drop_column("recommendations", "source")
    op.drop_constraint(
        op.f("fk_candidates_project_id_overseas_projects"), "candidates", type_="foreignkey"
    )
    op.drop_constraint(
        op.f("fk_candidates_linked_candidate_id_candidates"), "candidates", type_="foreignkey"
    )
    op.drop_constraint(
        op.f("fk_candidates_engineer_id_recommended_engineers"), "candidates", type_="foreignkey"
    )
    op.drop_index(op.f("ix_candidates_status"), table_name="candidates")
    op.drop_index(op.f("ix_candidates_engineer_id"), table_name="candidates")
    op.alter_column(
        "candidates",
        "mobile",
        existing_type=sa.String(length=255),
        type_=sa.VARCHAR(length=40),
        existing_nullable=False,
    )
    op.drop_column("candidates", "linked_candidate_id")
    op.drop_column("candidates", "planned_country")
    op.drop_column("candidates", "planned_project")
    op.drop_column("candidates", "project_id")
    op.drop_column("candidates", "section")
    op.drop_column("candidates", "engineer_id")
    op.drop_index(op.f("ix_applications_status"), table_name="applications")
    op.drop_column("applications", "lapsed_at")
    op.drop_column("applications", "resubmit_by")
    op.drop_column("applications", "returned_at")
    op.drop_column("applications", "fast_track")
    op.drop_column("applications", "eligibility")
    op.drop_column("applications", "profile_snapshot")
    op.drop_column("applications", "commitment_signed_at")
    op.drop_column("applications", "commitment_version")
    op.drop_column("applications", "statement")
    op.drop_index(op.f("ix_evidence_downloads_evidence_id"), table_name="evidence_downloads")
    op.drop_index(op.f("ix_evidence_downloads_application_id"), table_name="evidence_downloads")
    op.drop_table("evidence_downloads")
    op.drop_index(op.f("ix_supplement_requests_application_id"), table_name="supplement_requests")
    op.drop_table("supplement_requests")
    op.drop_table("panel_members")
    op.drop_index(op.f("ix_evidence_files_application_id"), table_name="evidence_files")
    op.drop_table("evidence_files")
    op.drop_index(op.f("ix_overseas_projects_recommendation_id"), table_name="overseas_projects")
    op.drop_table("overseas_projects")
    op.drop_index(
        op.f("ix_recommended_engineers_name_mobile_index"), table_name="recommended_engineers"
    )
    op.drop_table("recommended_engineers")
    op.drop_index(op.f("ix_held_certificates_applicant_id"), table_name="held_certificates")
    op.drop_table("held_certificates")
    op.drop_index("ix_bans_identity_index", table_name="bans")
    op.drop_index("ix_bans_applicant_id", table_name="bans")
    op.drop_table("bans")
    op.drop_index(op.f("ix_applicant_profiles_mobile_index"), table_name="applicant_profiles")
    op.drop_table("applicant_profiles")
