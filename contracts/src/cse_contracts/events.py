"""Event payloads, one model per event type. Routing key = event type.

Events carry the state a consumer needs and no more personal data than that: names where a
notice or a certificate shows them, never identity numbers or mobiles.
"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from kit.events import EventData
from pydantic import BaseModel, Field

Level = Literal["apprentice", "professional", "senior"]


class PublicationConsent(BaseModel):
    """What the public register may show of a member beyond name, level, field, society,
    validity and status: recorded with the application's commitment (承诺书), carried through
    evaluation to the registry; the member can change it there later."""

    show_employer: bool = False
    show_contact: bool = False
    # Only carried when the matching consent is given.
    employer: str | None = None
    contact_email: str | None = None


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
    # For conflict-of-interest checks: every employer in the applicant's work history.
    employers: list[str] = Field(default_factory=list)
    # IntPE, APEC Engineer, EUR ING, ACPE …: the fast track needs secretariat confirmation.
    international_titles: list[str] = Field(default_factory=list)
    fast_track: bool = False
    publication_consent: PublicationConsent = Field(default_factory=PublicationConsent)


class ApplicationReturned(EventData):
    """Returned in the formal check: the applicant corrects and resubmits by `resubmit_by`."""

    event_type = "application.returned"

    application_id: UUID
    applicant_id: str
    society_code: str
    reasons: str
    resubmit_by: date


class ApplicationLapsed(EventData):
    """Not resubmitted within 10 working days of its return."""

    event_type = "application.lapsed"

    application_id: UUID
    applicant_id: str
    society_code: str


class ApplicationSupplementSubmitted(EventData):
    """The applicant added the supplementary material evaluation asked for."""

    event_type = "application.supplement_submitted"

    application_id: UUID
    case_id: UUID
    applicant_id: str
    society_code: str
    round: int
    evidence_ids: list[UUID]


class EvaluationCaseOpened(EventData):
    event_type = "evaluation.case_opened"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    deadline: date


class EvaluationPanelAssigned(EventData):
    """The examiners cleared to see an application's files (after declaring no conflict)."""

    event_type = "evaluation.panel_assigned"

    case_id: UUID
    application_id: UUID
    society_code: str
    examiner_ids: list[str]


class EvaluationSupplementRequested(EventData):
    """Materials review asks for supplementary material (补充材料) by a deadline."""

    event_type = "evaluation.supplement_requested"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    round: int
    requests: str
    deadline: datetime
    # The China date of the last day to send it (`deadline` is the end of that day).
    last_day: date | None = None


class EvaluationSupplementLapsed(EventData):
    """The supplement deadline passed with nothing submitted: the examiners conclude on the
    material they have, in review round `next_round` (003 Q15-16)."""

    event_type = "evaluation.supplement_lapsed"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    round: int
    deadline: datetime
    next_round: int


class EvaluationDecided(EventData):
    """The society's deliberation (综合审议): pass or fail, with reasons."""

    event_type = "evaluation.decided"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    outcome: Literal["passed", "failed"]
    reasons: str


class EvaluationNoticePublished(EventData):
    """A passed case is on the public notice list (公示) until `notice_until`."""

    event_type = "evaluation.notice_published"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    notice_until: date


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
    specialty_code: str | None = None
    publication_consent: PublicationConsent = Field(default_factory=PublicationConsent)


class EvaluationWithdrawn(EventData):
    """A case closed without a decision because the applicant was barred for life [003 Q14]:
    it is never approved; `reason` is the ban's."""

    event_type = "evaluation.withdrawn"

    case_id: UUID
    application_id: UUID
    applicant_id: str
    society_code: str
    reason: str
    withdrawn_at: datetime


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
    # The application evaluated; absent from events published before it was added.
    application_id: UUID | None = None


class MemberBarred(EventData):
    """Barred for life (false material or a breach of the code of conduct) [003 Q14]."""

    event_type = "member.barred"

    member_id: UUID | None
    applicant_id: str
    reason: str
    barred_at: datetime


class CpdLedgerOpened(EventData):
    event_type = "cpd.ledger_opened"

    ledger_id: UUID
    member_id: UUID
    applicant_id: str
    certificate_number: str
    society_code: str
    required_hours_per_year: int


