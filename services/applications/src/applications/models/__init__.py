"""All ORM models of the applications service."""

import json
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from kit.crypto import EncryptedString, cipher
from kit.db import new_metadata
from kit.outbox import inbox_table, outbox_table
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class EncryptedJSON(TypeDecorator[dict[str, Any]]):
    """A JSON document stored as one ciphertext: for documents full of personal data (the
    profile as submitted), which nothing queries inside. (kit.crypto has only strings.)"""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return cipher().encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, Any] | None:
        if value is None:
            return None
        document: dict[str, Any] = json.loads(cipher().decrypt(str(value)))
        return document


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
    contact_mobile: Mapped[str] = mapped_column(EncryptedString(255))
    # "api" (pushed JSON) or "excel" (an uploaded Annex 3 workbook).
    source: Mapped[str] = mapped_column(String(20), default="api")
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    projects: Mapped[list["OverseasProject"]] = relationship(
        back_populates="recommendation", order_by="OverseasProject.position", lazy="selectin"
    )
    candidates: Mapped[list["Candidate"]] = relationship(
        back_populates="recommendation", order_by="Candidate.position", lazy="selectin"
    )


class OverseasProject(Base):
    """One of the enterprise's overseas projects (企业海外重点项目), first table of Annex 3."""

    __tablename__ = "overseas_projects"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recommendations.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    country_code: Mapped[str] = mapped_column(String(2))
    project_type: Mapped[str] = mapped_column(String(30))
    project_status: Mapped[str] = mapped_column(String(30))
    chinese_engineers_abroad: Mapped[int | None] = mapped_column(Integer)
    foreign_engineers_hired: Mapped[int | None] = mapped_column(Integer)
    engineers_meeting_basics: Mapped[int | None] = mapped_column(Integer)
    recommendation: Mapped[Recommendation] = relationship(back_populates="projects")


class RecommendedEngineer(Timestamped, Base):
    """One person across recommendations: the same engineer recommended twice is linked."""

    __tablename__ = "recommended_engineers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100))
    # Blind index of name + E.164 mobile, and of the identity number once it is known.
    name_mobile_index: Mapped[str] = mapped_column(String(64), index=True)
    identity_index: Mapped[str | None] = mapped_column(String(64), unique=True)


class Candidate(Timestamped, Base):
    """One recommended engineer, pre-screened (初筛) by the committee."""

    __tablename__ = "candidates"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    recommendation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recommendations.id"), index=True
    )
    engineer_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("recommended_engineers.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    # "deployed" (已外派, first table) or "planned" (未来三年计划外派, second table).
    section: Mapped[str] = mapped_column(String(20), default="deployed")
    project_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("overseas_projects.id"))
    planned_project: Mapped[str | None] = mapped_column(String(200))
    planned_country: Mapped[str | None] = mapped_column(String(2))
    name: Mapped[str] = mapped_column(String(100))
    mobile: Mapped[str] = mapped_column(EncryptedString(255))
    field_code: Mapped[str] = mapped_column(ForeignKey("fields.code"))
    location: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(20))
    practice: Mapped[str] = mapped_column(Text)
    # pending → accepted | rejected; "linked" when the engineer is already under consideration.
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    linked_candidate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("candidates.id"))
    society_code: Mapped[str | None] = mapped_column(ForeignKey("societies.code"))
    screening_reason: Mapped[str | None] = mapped_column(Text)
    screened_by: Mapped[str | None] = mapped_column(String(100))
    screened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Handed by the enterprise to the engineer, who claims the recommendation with it; looked
    # up by its blind index, shown again only to the enterprise.
    claim_code: Mapped[str | None] = mapped_column(EncryptedString(255))
    claim_code_index: Mapped[str | None] = mapped_column(String(64), unique=True)
    claimed_by: Mapped[str | None] = mapped_column(String(100), index=True)
    recommendation: Mapped[Recommendation] = relationship(back_populates="candidates")
    project: Mapped[OverseasProject | None] = relationship(lazy="selectin")


