"""A case's examiner panel: proposal, assignment, removal and declarations."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from evaluation.panels import service
from evaluation.panels.schemas import (
    DeclarationIn,
    PanelIn,
    PanelOut,
    PanelProposal,
    SeatRemovalIn,
)

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["panels"])

SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
PanelReader = Annotated[
    Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.EXAMINER))
]
ExaminerUser = Annotated[Principal, Depends(require_roles(Role.EXAMINER))]
CaseId = Annotated[uuid.UUID, Path(description="The case's id")]


@router.get("/panel")
async def get_panel(case_id: CaseId, principal: PanelReader, session: SessionDep
                    ) -> PanelOut:
    """The panel's seats, with each declaration and removal."""
    return await service.panel(session, principal, case_id)


@router.get("/panel/proposal")
async def propose_panel(
    case_id: CaseId, principal: SocietyStaff, session: SessionDep,
    size: Annotated[int | None, Query(
        ge=1, le=15, description="How many to propose; the policy's panel_min_size if "
        "omitted")] = None,
) -> PanelProposal:
    """Eligible examiners (qualified, trained, active, no conflict), least busy first."""
    return await service.propose(session, principal, case_id, size)


@router.post("/panel")
async def assign_panel(
    case_id: CaseId, body: PanelIn, principal: SocietyStaff, session: SessionDep
) -> PanelOut:
    """Seat examiners on the panel; conflicted or unqualified examiners are refused."""
    return await service.assign(session, principal, case_id, body)


@router.post("/panel/{examiner_id}/removal")
async def remove_from_panel(
    case_id: CaseId, examiner_id: Annotated[uuid.UUID, Path(
        description="The seated examiner's id")], body: SeatRemovalIn, principal: SocietyStaff,
    session: SessionDep,
) -> PanelOut:
    """Take an examiner off the panel, with a reason (kept in the audit trail)."""
    return await service.remove(session, principal, case_id, examiner_id, body.reason)


@router.post("/declaration")
async def declare(
    case_id: CaseId, body: DeclarationIn, principal: ExaminerUser, session: SessionDep
) -> PanelOut:
    """Declare whether you have a conflict of interest; required before seeing the file."""
    return await service.declare(session, principal, case_id, body)
