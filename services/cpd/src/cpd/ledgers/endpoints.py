"""CPD ledgers: members see their own, society staff their society's."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from kit import clock
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from cpd.compliance import service as compliance
from cpd.ledgers import repository, service
from cpd.ledgers.rules import year_closed
from cpd.ledgers.schemas import (
    ComplianceOut,
    LedgerOut,
    SummaryIn,
    SummaryOut,
    YearComplianceOut,
)
from cpd.params import Number

router = APIRouter(prefix="/v1/cpd", tags=["cpd"])

Reader = Annotated[Principal, Depends(require_roles(*service.READER_ROLES))]
Member = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]


@router.get("/ledgers")
async def list_ledgers(principal: Reader, session: SessionDep,
                       params: Annotated[PageParams, Depends(page_params)],
                       compliant: Annotated[bool | None, Query(description=(
                           "`false`: only ledgers short of hours; `true`: only compliant "
                           "ones; absent: all. By the figures last reported (a ledger gets its "
                           "first report when it opens)."))] = None) -> Page[LedgerOut]:
    """The caller's own ledgers, or their society's (`compliant=false`: those short of hours),
    newest first."""
    rows = await repository.list_for(
        session, params,
        applicant_id=principal.subject if principal.role is Role.APPLICANT else None,
        society_code=principal.society if principal.role is Role.SOCIETY_ADMIN else None,
        compliant=compliant,
    )
    ledgers, cursor = next_cursor(list(rows), params)
    return Page(items=[service.ledger_out(ledger) for ledger in ledgers], next_cursor=cursor)


@router.get("/ledgers/{certificate_number}")
async def get_ledger(certificate_number: Number, principal: Reader, session: SessionDep
                     ) -> LedgerOut:
    """The ledger of one certificate."""
    return service.ledger_out(await service.get_ledger(session, principal, certificate_number))


@router.get("/ledgers/{certificate_number}/compliance")
async def get_compliance(certificate_number: Number, principal: Reader, session: SessionDep
                         ) -> ComplianceOut:
    """Required, credited, deferred and shortfall hours per year of validity and in all."""
    ledger = await service.get_ledger(session, principal, certificate_number)
    state = await compliance.compute(session, ledger)
    today = clock.today()
    result = state.result
    return ComplianceOut(
        certificate_number=ledger.certificate_number, period_start=ledger.valid_from,
        period_end=ledger.valid_until, required_hours=result.required,
        credited_hours=result.credited, deferred_hours=result.deferred,
        shortfall_hours=result.shortfall, compliant=result.compliant,
        deferral_granted=result.deferral_granted,
        years=[YearComplianceOut(
            year=y.year.index, start=y.year.start, end=y.year.end, required_hours=y.required,
            credited_hours=y.credited, deferred_hours=y.deferred, shortfall_hours=y.shortfall,
            postponed_in_hours=y.postponed_in,
            closed=year_closed(y.year, today, state.book.terms_for_year(y.year).grace_days),
        ) for y in result.years],
    )


@router.get("/ledgers/{certificate_number}/summary")
async def get_summary(certificate_number: Number, principal: Reader, session: SessionDep
                      ) -> SummaryOut:
    """The member's development summary (职业发展总结)."""
    ledger = await service.get_ledger(session, principal, certificate_number)
    return SummaryOut(certificate_number=ledger.certificate_number, text=ledger.summary,
                      updated_at=ledger.summary_updated_at)


@router.put("/ledgers/{certificate_number}/summary")
async def write_summary(certificate_number: Number, payload: SummaryIn, principal: Member,
                        session: SessionDep) -> SummaryOut:
    """Write or rewrite your development summary."""
    ledger = await service.write_summary(session, principal, certificate_number, payload.text)
    return SummaryOut(certificate_number=ledger.certificate_number, text=ledger.summary,
                      updated_at=ledger.summary_updated_at)
