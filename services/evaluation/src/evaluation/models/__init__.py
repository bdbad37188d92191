"""All ORM models of the evaluation service."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from kit.crypto import EncryptedString
from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Society(Base):
    __tablename__ = "societies"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))


class SocietyPolicy(Base):
    """A society's own variant of the evaluation rules; defaults are DOMAIN.md's."""

    __tablename__ = "society_policies"

    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), primary_key=True)
    panel_min_size: Mapped[int] = mapped_column(Integer, default=2)
    notice_working_days: Mapped[int] = mapped_column(Integer, default=5)
    supplement_working_days: Mapped[int] = mapped_column(Integer, default=10)
    at_risk_days: Mapped[int] = mapped_column(Integer, default=30)
    cycle_months: Mapped[int] = mapped_column(Integer, default=6)
    aggregation: Mapped[str] = mapped_column(String(10), default="mean")
    # False: an interview only when an examiner asks for a follow-up assessment.
    interview_required: Mapped[bool] = mapped_column(Boolean, default=True)
    uses_written_test: Mapped[bool] = mapped_column(Boolean, default=False)
    written_test_pass_mark: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(60))
    written_test_maximum: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal(100))
    fast_track_materials_only: Mapped[bool] = mapped_column(Boolean, default=True)
    # An examiner's employment that ended longer ago than this no longer conflicts
    # (examiners/rules.py `still_binding`).
    conflict_cooling_off_years: Mapped[int] = mapped_column(Integer, default=3,
                                                            server_default="3")
    # Reminders: examiners this many days before the case deadline, the applicant this many
    # days before a supplement deadline (the society hears `at_risk_days` before its limit).
    examiner_reminder_days: Mapped[int] = mapped_column(Integer, default=14,
                                                        server_default="14")
    supplement_reminder_days: Mapped[int] = mapped_column(Integer, default=3,
                                                          server_default="3")
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Rubric(Base):
    """Interview maxima and pass marks of one society and level."""

    __tablename__ = "rubrics"

    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), primary_key=True)
    maxima: Mapped[dict[str, int]] = mapped_column(JSONB)
    minima: Mapped[dict[str, str]] = mapped_column(JSONB)
    pass_total: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Batch(Base):
    """An evaluation batch (评价批次) of one society; accepted applications join the open one."""

    __tablename__ = "batches"
    # One open batch per society, even when two consumers open the first one at once.
    __table_args__ = (
        Index(
            "uq_batches_open_per_society", "society_code", unique=True,
            postgresql_where=text("status = 'open'"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Case(Base):
    """One accepted application under evaluation by its society."""

    __tablename__ = "cases"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), index=True)
    batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("batches.id"), index=True)
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(String(40))
    specialty_code: Mapped[str | None] = mapped_column(String(40))
    recommending_enterprise: Mapped[str | None] = mapped_column(String(200))
    employers: Mapped[list[str]] = mapped_column(ARRAY(String(200)), default=list)
    international_titles: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    fast_track: Mapped[bool] = mapped_column(Boolean, default=False)
    fast_track_confirmed_by: Mapped[str | None] = mapped_column(String(100))
    fast_track_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # materials_review → (supplement_requested ↔ materials_review) → assessment → deliberation
    # → notice → approved; failed from any stage before the notice ends; withdrawn from any
    # open stage when the applicant is barred for life.
    status: Mapped[str] = mapped_column(String(30), default="materials_review")
    materials_outcome: Mapped[str | None] = mapped_column(String(20))
    written_test_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    written_test_passed: Mapped[bool | None] = mapped_column(Boolean)
    interview_outcome: Mapped[str | None] = mapped_column(String(20))
    # The cleared examiners last announced in evaluation.panel_assigned.
    announced_panel: Mapped[list[str] | None] = mapped_column(ARRAY(String(100)))
    outcome: Mapped[str | None] = mapped_column(String(20))
    reasons: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class BarredApplicant(Base):
    """Someone barred for life (member.barred): their open cases are withdrawn, and a case
    that arrives later for them is opened withdrawn, never approved [003 Q14]."""

    __tablename__ = "barred_applicants"

    applicant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    barred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Examiner(Base):
    """An examiner (考官) in a society's pool, linked to an identity user by `subject`."""

    __tablename__ = "examiners"
    __table_args__ = (UniqueConstraint("society_code", "subject"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), index=True)
    subject: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(100))
    employer: Mapped[str] = mapped_column(String(200))
    fields: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    specialties: Mapped[list[str]] = mapped_column(ARRAY(String(40)), default=list)
    levels: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list)
    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ExaminerEmployment(Base):
    """A past or current employer of an examiner, for conflict-of-interest checks."""

    __tablename__ = "examiner_employments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    examiner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("examiners.id", ondelete="CASCADE"), index=True
    )
    employer: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)


