"""A society's evaluation policy and interview rubrics (defaults from DOMAIN.md §6)."""

from decimal import Decimal

from kit import clock
from kit.auth import Principal
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.interviews.rules import COMPETENCIES, ScoringRubric, default_rubric
from evaluation.models import Rubric, SocietyPolicy
from evaluation.policies import repository
from evaluation.policies.errors import InvalidRubric, LooserThanCse, SocietyNotFound
from evaluation.policies.rules import breach_message, policy_breaches, rubric_breaches
from evaluation.policies.schemas import Level, PolicyPatch, RubricIn, RubricOut


async def policy_for(session: AsyncSession, society_code: str) -> SocietyPolicy:
    """The society's policy; a default one is created on first use."""
    policy = await repository.get_policy(session, society_code)
    if policy is None:
        if await repository.get_society(session, society_code) is None:
            raise SocietyNotFound(f"学会 {society_code} 不存在 / No such society.")
        policy = SocietyPolicy(
            society_code=society_code, panel_min_size=2, notice_working_days=5,
            supplement_working_days=10, at_risk_days=30, cycle_months=6, aggregation="mean",
            interview_required=True, uses_written_test=False,
            written_test_pass_mark=Decimal(60), written_test_maximum=Decimal(100),
            fast_track_materials_only=True, conflict_cooling_off_years=3,
            examiner_reminder_days=14, supplement_reminder_days=3,
        )
        session.add(policy)
        await session.flush()
    return policy


async def update_policy(
    session: AsyncSession, principal: Principal, society_code: str, patch: PolicyPatch
) -> SocietyPolicy:
    policy = await policy_for(session, society_code)
    changes = patch.model_dump(exclude_unset=True, exclude_none=True)
    breaches = policy_breaches(
        cycle_months=changes.get("cycle_months", policy.cycle_months),
        notice_working_days=changes.get("notice_working_days", policy.notice_working_days),
    )
    if breaches:
        raise LooserThanCse(breach_message(breaches),
                            errors=[b.as_item() for b in breaches])
    for name, value in changes.items():
        setattr(policy, name, value)
    if policy.written_test_pass_mark > policy.written_test_maximum:
        raise InvalidRubric(
            "笔试通过分不能高于满分 / The written-test pass mark exceeds its maximum."
        )
    policy.updated_by = principal.subject
    policy.updated_at = clock.now()
    await audit.record(session, "policy.updated", principal=principal,
                       society_code=society_code, changes=changes)
    await session.flush()
    return policy


async def rubric_for(session: AsyncSession, society_code: str, level: str) -> ScoringRubric:
    row = await repository.get_rubric(session, society_code, level)
    if row is None:
        return default_rubric(level)
    return ScoringRubric(
        maxima=dict(row.maxima),
        minima={name: Decimal(value) for name, value in row.minima.items()},
        pass_total=Decimal(row.pass_total),
    )


async def describe_rubric(session: AsyncSession, society_code: str, level: Level
                          ) -> RubricOut:
    row = await repository.get_rubric(session, society_code, level)
    rubric = await rubric_for(session, society_code, level)
    return RubricOut(
        society_code=society_code, level=level,
        maxima=dict(rubric.maxima), minima=dict(rubric.minima), pass_total=rubric.pass_total,
        default=row is None,
    )


async def set_rubric(
    session: AsyncSession, principal: Principal, society_code: str, level: Level, body: RubricIn
) -> RubricOut:
    missing = [name for name in COMPETENCIES if name not in body.maxima]
    if missing:
        raise InvalidRubric(
            f"须为每项素质能力给出满分，缺少 {', '.join(missing)} / Every competency needs a "
            f"maximum; missing: {', '.join(missing)}."
        )
    too_high = [name for name, value in body.minima.items() if value > body.maxima[name]]
    if too_high:
        raise InvalidRubric(
            f"最低分高于满分：{', '.join(too_high)} / Minimum above maximum: "
            f"{', '.join(too_high)}."
        )
    if body.pass_total > sum(body.maxima.values()):
        raise InvalidRubric("通过总分高于满分总和 / The pass total exceeds the maximum total.")
    breaches = rubric_breaches(level, minima=dict(body.minima.items()),
                               pass_total=body.pass_total)
    if breaches:
        raise LooserThanCse(breach_message(breaches),
                            errors=[b.as_item() for b in breaches])
    row = await repository.get_rubric(session, society_code, level)
    if row is None:
        row = Rubric(society_code=society_code, level=level)
        session.add(row)
    row.maxima = {str(name): value for name, value in body.maxima.items()}
    row.minima = {name: str(value) for name, value in body.minima.items()}
    row.pass_total = body.pass_total
    row.updated_by = principal.subject
    row.updated_at = clock.now()
    await audit.record(session, "rubric.updated", principal=principal,
                       society_code=society_code, level=level, rubric=body.model_dump())
    await session.flush()
    return await describe_rubric(session, society_code, level)
