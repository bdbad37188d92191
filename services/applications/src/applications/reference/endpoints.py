"""Public reference data: fields, specialties and authorized societies."""

import time
from collections.abc import Awaitable, Callable
from itertools import groupby
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from kit.app import ReadSessionDep
from kit.pagination import Page
from sqlalchemy.ext.asyncio import AsyncSession

from applications.application.commitment import CURRENT_VERSION, TEXTS
from applications.reference import repository
from applications.reference.schemas import CommitmentOut, FieldOut, SocietyOut, SpecialtyOut

router = APIRouter(prefix="/v1/reference", tags=["reference"])

# The lists change only when `seed` runs (a deployment); between two seeds every request asked
# PostgreSQL for the same rows. Each app keeps its answers this long, so a re-seed shows within
# a minute without a restart.
REFERENCE_TTL_SECONDS = 60.0


T = TypeVar("T")


async def _remembered(request: Request, name: str, load: Callable[[], Awaitable[T]]) -> T:
    cache: dict[str, tuple[float, Any]] | None = getattr(request.app.state, "reference_cache",
                                                           None)
    if cache is None:
        cache = request.app.state.reference_cache = {}
    entry = cache.get(name)
    now = time.monotonic()
    if entry is not None and now - entry[0] < REFERENCE_TTL_SECONDS:
        value: T = entry[1]
        return value
    loaded = await load()
    cache[name] = (now, loaded)
    return loaded


@router.get("/fields")
async def list_fields(request: Request, session: ReadSessionDep) -> Page[FieldOut]:
    """Engineering fields (工程技术领域) with their specialty categories, in the published order;
    public. Bounded (the published list, a few dozen): every field is in the one page and
    `next_cursor` is always null."""
    return await _remembered(request, "fields", lambda: _fields(session))


async def _fields(session: AsyncSession) -> Page[FieldOut]:
    fields = await repository.list_fields(session)
    specialties = await repository.list_specialties(session)
    by_field = {
        code: [SpecialtyOut.model_validate(s) for s in group]
        for code, group in groupby(sorted(specialties, key=lambda s: s.field_code),
                                   key=lambda s: s.field_code)
    }
    return Page(items=[
        FieldOut(code=f.code, name_zh=f.name_zh, name_en=f.name_en, society_code=f.society_code,
                 specialties=by_field.get(f.code, []))
        for f in fields
    ])


@router.get("/societies")
async def list_societies(request: Request, session: ReadSessionDep) -> Page[SocietyOut]:
    """Authorized societies (获授权学会) and the fields each evaluates, by code; public.
    Bounded (the authorized societies, a few dozen): every society is in the one page and
    `next_cursor` is always null."""
    return await _remembered(request, "societies", lambda: _societies(session))


async def _societies(session: AsyncSession) -> Page[SocietyOut]:
    return Page(items=[SocietyOut.model_validate(s)
                       for s in await repository.list_societies(session)])


@router.get("/commitment")
async def current_commitment() -> CommitmentOut:
    """The commitment letter (工程会员承诺书) applicants sign, with its version; public."""
    return CommitmentOut(version=CURRENT_VERSION, text=TEXTS[CURRENT_VERSION])
