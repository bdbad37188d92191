"""Public reference data: fields, specialties and authorized societies."""

from itertools import groupby

from fastapi import APIRouter
from kit.app import ReadSessionDep
from kit.pagination import Page

from applications.application.commitment import CURRENT_VERSION, TEXTS
from applications.reference import repository
from applications.reference.schemas import CommitmentOut, FieldOut, SocietyOut, SpecialtyOut

router = APIRouter(prefix="/v1/reference", tags=["reference"])


@router.get("/fields")
async def list_fields(session: ReadSessionDep) -> Page[FieldOut]:
    """Engineering fields (工程技术领域) with their specialty categories, in the published order;
    public. Bounded (the published list, a few dozen): every field is in the one page and
    `next_cursor` is always null."""
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
async def list_societies(session: ReadSessionDep) -> Page[SocietyOut]:
    """Authorized societies (获授权学会) and the fields each evaluates, by code; public.
    Bounded (the authorized societies, a few dozen): every society is in the one page and
    `next_cursor` is always null."""
    return Page(items=[SocietyOut.model_validate(s)
                       for s in await repository.list_societies(session)])


@router.get("/commitment")
async def current_commitment() -> CommitmentOut:
    """The commitment letter (工程会员承诺书) applicants sign, with its version; public."""
    return CommitmentOut(version=CURRENT_VERSION, text=TEXTS[CURRENT_VERSION])
