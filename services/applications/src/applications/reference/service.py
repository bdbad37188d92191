"""Reference data: loaded from the versioned contract files into this service's tables."""

from cse_contracts.reference import load_fields, load_societies
from kit.errors import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from applications.models import Field, Society, Specialty
from applications.reference import repository


async def seed_reference_data(session: AsyncSession) -> None:
    """Idempotent: re-running updates names and scopes in place."""
    societies = load_societies()
    owner = {field: s.code for s in societies for field in s.fields}
    await repository.upsert(session, Society, [
        {"code": s.code, "name_zh": s.name_zh, "name_en": s.name_en, "field_codes": list(s.fields)}
        for s in societies
    ])
    fields = load_fields()
    await repository.upsert(session, Field, [
        {"code": f.code, "name_zh": f.name_zh, "name_en": f.name_en,
         "society_code": owner.get(f.code), "position": i}
        for i, f in enumerate(fields)
    ])
    await repository.upsert(session, Specialty, [
        {"code": s.code, "field_code": f.code, "name_zh": s.name_zh, "name_en": s.name_en,
         "scope_zh": s.scope_zh, "position": i}
        for f in fields for i, s in enumerate(f.specialties)
    ])


async def require_field(session: AsyncSession, code: str) -> Field:
    field = await repository.get_field(session, code)
    if field is None:
        raise Unprocessable(
            f"未知的工程技术领域代码 {code!r}，请从 /v1/reference/fields 中选择 / "
            f"Unknown field code {code!r}; choose one from /v1/reference/fields."
        )
    return field


async def require_specialty(session: AsyncSession, field_code: str, code: str) -> Specialty:
    specialty = await repository.get_specialty(session, code)
    if specialty is None or specialty.field_code != field_code:
        raise Unprocessable(
            f"专业类别 {code!r} 不属于领域 {field_code!r} / "
            f"Specialty {code!r} does not belong to field {field_code!r}."
        )
    return specialty


async def require_society(session: AsyncSession, code: str) -> Society:
    society = await repository.get_society(session, code)
    if society is None:
        raise Unprocessable(
            f"未知的学会代码 {code!r} / Unknown society code {code!r}; see /v1/reference/societies."
        )
    return society
