"""initial

Revision ID: a3eb4ecc1601
Revises:
Create Date: 2026-12-01 20:33:37.168891
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from kit.outbox import OUTBOX_NOTIFY_DDL, OUTBOX_NOTIFY_DROP
from sqlalchemy.dialects import postgresql

revision: str = "a3eb4ecc1601"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "application_facts",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("applicant_id", sa.String(length=100), nullable=False),
        sa.Column("society_code", sa.String(length=20), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("field_code", sa.String(length=40), nullable=False),
        sa.Column("candidate_id", sa.Uuid(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("lapsed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("certificate_number", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_facts")),
    )
    op.create_index(
        op.f("ix_application_facts_applicant_id"),
        "application_facts",
        ["applicant_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_application_facts_candidate_id"),
        "application_facts",
        ["candidate_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_application_facts_case_id"), "application_facts", ["case_id"], unique=False
    )
    op.create_index(
        op.f("ix_application_facts_society_code"),
        "application_facts",
        ["society_code"],
        unique=False,
    )
    op.create_table(
        "candidate_facts",
        sa.Column("candidate_id", sa.Uuid(), nullable=False),
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("society_code", sa.String(length=20), nullable=True),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("screened_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("candidate_id", name=op.f("pk_candidate_facts")),
    )
    op.create_index(
        op.f("ix_candidate_facts_recommendation_id"),
        "candidate_facts",
        ["recommendation_id"],
        unique=False,
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tracking_code", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("about_kind", sa.String(length=12), nullable=False),
        sa.Column("about_ref", sa.String(length=100), nullable=True),
        sa.Column("society_code", sa.String(length=20), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.String(), nullable=False),
        sa.Column("complainant_subject", sa.String(length=100), nullable=True),
        sa.Column("complainant_role", sa.String(length=20), nullable=True),
        sa.Column("contact_name", sa.String(), nullable=True),
        sa.Column("contact_email", sa.String(), nullable=True),
        sa.Column("contact_phone", sa.String(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer_due", sa.Date(), nullable=True),
        sa.Column("investigators", postgresql.ARRAY(sa.String(length=100)), nullable=False),
        sa.Column("statement_request", sa.Text(), nullable=True),
        sa.Column("statement_due", sa.Date(), nullable=True),
        sa.Column("statement", sa.Text(), nullable=True),
        sa.Column("findings", sa.String(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("tracking_code", name=op.f("uq_complaints_tracking_code")),
    )
    op.create_index(
        op.f("ix_complaints_complainant_subject"),
        "complaints",
        ["complainant_subject"],
        unique=False,
    )
    op.create_index(
        op.f("ix_complaints_society_code"), "complaints", ["society_code"], unique=False
    )
    op.create_index(op.f("ix_complaints_status"), "complaints", ["status"], unique=False)
    op.create_table(
        "examiner_scores",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("examiner_id", sa.String(length=100), nullable=False),
        sa.Column("society_code", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Numeric(precision=7, scale=2), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_examiner_scores")),
        sa.UniqueConstraint(
            "kind", "case_id", "round", "examiner_id", name=op.f("uq_examiner_scores_kind")
        ),
    )
    op.create_index(
        op.f("ix_examiner_scores_case_id"), "examiner_scores", ["case_id"], unique=False
    )
    op.create_index(
        op.f("ix_examiner_scores_examiner_id"), "examiner_scores", ["examiner_id"], unique=False
    )
    op.create_index(
        op.f("ix_examiner_scores_society_code"), "examiner_scores", ["society_code"], unique=False
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.String(length=120), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=120), nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("consumer", "event_id", name=op.f("pk_inbox")),
    )
    op.create_table(
        "metric_facts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_facts")),
        sa.UniqueConstraint("metric", "source_key", name=op.f("uq_metric_facts_metric")),
    )
    op.create_index(
        op.f("ix_metric_facts_occurred_on"), "metric_facts", ["occurred_on"], unique=False
    )
    op.create_index(op.f("ix_metric_facts_unit_code"), "metric_facts", ["unit_code"], unique=False)
    op.create_table(
        "outbox",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("type", sa.String(length=120), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=True),
        sa.Column("envelope", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("seq", name=op.f("uq_outbox_seq")),
    )
    op.create_index(
        "ix_outbox_unpublished",
        "outbox",
        ["seq"],
        unique=False,
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "pilot_reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("period_kind", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("figures", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("ready_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pilot_reports")),
        sa.UniqueConstraint(
            "period_kind", "period_start", name=op.f("uq_pilot_reports_period_kind")
        ),
    )
    op.create_table(
        "pilot_targets",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=20), nullable=False),
        sa.Column("metric", sa.String(length=40), nullable=False),
        sa.Column("new_target", sa.Integer(), nullable=True),
        sa.Column("cumulative_target", sa.Integer(), nullable=True),
        sa.Column("comparison", sa.String(length=2), nullable=False),
        sa.PrimaryKeyConstraint("year", "unit_code", "metric", name=op.f("pk_pilot_targets")),
    )
    op.create_table(
        "recommendation_facts",
        sa.Column("recommendation_id", sa.Uuid(), nullable=False),
        sa.Column("enterprise_id", sa.String(length=100), nullable=False),
        sa.Column("candidate_count", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("recommendation_id", name=op.f("pk_recommendation_facts")),
    )
    op.create_table(
        "complaint_attachments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_attachments_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_attachments")),
    )
    op.create_index(
        op.f("ix_complaint_attachments_complaint_id"),
        "complaint_attachments",
        ["complaint_id"],
        unique=False,
    )
    op.create_table(
        "complaint_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("complaint_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("actor_subject", sa.String(length=100), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_steps_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_steps")),
    )
    op.create_index(
        op.f("ix_complaint_steps_complaint_id"), "complaint_steps", ["complaint_id"], unique=False
    )
    for statement in OUTBOX_NOTIFY_DDL:
        op.execute(statement)
    # ### end Alembic commands ###


def downgrade() -> None:
    for statement in OUTBOX_NOTIFY_DROP:
        op.execute(statement)
    op.drop_index(op.f("ix_complaint_steps_complaint_id"), table_name="complaint_steps")
    op.drop_table("complaint_steps")
    op.drop_index(op.f("ix_complaint_attachments_complaint_id"), table_name="complaint_attachments")
    op.drop_table("complaint_attachments")
    op.drop_table("recommendation_facts")
    op.drop_table("pilot_targets")
    op.drop_table("pilot_reports")
    op.drop_index(
        "ix_outbox_unpublished",
        table_name="outbox",
        postgresql_where=sa.text("published_at IS NULL"),
    )
    op.drop_table("outbox")
    op.drop_index(op.f("ix_metric_facts_unit_code"), table_name="metric_facts")
    op.drop_index(op.f("ix_metric_facts_occurred_on"), table_name="metric_facts")
    op.drop_table("metric_facts")
    op.drop_table("inbox")
    op.drop_index(op.f("ix_examiner_scores_society_code"), table_name="examiner_scores")
    op.drop_index(op.f("ix_examiner_scores_examiner_id"), table_name="examiner_scores")
    op.drop_index(op.f("ix_examiner_scores_case_id"), table_name="examiner_scores")
    op.drop_table("examiner_scores")
    op.drop_index(op.f("ix_complaints_status"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_society_code"), table_name="complaints")
    op.drop_index(op.f("ix_complaints_complainant_subject"), table_name="complaints")
    op.drop_table("complaints")
    op.drop_index(op.f("ix_candidate_facts_recommendation_id"), table_name="candidate_facts")
    op.drop_table("candidate_facts")
    op.drop_index(op.f("ix_application_facts_society_code"), table_name="application_facts")
    op.drop_index(op.f("ix_application_facts_case_id"), table_name="application_facts")
    op.drop_index(op.f("ix_application_facts_candidate_id"), table_name="application_facts")
    op.drop_index(op.f("ix_application_facts_applicant_id"), table_name="application_facts")
    op.drop_table("application_facts")
    # ### end Alembic commands ###