CertificateStatus = Literal["valid", "suspended", "cancelled", "revoked", "expired", "superseded"]


class CertificateStatusChanged(EventData):
    """Suspended, restored, cancelled, revoked, expired or superseded [003 Q31]: public, and
    reported to the CSE."""

    event_type = "certificate.status_changed"

    certificate_id: UUID
    certificate_number: str
    applicant_id: str
    society_code: str
    level: Level
    status: CertificateStatus
    previous_status: CertificateStatus
    reason: str
    effective_on: date
    valid_until: date


class CertificateRenewed(EventData):
    """Re-registered (再注册) with the same number and a new 5-year validity [003 Q28]."""

    event_type = "certificate.renewed"

    certificate_id: UUID
    certificate_number: str
    applicant_id: str
    society_code: str
    level: Level
    valid_from: date
    valid_until: date


class CpdYearCompliance(BaseModel):
    year: int
    required_hours: float
    credited_hours: float
    deferred_hours: float
    shortfall_hours: float


class CpdComplianceChanged(EventData):
    """A member's CPD compliance over the certificate's validity changed; the registry decides
    re-registration from this, never from the CPD tables [003 Q23, Q25]."""

    event_type = "cpd.compliance_changed"

    certificate_number: str
    applicant_id: str
    society_code: str
    period_start: date
    period_end: date
    required_hours: float
    credited_hours: float
    deferred_hours: float
    shortfall_hours: float
    # True when the whole validity period is met (counting granted deferrals).
    compliant: bool
    # A granted deferral for special circumstances keeps the certificate from suspension.
    deferral_granted: bool = False
    years: list[CpdYearCompliance] = Field(default_factory=list)


class CpdCoursePublished(EventData):
    """A CPD course published by the CSE ("cse") or a society; quality courses count for the
    pilot targets [000 §2(二), 002]."""

    event_type = "cpd.course_published"

    course_id: UUID
    publisher: str
    provider_code: str
    title: str
    kind: str
    minutes: int
    starts_on: date
    ends_on: date
    quality: bool


ReminderKind = Literal[
    "review_due", "score_due", "supplement_due", "supplement_passed", "resubmission_due",
    "case_at_risk", "reregistration_open", "reregistration_last_month", "cpd_behind_pace",
    "cpd_year_shortfall",
]


class ReminderDue(EventData):
    """A deadline someone must act on, emitted once per occasion by the service that owns the
    deadline (`occasion` is unique per reminder); notifications turns it into messages."""

    event_type = "reminder.due"

    kind: ReminderKind
    occasion: str
    # Who must act: a user's subject and role, and/or a society's staff.
    recipient_subject: str | None = None
    recipient_role: str | None = None
    society_code: str | None = None
    due_on: date
    # What it is about (a case, an application, a certificate number…), for links and words.
    subject_kind: str
    subject_id: str
    details: dict[str, str] = Field(default_factory=dict)



ComplaintAbout = Literal["case", "certificate", "society", "general"]


class ComplaintReceived(EventData):
    """A complaint or suggestion (意见建议) reached the supervision committee [003 Q40]."""

    event_type = "complaint.received"

    complaint_id: UUID
    tracking_code: str
    kind: Literal["complaint", "suggestion"]
    about_kind: ComplaintAbout
    society_code: str | None
    # The sender's account, when they have one (their inbox); the public has none.
    complainant_subject: str | None
    received_at: datetime


class ComplaintStatementRequested(EventData):
    """The supervision committee asks the society concerned for a statement by a date."""

    event_type = "complaint.statement_requested"

    complaint_id: UUID
    society_code: str
    statement_due: date


class EvaluationObjectionResolved(EventData):
    """The society resolved an objection lodged during a public notice (公示); the objector,
    who lodged it without an account, is told the outcome at the e-mail they left."""

    event_type = "evaluation.objection_resolved"

    case_id: UUID
    objection_id: UUID
    society_code: str
    outcome: Literal["upheld", "dismissed"]
    reasons: str
    # Only when the contact the objector left is an e-mail address: the one way to reach them.
    contact_email: str | None
    resolved_at: datetime


