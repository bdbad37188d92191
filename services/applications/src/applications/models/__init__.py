"""All ORM models of the applications service."""

import uuid
from datetime import datetime

from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class Society(Base):
    __tablename__ = "societies"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    field_codes: Mapped[list[str]] = mapped_column(JSONB)


class Field(Base):
    __tablename__ = "fields"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    society_code: Mapped[str | None] = mapped_column(ForeignKey("societies.code"))
    position: Mapped[int] = mapped_column(Integer)


class Specialty(Base):
    __tablename__ = "specialties"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"), index=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(200))
    scope_zh: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Recommendation(Timestamped, Base):
    """An enterprise's recommendation (企业推荐) of its engineers."""

    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("enterprise_id", "idempotency_key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    enterprise_id: Mapped[str] = mapped_column(String(100), index=True)
    enterprise_name: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(100))
    contact_mobile: Mapped[str] = mapped_column(String(40))
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    candidates: Mapped[list["Candidate"]] = relationship(
        back_populates="recommendation", order_by="Candidate.position", lazy="selectin"
    )


class Candidate(Timestamped, Base):
    """One recommended engineer, pre-screened (初筛) by the committee."""

    __tablename__ = "candidates"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recommendations.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    mobile: Mapped[str] = mapped_column(String(40))
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"))
    location: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    practice: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    society_code: Mapped[str | None] = mapped_column(ForeignKey("societies.code"))
    screening_reason: Mapped[str | None] = mapped_column(Text)
    screened_by: Mapped[str | None] = mapped_column(String(100))
    screened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recommendation: Mapped[Recommendation] = relationship(back_populates="candidates")


class Application(Timestamped, Base):
    """An application for engineering membership (工程会员申请)."""

    __tablename__ = "applications"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"))
    specialty_code: Mapped[str | None] = mapped_column(ForeignKey("specialties.code"))
    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), index=True)
    candidate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidates.id"))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    check_reasons: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
