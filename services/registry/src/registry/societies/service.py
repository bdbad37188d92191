"""A society's register settings: registration confirmation and late re-registration."""

from cse_contracts.reference import load_societies
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from registry.models import SocietySettings
from registry.societies import repository
from registry.societies.errors import SettingReserved, SocietyRequired, UnknownSociety
from registry.societies.schemas import RegisterSettingsPatch

DEFAULT_MODE = "confirm"


def society_of(principal: Principal, society: str | None) -> str:
    """Society staff act on their own society; the secretariat names the one it means."""
    if principal.role is Role.SOCIETY_ADMIN:
        if society is not None and society != principal.society:
            raise SettingReserved(
                "只能查看或修改本学会的设置 / You can only see or change your own society's "
                "settings."
            )
        return str(principal.society)
    if society is None:
        raise SocietyRequired("请用 ?society= 指定学会 / Name the society with ?society=.")
    return society


def _known(society_code: str) -> None:
    if society_code not in {s.code for s in load_societies()}:
        raise UnknownSociety(f"学会 {society_code} 不存在 / No society {society_code}.")


async def settings_for(session: AsyncSession, society_code: str) -> SocietySettings:
    """The society's settings, defaults until someone changes them."""
    row = await repository.get(session, society_code)
    if row is not None:
        return row
    return SocietySettings(society_code=society_code, registration_mode=DEFAULT_MODE,
                           reregistration_after_expiry=False)


async def update(session: AsyncSession, principal: Principal, society_code: str,
                 patch: RegisterSettingsPatch) -> SocietySettings:
    _known(society_code)
    if patch.registration_mode is not None and principal.role is not Role.SECRETARIAT:
        raise SettingReserved(
            "注册备案方式由联合体秘书处设定 / Only the CSE secretariat decides whether "
            "registrations are confirmed or automatic."
        )
    row = await repository.get(session, society_code)
    if row is None:
        row = SocietySettings(society_code=society_code, registration_mode=DEFAULT_MODE,
                              reregistration_after_expiry=False)
        session.add(row)
    for name, value in patch.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(row, name, value)
    row.updated_by, row.updated_at = principal.subject, clock.now()
    await session.flush()
    return row
