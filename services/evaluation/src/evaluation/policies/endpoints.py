"""A society's evaluation policy (notice days, panel size, aggregation …) and its rubrics."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles
from kit.errors import Forbidden, Unprocessable

from evaluation.policies import service
from evaluation.policies.schemas import Level, PolicyOut, PolicyPatch, RubricIn, RubricOut

# Under /v1/cases because the gateway routes only /v1/cases, /v1/examiners, /v1/batches and
# /v1/public-notices to this service; registered before /v1/cases/{case_id}.
router = APIRouter(prefix="/v1/cases/policy", tags=["policy"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
LevelPath = Annotated[Level, Path(description="The level whose rubric this is")]
SocietyQuery = Annotated[
    str | None, Query(description="Society code; the secretariat must name one")
]


def society_of(principal: Principal, society: str | None) -> str:
    """Society staff act on their own society; the secretariat names the one it reads."""
    if principal.role is Role.SOCIETY_ADMIN:
        if society is not None and society != principal.society:
            raise Forbidden("只能查看本学会的设置 / You can only see your own society's policy.")
        return str(principal.society)
    if society is None:
        raise Unprocessable("请用 ?society= 指定学会 / Name the society with ?society=.")
    return society


@router.get("")
async def get_policy(
    principal: Reader, session: SessionDep, society: SocietyQuery = None
) -> PolicyOut:
    """The society's evaluation policy (defaults: panel of 2, 5 working days of notice …)."""
    policy = await service.policy_for(session, society_of(principal, society))
    return PolicyOut.model_validate(policy)


@router.patch("")
async def update_policy(
    patch: PolicyPatch, principal: SocietyStaff, session: SessionDep
) -> PolicyOut:
    """Change some settings of your society's policy; only the fields sent change."""
    policy = await service.update_policy(session, principal, str(principal.society), patch)
    return PolicyOut.model_validate(policy)


@router.get("/rubrics/{level}")
async def get_rubric(
    level: LevelPath, principal: Reader, session: SessionDep, society: SocietyQuery = None
) -> RubricOut:
    """The interview rubric of a level: maxima, minima and pass total."""
    return await service.describe_rubric(session, society_of(principal, society), level)


@router.put("/rubrics/{level}")
async def set_rubric(
    level: LevelPath, body: RubricIn, principal: SocietyStaff, session: SessionDep
) -> RubricOut:
    """Replace your society's interview rubric for a level."""
    return await service.set_rubric(session, principal, str(principal.society), level, body)
