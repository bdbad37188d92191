"""Event payloads, one model per event type. Routing key = event type.

Events carry the state a consumer needs and no more personal data than that: names where a
notice or a certificate shows them, never identity numbers or mobiles.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from kit.events import EventData

Level = Literal["apprentice", "professional", "senior"]


class RecommendationReceived(EventData):
    event_type = "recommendation.received"

    recommendation_id: UUID
    enterprise_id: str
    enterprise_name: str
    candidate_count: int


class RecommendationScreened(EventData):
    """The committee's pre-screening (初筛) of one recommended candidate."""

    event_type = "recommendation.screened"

    recommendation_id: UUID
    candidate_id: UUID
    enterprise_id: str
    candidate_name: str
    decision: Literal["accepted", "rejected"]
    society_code: str | None
    reason: str


class ApplicationSubmitted(EventData):
    event_type = "application.submitted"

    application_id: UUID
    applicant_id: str
    society_code: str
    level: Level
    field_code: str


class ApplicationAccepted(EventData):
    """The society accepted the application in the formal check (初审); evaluation opens a case."""

    event_type = "application.accepted"

    application_id: UUID
    applicant_id: str
    applicant_name: str
    society_code: str
    level: Level
    field_code: str
    specialty_code: str | None
    candidate_id: UUID | None
    recommending_enterprise: str | None
    submitted_at: datetime
    accepted_at: datetime


class EvaluationCaseOpened(EventData):
    event_type = "evaluation.case_opened"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    deadline: date


class EvaluationDecided(EventData):
    """The society's deliberation (综合审议): pass or fail, with reasons."""

    event_type = "evaluation.decided"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    outcome: Literal["passed", "failed"]
    reasons: str


class EvaluationApproved(EventData):
    """A passed case cleared its public notice (公示); registry registers the member."""

    event_type = "evaluation.approved"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    applicant_name: str
    society_code: str
    level: Level
    field_code: str
    approved_at: datetime


class CertificateIssued(EventData):
    event_type = "certificate.issued"

    certificate_id: UUID
    member_id: UUID
    applicant_id: str
    certificate_number: str
    society_code: str
    level: Level
    field_code: str
    valid_from: date
    valid_until: date


class CpdLedgerOpened(EventData):
    event_type = "cpd.ledger_opened"

    ledger_id: UUID
    member_id: UUID
    applicant_id: str
    certificate_number: str
    society_code: str
    required_hours_per_year: int


ALL_EVENTS: tuple[type[EventData], ...] = (
    RecommendationReceived,
    RecommendationScreened,
    ApplicationSubmitted,
    ApplicationAccepted,
    EvaluationCaseOpened,
    EvaluationDecided,
    EvaluationApproved,
    CertificateIssued,
    CpdLedgerOpened,
)