class ApplicantProfile(Timestamped, Base):
    """The applicant's own data (申请人信息), reused by each of their applications."""

    __tablename__ = "applicant_profiles"

    applicant_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    id_type: Mapped[str] = mapped_column(String(20))
    id_number: Mapped[str] = mapped_column(EncryptedString(255))
    id_number_index: Mapped[str] = mapped_column(String(64), unique=True)
    nationality: Mapped[str] = mapped_column(String(2))
    mobile: Mapped[str] = mapped_column(EncryptedString(255))
    mobile_index: Mapped[str] = mapped_column(String(64), index=True)
    email: Mapped[str] = mapped_column(EncryptedString(512))
    # Lists validated by the applicants schemas; the profile is edited as one document.
    education: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    work_history: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    professional_titles: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    international_titles: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    memberships: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


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
    # draft → submitted → accepted; submitted → returned → submitted | lapsed; then, from
    # evaluation's and registry's events: under_evaluation ⇄ supplement_requested → passed →
    # on_public_notice → approved → registered, or failed (application.rules.STATUS_LABELS).
    status: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    check_reasons: Mapped[str | None] = mapped_column(Text)
    # Work self-statement (工作情况自述): [{"text": ..., "competencies": [...]}, ...].
    statement: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list)
    commitment_version: Mapped[str | None] = mapped_column(String(40))
    commitment_signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Recorded with the commitment: what the public register may show beyond name, level,
    # field, society, validity and status.
    publish_employer: Mapped[bool] = mapped_column(Boolean, default=False,
                                                   server_default="false")
    publish_contact: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    # What was submitted: the profile (encrypted, it is full of personal data) and the
    # eligibility assessment at that moment; replaced at each resubmission.
    profile_snapshot: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON)
    # The society's fee for the level when the application was submitted (004 §6: the 2023
    # chemical pilot charged none), and whether the society has recorded it as settled.
    fee_cny: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    fee_settled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="false")
    fee_settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    eligibility: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    fast_track: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resubmit_by: Mapped[date | None] = mapped_column(Date)
    lapsed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The outcome as evaluation and registry report it.
    case_id: Mapped[uuid.UUID | None] = mapped_column()
    evaluation_deadline: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reasons: Mapped[str | None] = mapped_column(Text)
    notice_until: Mapped[date | None] = mapped_column(Date)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    certificate_number: Mapped[str | None] = mapped_column(String(60))
    registered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class SocietyFee(Base):
    """A society's evaluation fee per level, in yuan; no row means no fee."""

    __tablename__ = "society_fees"

    society_code: Mapped[str] = mapped_column(ForeignKey("societies.code"), primary_key=True)
    level: Mapped[str] = mapped_column(String(20), primary_key=True)
    amount_cny: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EvidenceFile(Timestamped, Base):
    """A supporting document (佐证材料); the bytes are encrypted in the evidence storage."""

    __tablename__ = "evidence_files"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    uploaded_by: Mapped[str] = mapped_column(String(100))
    # Set for material added in answer to a supplement request (补充材料).
    supplement_round: Mapped[int | None] = mapped_column(Integer)
    # Withdrawn by the applicant: the bytes are deleted, the row stays for the audit trail.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EvidenceBlob(Base):
    """The encrypted bytes of an evidence file (the default storage), written and deleted in
    the transaction of the row that names them."""

    __tablename__ = "evidence_blobs"

    storage_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                 server_default=func.now())


class EvidenceDownload(Base):
    """Audit log: every read of an evidence file, by whom, in which role, when."""

    __tablename__ = "evidence_downloads"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    evidence_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("evidence_files.id"), index=True)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    subject: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(30))
    society_code: Mapped[str | None] = mapped_column(String(20))
    request_id: Mapped[str | None] = mapped_column(String(200))
    downloaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SupplementRequest(Base):
    """Evaluation asked for supplementary material (补充材料) by a deadline."""

    __tablename__ = "supplement_requests"
    __table_args__ = (UniqueConstraint("application_id", "round"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("applications.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column()
    round: Mapped[int] = mapped_column(Integer)
    requests: Mapped[str] = mapped_column(Text)
    deadline: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PanelMember(Base):
    """An examiner assigned to an application by evaluation: may read its evidence."""

    __tablename__ = "panel_members"

    application_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applications.id"), primary_key=True
    )
    examiner_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    case_id: Mapped[uuid.UUID] = mapped_column()
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HeldCertificate(Base):
    """A certificate registry issued to an applicant; the upgrade rule reads these."""

    __tablename__ = "held_certificates"

    certificate_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    applicant_id: Mapped[str] = mapped_column(String(100), index=True)
    certificate_number: Mapped[str] = mapped_column(String(60))
    society_code: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    field_code: Mapped[str] = mapped_column(String(40))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)


class SentReminder(Base):
    """A reminder emitted once per occasion (e.g. one return of one application), whatever
    the number of worker replicas or job runs."""

    __tablename__ = "sent_reminders"

    occasion: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Ban(Base):
    """A lifetime ban (终身取消申请资格) [003 Q14], by account and by identity number."""

    __tablename__ = "bans"
    __table_args__ = (
        Index("ix_bans_applicant_id", "applicant_id"),
        Index("ix_bans_identity_index", "identity_index"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    applicant_id: Mapped[str | None] = mapped_column(String(100))
    identity_index: Mapped[str | None] = mapped_column(String(64))
    member_id: Mapped[uuid.UUID | None] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    barred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