class ComplaintAnswered(EventData):
    """The committee's answer, to be delivered to the complainant (inbox or e-mail)."""

    event_type = "complaint.answered"

    complaint_id: UUID
    tracking_code: str
    complainant_subject: str | None
    # Only for a sender without an account who left an e-mail: the one way the answer reaches
    # them. Never carried when the sender has an account.
    contact_email: str | None
    answer: str
    answered_at: datetime


class PilotReportReady(EventData):
    """A pilot report (试点报告) is ready for the secretariat and the pilot units [000, 002]."""

    event_type = "pilot_report.ready"

    report_id: UUID
    period_kind: Literal["month", "half_year", "year"]
    period_start: date
    period_end: date
    ready_by: date
    units: list[str]


class EvaluationReviewSubmitted(EventData):
    """An examiner submitted a materials review record (申请材料审查记录表); oversight
    calibrates examiners on how many competencies each finds achieved."""

    event_type = "evaluation.review_submitted"

    case_id: UUID
    society_code: str
    round: int
    examiner_id: str
    competencies_achieved: int
    competencies_total: int = 5
    recommendation: Literal["pass", "supplement", "fail"] | None
    submitted_at: datetime


class EvaluationInterviewScored(EventData):
    """An examiner submitted their line of the interview score sheet (面试评分)."""

    event_type = "evaluation.interview_scored"

    case_id: UUID
    society_code: str
    level: Level
    examiner_id: str
    # Competency → points, and their sum (out of 100).
    scores: dict[str, float]
    total: float
    submitted_at: datetime


class ExaminerTrained(EventData):
    """An examiner completed a training course (考官培训): a trained examiner of the pilot."""

    event_type = "examiner.trained"

    examiner_id: str
    society_code: str
    course: str
    completed_on: date


class RegistrationRefused(EventData):
    """The register refused an approved case (a lifetime bar, or the secretariat's refusal with
    its reason): no number, no certificate."""

    event_type = "registration.refused"

    registration_id: UUID
    case_id: UUID
    applicant_id: str
    society_code: str
    level: Level
    reason: str


class ReregistrationRefused(EventData):
    """The society refused a re-registration (再注册), e.g. CPD short [003 Q23]."""

    event_type = "reregistration.refused"

    reregistration_id: UUID
    certificate_number: str
    applicant_id: str
    society_code: str
    reasons: str


class ReferralRequested(EventData):
    """A member asked to be referred to a partner body abroad (国际互认) [DOMAIN §9]."""

    event_type = "referral.requested"

    referral_id: UUID
    applicant_id: str
    certificate_number: str
    partner_code: str
    agreement_code: str


class ReferralSent(EventData):
    """The secretariat referred the member, with their record, to the partner body."""

    event_type = "referral.sent"

    referral_id: UUID
    applicant_id: str
    certificate_number: str
    partner_code: str
    agreement_code: str
    referred_at: datetime


class ReferralDecided(EventData):
    """The partner body recorded its outcome: its title granted (with its number) or refused."""

    event_type = "referral.decided"

    referral_id: UUID
    applicant_id: str
    certificate_number: str
    partner_code: str
    agreement_code: str
    outcome: Literal["granted", "refused"]
    granted_title: str | None
    partner_number: str | None
    decided_on: date
    reason: str | None


ALL_EVENTS: tuple[type[EventData], ...] = (
    EvaluationObjectionResolved,
    RecommendationReceived,
    RecommendationScreened,
    ApplicationSubmitted,
    ApplicationReturned,
    ApplicationLapsed,
    ApplicationAccepted,
    ApplicationSupplementSubmitted,
    EvaluationCaseOpened,
    EvaluationPanelAssigned,
    EvaluationSupplementRequested,
    EvaluationSupplementLapsed,
    EvaluationDecided,
    EvaluationNoticePublished,
    EvaluationApproved,
    EvaluationWithdrawn,
    CertificateIssued,
    MemberBarred,
    CpdLedgerOpened,
    CertificateStatusChanged,
    CertificateRenewed,
    CpdComplianceChanged,
    CpdCoursePublished,
    ReminderDue,
    ComplaintReceived,
    ComplaintStatementRequested,
    ComplaintAnswered,
    PilotReportReady,
    EvaluationReviewSubmitted,
    EvaluationInterviewScored,
    ExaminerTrained,
    RegistrationRefused,
    ReregistrationRefused,
    ReferralRequested,
    ReferralSent,
    ReferralDecided,
)
