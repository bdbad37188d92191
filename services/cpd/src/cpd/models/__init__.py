"""All ORM models of the CPD service."""

import uuid
from datetime import date, datetime
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
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class CpdPolicyVersion(Timestamped, Base):
    """One version of a society's CPD policy, in force from `effective_from` (China date) until
    a later version starts; versions are never overwritten, so the history stays."""

    __tablename__ = "cpd_policy_versions"
    # `seq` comes back with the INSERT: it orders two versions set for the same date.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # The order versions were set in (timestamps can tie): the later one corrects the earlier.
    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), unique=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    hours_per_year: Mapped[int] = mapped_column(Integer)
    minutes_per_hour: Mapped[int] = mapped_column(Integer, default=45)
    fixed_credits: Mapped[dict[str, int]] = mapped_column(JSONB)
    caps: Mapped[dict[str, int]] = mapped_column(JSONB)
    pace_reminder_day: Mapped[int] = mapped_column(Integer)
    grace_days: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[str] = mapped_column(String(100))


class CpdLedger(Base):
    """A member's CPD ledger (持续职业发展活动记录) for one certificate's validity."""

    __tablename__ = "cpd_ledgers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    certificate_number: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[uuid.UUID] = mapped_column(index=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    # The member's name as their own token gives it (no event carries it): for the sheets.
    member_name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    required_hours_per_year: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    # The certificate's status from the registry; a barred member's ledger is frozen.
    certificate_status: Mapped[str] = mapped_column(String(20), default="valid")
    barred: Mapped[bool] = mapped_column(Boolean, default=False)
    # The compliance last emitted as `cpd.compliance_changed`, to emit only on a change.
    last_compliance: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # The development summary (职业发展总结), written by the member.
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CpdActivity(Timestamped, Base):
    """One CPD activity in a ledger: recorded by the member or verified by a provider."""

    __tablename__ = "cpd_activities"
    # The same attendee of one course is one activity, however often the provider pushes it.
    __table_args__ = (UniqueConstraint("ledger_id", "course_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    ledger_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cpd_ledgers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(200), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    minutes: Mapped[int | None] = mapped_column(Integer)
    reflection: Mapped[str] = mapped_column(Text, default="")
    # recorded | verified | accepted | not_credited
    status: Mapped[str] = mapped_column(String(20), default="recorded")
    source: Mapped[str] = mapped_column(String(20), default="member")
    course_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cpd_courses.id"))
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CpdDeferral(Timestamped, Base):
    """A request to defer CPD for special circumstances (特殊原因) and the society's decision
    under its contingency plan [003 Q25]."""

    __tablename__ = "cpd_deferrals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    ledger_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cpd_ledgers.id"), index=True)
    # The validity it was asked for (its first day): its years mean nothing after a renewal.
    period_start: Mapped[date] = mapped_column(Date)
    # The reason may be health or family matters: personal data, encrypted at rest.
    reason: Mapped[str] = mapped_column(EncryptedString())
    years: Mapped[list[int]] = mapped_column(JSONB)
    # requested | granted | refused
    status: Mapped[str] = mapped_column(String(20), default="requested")
    # Granted terms: `reduce` the years' requirement or `postpone` hours to a later year.
    mode: Mapped[str | None] = mapped_column(String(20))
    hours: Mapped[int | None] = mapped_column(Integer)
    to_year: Mapped[int | None] = mapped_column(Integer)
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CpdEvidenceFile(Timestamped, Base):
    """A file backing an activity or a deferral; the bytes are encrypted (AES-GCM, the file id
    authenticated) and kept in this database, so every replica sees them."""

    __tablename__ = "cpd_evidence_files"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    ledger_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cpd_ledgers.id"), index=True)
    activity_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cpd_activities.id"), index=True)
    deferral_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("cpd_deferrals.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(String(100))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CpdEvidenceDownload(Base):
    """Audit log: every read of a CPD evidence file."""

    __tablename__ = "cpd_evidence_downloads"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    evidence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cpd_evidence_files.id"),
                                                   index=True)
    subject: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(30))
    society_code: Mapped[str | None] = mapped_column(String(20))
    request_id: Mapped[str | None] = mapped_column(String(200))
    downloaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CpdPlan(Timestamped, Base):
    """The yearly CPD activity plan (持续职业发展活动计划) of the CSE or a society [003 Q21]."""

    __tablename__ = "cpd_plans"
    __table_args__ = (UniqueConstraint("publisher", "year"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    # "cse" or a society code.
    publisher: Mapped[str] = mapped_column(String(20), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    published_by: Mapped[str] = mapped_column(String(100))


class CpdCourse(Timestamped, Base):
    """A CPD course published by the CSE or a society and run by a provider; quality courses
    count for the pilot targets [000 §2(二)]."""

    __tablename__ = "cpd_courses"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    publisher: Mapped[str] = mapped_column(String(20), index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cpd_plans.id"))
    provider_code: Mapped[str] = mapped_column(String(60), index=True)
    provider_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    minutes: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    quality: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str] = mapped_column(Text, default="")
    published_by: Mapped[str] = mapped_column(String(100))


class CpdAttendancePush(Timestamped, Base):
    """A provider's attendance push, kept by Idempotency-Key so a retry changes nothing."""

    __tablename__ = "cpd_attendance_pushes"
    __table_args__ = (UniqueConstraint("provider_code", "idempotency_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    provider_code: Mapped[str] = mapped_column(String(60))
    idempotency_key: Mapped[str] = mapped_column(String(200))
    course_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cpd_courses.id"), index=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(JSONB)


class CpdReminderSent(Base):
    """Each reminder occasion once: the scheduled job never repeats one."""

    __tablename__ = "cpd_reminders_sent"

    occasion: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
