"""All ORM models of the oversight service: complaints, and the read model built from events."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from kit.crypto import EncryptedString
from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Complaint(Base):
    """A complaint or suggestion (意见建议) to the supervision committee [003 Q40]."""

    __tablename__ = "complaints"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    tracking_code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    about_kind: Mapped[str] = mapped_column(String(12))
    about_ref: Mapped[str | None] = mapped_column(String(100))
    # The society concerned: it alone is asked for a statement and sees the request.
    society_code: Mapped[str | None] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(200))
    # The text may name people: encrypted at rest like the contact details.
    body: Mapped[str] = mapped_column(EncryptedString())
    complainant_subject: Mapped[str | None] = mapped_column(String(100), index=True)
    complainant_role: Mapped[str | None] = mapped_column(String(20))
    contact_name: Mapped[str | None] = mapped_column(EncryptedString())
    contact_email: Mapped[str | None] = mapped_column(EncryptedString())
    contact_phone: Mapped[str | None] = mapped_column(EncryptedString())
    status: Mapped[str] = mapped_column(String(20), index=True)
    answer_due: Mapped[date | None] = mapped_column(Date)
    investigators: Mapped[list[str]] = mapped_column(ARRAY(String(100)), default=list)
    statement_request: Mapped[str | None] = mapped_column(Text)
    statement_due: Mapped[date | None] = mapped_column(Date)
    statement: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(EncryptedString())
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ComplaintStep(Base):
    """One line of a complaint's history: who moved it, from which state to which."""

    __tablename__ = "complaint_steps"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20))
    actor_subject: Mapped[str | None] = mapped_column(String(100))
    actor_role: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ComplaintAttachment(Base):
    """A file sent with a complaint: typed by content, encrypted, kept with its metadata."""

    __tablename__ = "complaint_attachments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# The read model: what the platform's events say happened, kept in oversight's own tables.


class RecommendationFact(Base):
    """An enterprise recommendation as received (recommendation.received)."""

    __tablename__ = "recommendation_facts"

    recommendation_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(100))
    candidate_count: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CandidateFact(Base):
    """A recommended candidate's pre-screening (recommendation.screened)."""

    __tablename__ = "candidate_facts"

    candidate_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    recommendation_id: Mapped[uuid.UUID] = mapped_column(index=True)
    society_code: Mapped[str | None] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(10))
    screened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApplicationFact(Base):
    """One application from submission to registration, as its events tell it."""

    __tablename__ = "application_facts"

    application_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(String(40))
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lapsed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Closed without a decision (the applicant was barred for life).
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    case_id: Mapped[uuid.UUID | None] = mapped_column(index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(10))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    registered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    certificate_number: Mapped[str | None] = mapped_column(String(40))


class MetricFact(Base):
    """One countable fact of the pilot report (a registration, a trained examiner, a course,
    a recognition…), once per source key, dated by its China date."""

    __tablename__ = "metric_facts"
    __table_args__ = (UniqueConstraint("metric", "source_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    metric: Mapped[str] = mapped_column(String(40))
    source_key: Mapped[str] = mapped_column(String(200))
    unit_code: Mapped[str] = mapped_column(String(20), index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)


class PilotTarget(Base):
    """A pilot target (试点目标) for one year, unit ("all" = the whole pilot) and metric."""

    __tablename__ = "pilot_targets"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    metric: Mapped[str] = mapped_column(String(40), primary_key=True)
    new_target: Mapped[int | None] = mapped_column(Integer)
    cumulative_target: Mapped[int | None] = mapped_column(Integer)
    # ">" for "more than 30" (seed 000), ">=" elsewhere.
    comparison: Mapped[str] = mapped_column(String(2), default=">=")


class PilotReport(Base):
    """A monthly or half-yearly report made ready by the scheduled job (or on demand)."""

    __tablename__ = "pilot_reports"
    __table_args__ = (UniqueConstraint("period_kind", "period_start"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    period_kind: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    figures: Mapped[dict[str, object]] = mapped_column(JSONB)
    ready_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ExaminerScore(Base):
    """One examiner's submitted score on one case (materials review or interview)."""

    __tablename__ = "examiner_scores"
    __table_args__ = (UniqueConstraint("kind", "case_id", "round", "examiner_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(10))
    case_id: Mapped[uuid.UUID] = mapped_column(index=True)
    round: Mapped[int] = mapped_column(Integer, default=1)
    examiner_id: Mapped[str] = mapped_column(String(100), index=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    score: Mapped[Decimal] = mapped_column(Numeric(7, 2))
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    details: Mapped[dict[str, str]] = mapped_column(JSONB, default=dict)