class ExaminerTraining(Base):
    """A training course an examiner completed (考官培训)."""

    __tablename__ = "examiner_trainings"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    examiner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("examiners.id", ondelete="CASCADE"), index=True
    )
    course: Mapped[str] = mapped_column(String(200))
    completed_on: Mapped[date] = mapped_column(Date)
    certificate: Mapped[str | None] = mapped_column(String(100))
    recorded_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PanelSeat(Base):
    """One examiner's seat on a case's panel: pending → cleared, or conflicted / removed."""

    __tablename__ = "panel_seats"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    examiner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("examiners.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    assigned_by: Mapped[str] = mapped_column(String(100))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    declared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    declaration: Mapped[str | None] = mapped_column(Text)
    removed_by: Mapped[str | None] = mapped_column(String(100))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReviewRound(Base):
    """One round of materials review; a supplementary-material request closes it."""

    __tablename__ = "review_rounds"
    __table_args__ = (UniqueConstraint("case_id", "number"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="open")
    outcome: Mapped[str | None] = mapped_column(String(30))
    requests: Mapped[str | None] = mapped_column(Text)
    supplement_deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # first | supplement_submitted | supplement_lapsed (the examiners conclude on what they
    # have; no further supplement can be asked in this round).
    opened_because: Mapped[str] = mapped_column(String(30), default="first",
                                                server_default="first")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MaterialsReview(Base):
    """An examiner's review record form (申请材料审查记录表) for one round; locked on submit."""

    __tablename__ = "materials_reviews"
    __table_args__ = (UniqueConstraint("round_id", "examiner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    round_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("review_rounds.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    examiner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("examiners.id"), index=True)
    # {"knowledge": {"achieved": true, "comment": "..."}, ...}
    competencies: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    recommendation: Mapped[str | None] = mapped_column(String(20))
    follow_up_needed: Mapped[bool | None] = mapped_column(Boolean)
    follow_up_points: Mapped[str | None] = mapped_column(Text)
    supplement_requests: Mapped[str | None] = mapped_column(Text)
    supplement_deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Interview(Base):
    """The interview (面试) of a case; its row is the panel's shared score sheet (versioned)."""

    __tablename__ = "interviews"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True
    )
    scheduled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mode: Mapped[str] = mapped_column(String(10))
    location: Mapped[str] = mapped_column(String(300))
    scheduled_by: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10), default="scheduled")
    aggregated: Mapped[dict[str, str] | None] = mapped_column(JSONB)
    total: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    passed: Mapped[bool | None] = mapped_column(Boolean)
    shortfalls: Mapped[list[str] | None] = mapped_column(JSONB)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class InterviewScore(Base):
    """One examiner's line on the interview score sheet; locked once submitted."""

    __tablename__ = "interview_scores"
    __table_args__ = (UniqueConstraint("interview_id", "examiner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    interview_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    examiner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("examiners.id"), index=True)
    scores: Mapped[dict[str, str]] = mapped_column(JSONB)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PublicNotice(Base):
    """A passed case on the public notice list (公示): name, society, field, level only."""

    __tablename__ = "public_notices"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    field_code: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(20))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notice_until: Mapped[date] = mapped_column(Date)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(10), default="running")


class Objection(Base):
    """An objection lodged by anyone during a notice; the society must resolve it."""

    __tablename__ = "objections"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    notice_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("public_notices.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    objector_name: Mapped[str] = mapped_column(EncryptedString(400))
    contact: Mapped[str] = mapped_column(EncryptedString(600))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="open")
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReminderSent(Base):
    """One row per reminder occasion: the unique key is what makes a reminder go out once,
    however many worker replicas or job runs see it due."""

    __tablename__ = "reminders_sent"

    occasion: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    recipient: Mapped[str] = mapped_column(String(100))
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Append-only: who did what to which case, and when."""

    __tablename__ = "audit_entries"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # Insertion order: several entries of one request share the same `at`.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    society_code: Mapped[str | None] = mapped_column(String(20), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60))
    details: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
