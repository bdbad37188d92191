"""Enterprise recommendations and the committee's pre-screening (初筛)."""

import hashlib
import json
import uuid
from datetime import UTC, datetime

from cse_contracts.events import RecommendationReceived, RecommendationScreened
from kit.auth import Principal, Role
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from applications.events import outbox
from applications.models import Candidate, Recommendation
from applications.recommendations import repository
from applications.recommendations.errors import (
    AlreadyScreened,
    CandidateNotFound,
    IdempotencyKeyReused,
    NotAnEnterprise,
    RecommendationNotFound,
    ScreeningIncomplete,
)
from applications.recommendations.schemas import RecommendationIn, ScreeningIn
from applications.reference.service import require_field, require_society


def request_hash(payload: RecommendationIn) -> str:
    canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def create_recommendation(
    session: AsyncSession, principal: Principal, payload: RecommendationIn,
    idempotency_key: str | None,
) -> tuple[Recommendation, bool]:
    """Store a recommendation and emit `recommendation.received`; returns (it, created).
    A retried push with the same Idempotency-Key returns the first result and stores nothing."""
    if principal.enterprise is None:
        raise NotAnEnterprise(
            "令牌未关联企业，无法提交推荐 / This token is not bound to an enterprise."
        )
    digest = request_hash(payload)
    if idempotency_key:
        existing = await repository.get_by_key(session, principal.enterprise, idempotency_key)
        if existing is not None:
            return _replay(existing, digest), False
    for candidate in payload.candidates:
        await require_field(session, candidate.field_code)
    recommendation = Recommendation(
        id=uuid.uuid4(),
        enterprise_id=principal.enterprise,
        enterprise_name=payload.enterprise.name,
        contact_name=payload.enterprise.contact_name,
        contact_mobile=payload.enterprise.contact_mobile,
        idempotency_key=idempotency_key,
        request_hash=digest,
        candidates=[
            Candidate(id=uuid.uuid4(), position=i, status="pending", **c.model_dump())
            for i, c in enumerate(payload.candidates, start=1)
        ],
    )
    try:
        async with session.begin_nested():
            session.add(recommendation)
            await session.flush()
    except IntegrityError:
        # A concurrent retry with the same key won the race: answer with its result.
        existing = await repository.get_by_key(session, principal.enterprise, idempotency_key or "")
        if existing is None:
            raise
        return _replay(existing, digest), False
    await outbox.emit(
        session,
        RecommendationReceived(
            recommendation_id=recommendation.id,
            enterprise_id=recommendation.enterprise_id,
            enterprise_name=recommendation.enterprise_name,
            candidate_count=len(recommendation.candidates),
        ),
        subject=f"recommendations/{recommendation.id}",
    )
    return recommendation, True


def _replay(existing: Recommendation, digest: str) -> Recommendation:
    if existing.request_hash != digest:
        raise IdempotencyKeyReused(
            "该 Idempotency-Key 已用于内容不同的推荐；请为新推荐使用新的键 / This Idempotency-Key "
            "was already used for a different recommendation; use a new key for a new one."
        )
    return existing


async def get_recommendation(
    session: AsyncSession, principal: Principal, recommendation_id: uuid.UUID
) -> Recommendation:
    recommendation = await repository.get(session, recommendation_id)
    # An enterprise must not learn that another enterprise's recommendation exists.
    if recommendation is None or (
        principal.role is Role.ENTERPRISE and recommendation.enterprise_id != principal.enterprise
    ):
        raise RecommendationNotFound(f"推荐 {recommendation_id} 不存在 / No such recommendation.")
    return recommendation


async def screen_candidate(
    session: AsyncSession, principal: Principal, candidate_id: uuid.UUID, decision: ScreeningIn
) -> Candidate:
    """Accept (and assign to a society) or reject one candidate; emits `recommendation.screened`."""
    candidate = await repository.get_candidate(session, candidate_id, for_update=True)
    if candidate is None:
        raise CandidateNotFound(f"候选人 {candidate_id} 不存在 / No such candidate.")
    if candidate.status != "pending":
        raise AlreadyScreened(
            f"该候选人已初筛（{candidate.status}） / This candidate was already screened "
            f"({candidate.status})."
        )
    society_code: str | None = None
    if decision.decision == "accepted":
        field = await require_field(session, candidate.field_code)
        society_code = decision.society_code or field.society_code
        if society_code is None:
            raise ScreeningIncomplete(
                "该领域没有默认的授权学会，请指定 society_code / This field has no default "
                "authorized society; give society_code."
            )
        await require_society(session, society_code)
    elif not decision.reason:
        raise ScreeningIncomplete("不通过初筛时必须说明理由 / A rejection needs a reason.")
    candidate.status = decision.decision
    candidate.society_code = society_code
    candidate.screening_reason = decision.reason or None
    candidate.screened_by = principal.subject
    candidate.screened_at = datetime.now(UTC)
    recommendation = await repository.get(session, candidate.recommendation_id)
    assert recommendation is not None
    await outbox.emit(
        session,
        RecommendationScreened(
            recommendation_id=candidate.recommendation_id,
            candidate_id=candidate.id,
            enterprise_id=recommendation.enterprise_id,
            candidate_name=candidate.name,
            decision=decision.decision,
            society_code=society_code,
            reason=decision.reason,
        ),
        subject=f"candidates/{candidate.id}",
    )
    await session.flush()
    return candidate
