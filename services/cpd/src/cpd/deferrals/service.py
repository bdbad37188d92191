"""Deferrals for special circumstances [003 Q25]: the member asks, the society grants (which
years, reduced or postponed hours) or refuses; a grant counts in compliance."""

import uuid
from collections.abc import Sequence

from kit import clock
from kit.auth import Principal, Role
from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.compliance import service as compliance
from cpd.deferrals import repository
from cpd.deferrals.errors import DeferralDecided, DeferralNotFound, InvalidDeferral
from cpd.deferrals.schemas import DecisionIn, DeferralIn, DeferralOut
from cpd.ledgers import service as ledgers
from cpd.ledgers.rules import validity_years
from cpd.models import CpdDeferral, CpdLedger
from cpd.problems import body_item


def _invalid(field: str, code: str, zh: str, en: str) -> InvalidDeferral:
    return InvalidDeferral(f"{zh} / {en}", errors=[body_item(field, code, zh, en)])


def _check_years(ledger: CpdLedger, years: list[int]) -> None:
    count = len(validity_years(ledger.valid_from, ledger.valid_until))
    if len(set(years)) != len(years) or not all(1 <= y <= count for y in years):
        raise _invalid("years", "years_invalid", f"年度应为 1 到 {count} 之间且不重复",
                       f"Years must be distinct, between 1 and {count}.")


def deferral_out(deferral: CpdDeferral, principal: Principal) -> DeferralOut:
    # The reason may be about health or family: the secretariat sees that there is one only.
    reason = deferral.reason if principal.role is not Role.SECRETARIAT else "***"
    return DeferralOut(
        id=deferral.id, years=list(deferral.years), reason=reason, status=deferral.status,
        mode=deferral.mode, hours=deferral.hours, to_year=deferral.to_year,
        decision_reason=deferral.decision_reason, decided_at=deferral.decided_at,
        created_at=deferral.created_at,
    )


async def request(session: AsyncSession, principal: Principal, number: str, data: DeferralIn
                  ) -> CpdDeferral:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    _check_years(ledger, data.years)
    deferral = CpdDeferral(id=uuid.uuid4(), ledger_id=ledger.id, reason=data.reason,
                           period_start=ledger.valid_from,
                           years=sorted(data.years), status="requested", created_at=clock.now())
    await repository.add(session, deferral)
    return deferral


async def decide(session: AsyncSession, principal: Principal, number: str,
                 deferral_id: uuid.UUID, data: DecisionIn) -> CpdDeferral:
    ledger = await ledgers.ledger_for_staff(session, principal, number)
    deferral = await repository.get(session, ledger.id, deferral_id)
    if deferral is None:
        raise DeferralNotFound(f"缓办申请 {deferral_id} 不存在 / No deferral {deferral_id}.")
    if deferral.period_start != ledger.valid_from:
        raise DeferralDecided("该申请属于以往的有效期 / This request belongs to an earlier "
                              "validity.")
    if deferral.status != "requested":
        raise DeferralDecided(f"该申请已{deferral.status} / This request was already "
                              f"{deferral.status}.")
    if data.decision == "granted":
        years = sorted(data.years or deferral.years)
        if not set(years) <= set(deferral.years):
            raise _invalid("years", "years_not_requested",
                           "只能批准所申请的年度", "Grant only years that were asked for.")
        if data.mode is None or data.hours is None:
            raise _invalid("mode", "terms_required", "批准须说明方式（减免或顺延）和学时",
                           "A grant needs a mode (reduce or postpone) and the hours.")
        count = len(validity_years(ledger.valid_from, ledger.valid_until))
        if data.mode == "postpone" and (data.to_year is None or data.to_year <= max(years)
                                        or data.to_year > count):
            raise _invalid("to_year", "to_year_invalid",
                           f"顺延的学时须移到所批年度之后、第 {count} 年度之内",
                           f"Postponed hours move to a later year of this validity "
                           f"(after {max(years)}, at most {count}).")
        deferral.years = years
        deferral.mode, deferral.hours = data.mode, data.hours
        deferral.to_year = data.to_year if data.mode == "postpone" else None
        deferral.status = "granted"
    else:
        if not data.reason:
            raise _invalid("reason", "reason_required",
                           "不予批准须说明理由", "Say why the deferral is refused.")
        deferral.status = "refused"
    deferral.decision_reason = data.reason or None
    deferral.decided_by = principal.subject
    deferral.decided_at = clock.now()
    await session.flush()
    await compliance.refresh(session, ledger)
    return deferral


async def list_deferrals(session: AsyncSession, principal: Principal, number: str,
                         params: PageParams) -> Sequence[CpdDeferral]:
    ledger = await ledgers.get_ledger(session, principal, number)
    return await repository.page_of_ledger(session, ledger.id, params)
