"""Applications: draft, submit, and the society's formal check (初审)."""

import uuid
from datetime import UTC, datetime

from cse_contracts.events import ApplicationAccepted, ApplicationSubmitted
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import repository
from applications.application.errors import (
    ApplicationNotFound,
    CandidateMismatch,
    InvalidTransition,
    ReturnNeedsReasons,
)
from applications.application.schemas import ApplicationIn, FormalCheckIn
from applications.events import outbox
from applications.models import Application, Recommendation
from applications.recommendations import repository as recommendations
from applications.reference.service import require_field, require_specialty

EDITABLE = frozenset({"draft", "returned"})


async def create_application(
    session: AsyncSession, principal: Principal, payload: ApplicationIn
) -> Application:
    field = await require_field(session, payload.field_code)
    if payload.specialty_code:
        await require_specialty(session, field.code, payload.specialty_code)
    name = payload.applicant_name or principal.name
    society_code = field.society_code
    if payload.candidate_id is not None:
        candidate = await recommendations.get_candidate(session, payload.candidate_id)
        if candidate is None or candidate.status != "accepted" or candidate.name != name:
            raise CandidateMismatch(
                "所引用的推荐不存在、未通过初筛或姓名不符 / The referenced recommendation does "
                "not exist, was not accepted in pre-screening, or is for another name."
            )
        society_code = candidate.society_code
    if society_code is None:
        raise CandidateMismatch(
            "该领域暂无授权学会，请通过企业推荐渠道由委员会分配 / This field has no authorized "
            "society yet; apply through a recommendation so the committee can assign one."
        )
    application = Application(
        id=uuid.uuid4(), applicant_id=principal.subject, applicant_name=name,
        level=payload.level, field_code=field.code, specialty_code=payload.specialty_code,
        society_code=society_code, candidate_id=payload.candidate_id, status="draft",
    )
    session.add(application)
    await session.flush()
    return application


async def get_application(
    session: AsyncSession, principal: Principal, application_id: uuid.UUID,
    *, for_update: bool = False,
) -> Application:
    """Applicants see their own; society staff their society's; the secretariat all."""
    application = await repository.get(session, application_id, for_update=for_update)
    visible = application is not None and (
        (principal.role is Role.APPLICANT and application.applicant_id == principal.subject)
        or (principal.role is Role.SOCIETY_ADMIN and application.society_code == principal.society)
        or principal.role is Role.SECRETARIAT
    )
    if not visible or application is None:
        raise ApplicationNotFound(f"申请 {application_id} 不存在 / No such application.")
    return application


async def submit(session: AsyncSession, principal: Principal, application_id: uuid.UUID
                 ) -> Application:
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status not in EDITABLE:
        raise InvalidTransition(
            f"申请状态为 {application.status}，不能提交 / An application in status "
            f"{application.status} cannot be submitted."
        )
    application.status = "submitted"
    application.submitted_at = datetime.now(UTC)
    await outbox.emit(
        session,
        ApplicationSubmitted(
            application_id=application.id, applicant_id=application.applicant_id,
            society_code=application.society_code, level=application.level,
            field_code=application.field_code,
        ),
        subject=f"applications/{application.id}",
    )
    await session.flush()
    return application


async def formal_check(
    session: AsyncSession, principal: Principal, application_id: uuid.UUID, check: FormalCheckIn
) -> Application:
    """Accept (locks the application, emits `application.accepted`) or return with reasons."""
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status != "submitted":
        raise InvalidTransition(
            f"只有已提交的申请可以初审，当前状态 {application.status} / Only a submitted "
            f"application can be checked; this one is {application.status}."
        )
    now = datetime.now(UTC)
    if check.decision == "return":
        if not check.reasons:
            raise ReturnNeedsReasons("退回时必须说明理由 / A return needs reasons.")
        application.status = "returned"
        application.check_reasons = check.reasons
        await session.flush()
        return application
    application.status = "accepted"
    application.accepted_at = now
    enterprise = await _recommending_enterprise(session, application)
    assert application.submitted_at is not None
    await outbox.emit(
        session,
        ApplicationAccepted(
            application_id=application.id, applicant_id=application.applicant_id,
            applicant_name=application.applicant_name, society_code=application.society_code,
            level=application.level,
            field_code=application.field_code, specialty_code=application.specialty_code,
            candidate_id=application.candidate_id, recommending_enterprise=enterprise,
            submitted_at=application.submitted_at, accepted_at=now,
        ),
        subject=f"applications/{application.id}",
    )
    await session.flush()
    return application


async def _recommending_enterprise(session: AsyncSession, application: Application) -> str | None:
    if application.candidate_id is None:
        return None
    candidate = await recommendations.get_candidate(session, application.candidate_id)
    if candidate is None:
        return None
    recommendation: Recommendation | None = await recommendations.get(
        session, candidate.recommendation_id
    )
    return recommendation.enterprise_name if recommendation else None
