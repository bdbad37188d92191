"""All ORM models of the CPD service."""

import uuid
from datetime import date, datetime

from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import Date, DateTime, Integer, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class CpdPolicy(Base):
    """A society's CPD policy: hours required per year of validity (CSE default 50)."""

    __tablename__ = "cpd_policies"

    society_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    hours_per_year: Mapped[int] = mapped_column(Integer)
    minutes_per_hour: Mapped[int] = mapped_column(Integer, default=45)


class CpdLedger(Base):
    """A member's CPD ledger (持续职业发展活动记录) for one certificate's validity."""

    __tablename__ = "cpd_ledgers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    certificate_number: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[uuid.UUID] = mapped_column(index=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    required_hours_per_year: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
