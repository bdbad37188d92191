"""CPD ledgers: members see their own, society staff their society's."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from cpd.ledgers import repository, service
from cpd.ledgers.schemas import LedgerOut

router = APIRouter(prefix="/v1/cpd", tags=["cpd"])

Reader = Annotated[
    Principal, Depends(require_roles(Role.APPLICANT, Role.SOCIETY_ADMIN, Role.SECRETARIAT))
]


@router.get("/ledgers")
async def list_ledgers(principal: Reader, session: SessionDep) -> list[LedgerOut]:
    """The caller's own ledgers, or their society's."""
    ledgers = await repository.list_for(
        session,
        applicant_id=principal.subject if principal.role is Role.APPLICANT else None,
        society_code=principal.society if principal.role is Role.SOCIETY_ADMIN else None,
    )
    return [LedgerOut.model_validate(ledger) for ledger in ledgers]


@router.get("/ledgers/{certificate_number}")
async def get_ledger(
    certificate_number: Annotated[str, Path(max_length=40)], principal: Reader,
    session: SessionDep,
) -> LedgerOut:
    """The ledger of one certificate."""
    return LedgerOut.model_validate(
        await service.get_ledger(session, principal, certificate_number)
    )
