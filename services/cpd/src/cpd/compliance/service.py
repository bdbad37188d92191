"""Compliance of a ledger from its facts, and `cpd.compliance_changed` whenever it changes."""

from dataclasses import dataclass
from typing import Any

from cse_contracts.events import CpdComplianceChanged, CpdYearCompliance
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.activities import repository as activities
from cpd.compliance.rules import CountedActivity, GrantedDeferral, PeriodResult, compliance
from cpd.deferrals import repository as deferrals
from cpd.events import outbox
from cpd.ledgers import repository as ledgers
from cpd.ledgers.rules import ValidityYear, validity_years, year_of
from cpd.models import CpdLedger
from cpd.policies.service import PolicyBook, policy_book


@dataclass(frozen=True)
class LedgerCompliance:
    ledger: CpdLedger
    book: PolicyBook
    years: list[ValidityYear]
    result: PeriodResult


async def compute(session: AsyncSession, ledger: CpdLedger, book: PolicyBook | None = None
                  ) -> LedgerCompliance:
    years = validity_years(ledger.valid_from, ledger.valid_until)
    book = book or await policy_book(session, ledger.society_code)
    counted = []
    for activity in await activities.of_ledger(session, ledger.id, ended_from=ledger.valid_from,
                                               ended_to=ledger.valid_until):
        year = year_of(years, activity.ends_on)
        if year is not None:
            counted.append(CountedActivity(year.index, activity.kind, activity.minutes,
                                           activity.status))
    granted = [
        GrantedDeferral(year=y, mode=d.mode or "reduce", hours=d.hours or 0, to_year=d.to_year)
        for d in await deferrals.of_ledger(session, ledger.id)
        if d.status == "granted" and d.period_start == ledger.valid_from
        for y in d.years if any(year.index == y for year in years)
    ]
    return LedgerCompliance(ledger, book, years,
                            compliance(years, book.terms_for_year, counted, granted))


def event_of(ledger: CpdLedger, result: PeriodResult) -> CpdComplianceChanged:
    return CpdComplianceChanged(
        certificate_number=ledger.certificate_number, applicant_id=ledger.applicant_id,
        society_code=ledger.society_code, period_start=ledger.valid_from,
        period_end=ledger.valid_until, required_hours=float(result.required),
        credited_hours=float(result.credited), deferred_hours=float(result.deferred),
        shortfall_hours=float(result.shortfall), compliant=result.compliant,
        deferral_granted=result.deferral_granted,
        years=[CpdYearCompliance(year=y.year.index, required_hours=float(y.required),
                                 credited_hours=float(y.credited),
                                 deferred_hours=float(y.deferred),
                                 shortfall_hours=float(y.shortfall)) for y in result.years],
    )


async def refresh(session: AsyncSession, ledger: CpdLedger) -> LedgerCompliance:
    """Recompute, and emit `cpd.compliance_changed` only when the figures moved."""
    state = await compute(session, ledger)
    event = event_of(ledger, state.result)
    snapshot: dict[str, Any] = event.model_dump(mode="json")
    if snapshot != ledger.last_compliance:
        ledger.last_compliance = snapshot
        await outbox.emit(session, event, subject=f"ledgers/{ledger.certificate_number}")
        await session.flush()
    return state


async def refresh_society(session: AsyncSession, society_code: str) -> int:
    """After a policy change: every ledger of the society whose figures it moves."""
    changed = 0
    for ledger in await ledgers.of_society(session, society_code):
        before = ledger.last_compliance
        await refresh(session, ledger)
        changed += ledger.last_compliance != before
    return changed
