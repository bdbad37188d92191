"""The closed sets of words the evaluation API answers with, exactly as the database stores
them (and the two the API words differently: a reviewer's recommendation)."""

from typing import Literal

CaseStatus = Literal[
    "materials_review", "supplement_requested", "assessment", "deliberation", "notice",
    "approved", "failed", "withdrawn",
]
"""materials_review → (supplement_requested ↔ materials_review) → assessment → deliberation →
notice → approved; failed from deliberation or an upheld objection; withdrawn when the
applicant is barred for life."""

AssessmentResult = Literal["passed", "failed"]
InterviewOutcome = Literal["passed", "failed", "not_required"]
CaseOutcome = Literal["passed", "failed", "withdrawn"]
SeatStatus = Literal["pending", "cleared", "conflicted", "removed"]
BatchStatus = Literal["open", "closed"]
ExaminerStatus = Literal["active", "inactive"]
InterviewMode = Literal["in_person", "online"]
InterviewStatus = Literal["scheduled", "scored"]
ObjectionStatus = Literal["open", "upheld", "dismissed"]
ReviewStatus = Literal["draft", "submitted"]
RoundStatus = Literal["open", "closed"]
RoundOutcome = Literal["passed", "failed", "supplement_requested"]
RoundOpenedBecause = Literal["first", "supplement_submitted", "supplement_lapsed"]
AuditRole = Literal[
    "applicant", "enterprise", "committee", "society_admin", "examiner", "secretariat",
    "supervision", "partner", "provider", "system", "public",
]
"""A platform role, `system` for the worker's jobs and events, `public` for an objection
lodged on the open notice page."""

# A reviewer's recommendation: the API says passed / supplement / failed (the words of the
# decision); the database and the evaluation.review_submitted event keep pass / fail.
Recommendation = Literal["passed", "supplement", "failed"]
StoredRecommendation = Literal["pass", "supplement", "fail"]
_TO_STORED: dict[str, StoredRecommendation] = {
    "passed": "pass", "supplement": "supplement", "failed": "fail"}
_FROM_STORED: dict[str, Recommendation] = {
    "pass": "passed", "supplement": "supplement", "fail": "failed"}


def stored_recommendation(word: Recommendation | None) -> StoredRecommendation | None:
    return None if word is None else _TO_STORED[word]


def api_recommendation(stored: str | None) -> Recommendation | None:
    return None if stored is None else _FROM_STORED[stored]
