"""Examiners' submitted scores, from evaluation's events."""

from decimal import Decimal

from cse_contracts.events import EvaluationInterviewScored, EvaluationReviewSubmitted
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.calibration import repository


async def on_review_submitted(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationReviewSubmitted)
    # On the interview's scale: the share of the five competencies found achieved, in %.
    share = Decimal(data.competencies_achieved * 100) / Decimal(max(data.competencies_total, 1))
    await repository.add_score(session, {
        "kind": "review", "case_id": data.case_id, "round": data.round,
        "examiner_id": data.examiner_id, "society_code": data.society_code,
        "score": share.quantize(Decimal("0.01")), "scored_at": data.submitted_at,
        "details": {"recommendation": data.recommendation or "",
                    "achieved": str(data.competencies_achieved)},
    })


async def on_interview_scored(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationInterviewScored)
    await repository.add_score(session, {
        "kind": "interview", "case_id": data.case_id, "round": 1,
        "examiner_id": data.examiner_id, "society_code": data.society_code,
        "score": Decimal(str(data.total)), "scored_at": data.submitted_at,
        "details": {name: str(points) for name, points in data.scores.items()},
    })
