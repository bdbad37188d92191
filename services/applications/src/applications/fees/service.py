"""A society's evaluation fee per level: set by its staff, shown to the applicant before
submission, recorded on the application when submitted; no payment handling, only whether
the society has recorded the fee as settled."""

import uuid
from decimal import Decimal

from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application import repository as applications
from applications.application.errors import ApplicationNotFound
from applications.fees import repository
from applications.fees.errors import InvalidFee, NotYourSociety, UnknownSociety
from applications.fees.rules import DEFAULT_FEE, fee_problem
from applications.models import Application, SocietyFee
from applications.reference import repository as reference


async def fee_for(session: AsyncSession, society_code: str, level: str) -> Decimal:
    return await repository.amount(session, society_code, level) or DEFAULT_FEE


async def set_fee(session: AsyncSession, principal: Principal, society_code: str, level: str,
                  amount: Decimal) -> SocietyFee:
    if principal.role is Role.SOCIETY_ADMIN and principal.society != society_code:
        raise NotYourSociety(
            f"您只能设置本学会（{principal.society}）的费用 / You can set the fees of your own "
            f"society ({principal.society}) only."
        )
    problem = fee_problem(amount)
    if problem:
        raise InvalidFee(problem)
    if await reference.get_society(session, society_code) is None:
        raise UnknownSociety(
            f"学会代码 {society_code} 不存在，请从 /v1/reference/societies 中选择 / No society "
            f"has the code {society_code}; choose from /v1/reference/societies."
        )
    row = await repository.fee(session, society_code, level)
    if row is None:
        row = SocietyFee(society_code=society_code, level=level, amount_cny=amount,
                         updated_by=principal.subject, updated_at=clock.now())
        session.add(row)
    else:
        row.amount_cny, row.updated_by, row.updated_at = amount, principal.subject, clock.now()
    await session.flush()
    return row


async def record_settlement(session: AsyncSession, principal: Principal,
                            application_id: uuid.UUID, settled: bool) -> Application:
    application = await applications.get(session, application_id)
    if (application is None or application.status == "draft"
            or application.society_code != principal.society):
        raise ApplicationNotFound(f"没有申请 {application_id} / No application {application_id}.")
    application.fee_settled = settled
    application.fee_settled_at = clock.now() if settled else None
    await session.flush()
    return application
