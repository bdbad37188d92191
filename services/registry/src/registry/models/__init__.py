"""All ORM models of the registry service."""

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
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    metadata = new_metadata()


outbox = outbox_table(Base.metadata)
inbox = inbox_table(Base.metadata)


class SocietySettings(Base):
    """What a society decides about its register: confirmation and late re-registration."""

    __tablename__ = "society_settings"

    society_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    # "confirm": the secretariat confirms each registration (in batches); "automatic".
    registration_mode: Mapped[str] = mapped_column(String(20), default="confirm")
    # Whether a member may still apply for re-registration after the certificate expired.
    reregistration_after_expiry: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Member(Base):
    """An engineering member (工程会员) on the register."""

    __tablename__ = "members"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    applicant_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    barred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    bar_reason: Mapped[str | None] = mapped_column(Text)
    # Publication consent (公开范围), from the application's commitment; the member may change it.
    show_employer: Mapped[bool] = mapped_column(Boolean, default=False)
    show_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    employer: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(EncryptedString(500))
    consent_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Registration(Base):
    """Registration and filing with the CSE (注册备案) of an approved case."""

    __tablename__ = "registrations"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    application_id: Mapped[uuid.UUID]
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("members.id"), index=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(String(40))
    specialty_code: Mapped[str | None] = mapped_column(String(60))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # pending → confirmed | refused
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    certificate_id: Mapped[uuid.UUID | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    member: Mapped[Member] = relationship(lazy="joined")


class Certificate(Base):
    """A certificate with the CSE's unified number (统一编号), valid 5 years."""

    __tablename__ = "certificates"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("members.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(String(40))
    specialty_code: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default="valid")
    # China date from which the current status holds ("suspended since …").
    status_since: Mapped[date] = mapped_column(Date)
    issued_on: Mapped[date] = mapped_column(Date)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    # Position in the public Bitstring Status Lists; never reused.
    status_index: Mapped[int] = mapped_column(Integer, Identity(start=0, minvalue=0),
                                              unique=True)
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    member: Mapped[Member] = relationship(lazy="joined")


class CertificateChange(Base):
    """One entry in a certificate's history; its `seq` is the cursor of the public change feed."""

    __tablename__ = "certificate_changes"

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificates.id"), index=True)
    certificate_number: Mapped[str] = mapped_column(String(40))
    # issued | suspended | restored | cancelled | revoked | expired | superseded | renewed
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    previous_status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    effective_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    actor: Mapped[str | None] = mapped_column(String(100))
    actor_role: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CertificateSequence(Base):
    """Per-year counter behind gap-free unified numbers."""

    __tablename__ = "certificate_sequences"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class CpdCompliance(Base):
    """The latest `cpd.compliance_changed` of a certificate: what re-registration decides on."""

    __tablename__ = "cpd_compliance"

    certificate_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100))
    society_code: Mapped[str] = mapped_column(String(20))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    required_hours: Mapped[float] = mapped_column(Float)
    credited_hours: Mapped[float] = mapped_column(Float)
    deferred_hours: Mapped[float] = mapped_column(Float)
    shortfall_hours: Mapped[float] = mapped_column(Float)
    compliant: Mapped[bool] = mapped_column(Boolean)
    deferral_granted: Mapped[bool] = mapped_column(Boolean)
    years: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    # The event's own time: an older event arriving late never overwrites a newer one.
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reregistration(Base):
    """An application for re-registration (再注册) of a certificate [003 Q28, 004 §4(四)]."""

    __tablename__ = "reregistrations"
    __table_args__ = (
        Index("uq_reregistrations_pending", "certificate_id", unique=True,
              postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificates.id"), index=True)
    society_code: Mapped[str] = mapped_column(String(20), index=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    # pending → accepted | rejected
    status: Mapped[str] = mapped_column(String(20), default="pending")
    applied_on: Mapped[date] = mapped_column(Date)
    statement: Mapped[str] = mapped_column(Text, default="")
    # The CPD compliance the decision was taken on.
    cpd: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    reasons: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    new_valid_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    certificate: Mapped[Certificate] = relationship(lazy="joined")


class ReminderSent(Base):
    """Reminders already emitted: one per occasion, whatever the job's schedule."""

    __tablename__ = "reminders_sent"

    occasion: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PartnerOrganisation(Base):
    """An engineering body abroad with a mutual-recognition agreement (境外工程组织)."""

    __tablename__ = "partner_organisations"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_zh: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(100))


class RecognitionAgreement(Base):
    """A mutual-recognition agreement: membership or title, never a licence [003 Q30]."""

    __tablename__ = "recognition_agreements"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    partner_code: Mapped[str] = mapped_column(ForeignKey("partner_organisations.code"),
                                              index=True)
    title: Mapped[str] = mapped_column(String(300))
    # "membership" or "title"
    recognition: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(Text)
    levels: Mapped[list[str]] = mapped_column(JSONB)
    signed_on: Mapped[date | None] = mapped_column(Date)
    # active | suspended | ended
    status: Mapped[str] = mapped_column(String(20), default="active")


class Referral(Base):
    """A member referred to a partner body under an agreement, and the partner's outcome."""

    __tablename__ = "referrals"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    member_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("members.id"), index=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    certificate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("certificates.id"))
    partner_code: Mapped[str] = mapped_column(ForeignKey("partner_organisations.code"),
                                              index=True)
    agreement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recognition_agreements.id"))
    # requested → referred → granted | refused
    status: Mapped[str] = mapped_column(String(20), default="requested")
    purpose: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    referred_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    referred_by: Mapped[str | None] = mapped_column(String(100))
    covering_note: Mapped[str | None] = mapped_column(Text)
    granted_title: Mapped[str | None] = mapped_column(String(200))
    partner_number: Mapped[str | None] = mapped_column(String(100))
    decided_on: Mapped[date | None] = mapped_column(Date)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    certificate: Mapped[Certificate] = relationship(lazy="joined")
    member: Mapped[Member] = relationship(lazy="joined")
