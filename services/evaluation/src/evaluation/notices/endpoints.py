"""The public notice list and the objection form: open to anyone, no token."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, status
from kit.app import SessionDep
from kit.dependencies import page_params
from kit.pagination import Page, PageParams

from evaluation.notices import service
from evaluation.notices.schemas import ObjectionIn, ObjectionReceipt, PublicNoticeOut

router = APIRouter(prefix="/v1/public-notices", tags=["public notice"])

NoticeId = Annotated[uuid.UUID, Path(description="The notice's id (from the list)")]


@router.get("")
async def list_notices(
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    society: Annotated[str | None, Query(
        description="Only this society's notices (society code, e.g. `cces`)")] = None,
) -> Page[PublicNoticeOut]:
    """Engineers who passed and are on public notice now (公示): name, society, field, level;
    the most recently published first."""
    return await service.public_list(session, society_code=society, params=params)


@router.get("/{notice_id}")
async def get_notice(notice_id: NoticeId, session: SessionDep) -> PublicNoticeOut:
    """One running notice."""
    return await service.public_notice(session, notice_id)


@router.post("/{notice_id}/objections", status_code=status.HTTP_201_CREATED)
async def lodge_objection(
    notice_id: NoticeId, body: ObjectionIn, session: SessionDep
) -> ObjectionReceipt:
    """Lodge an objection to a notice, with your name and a phone number or e-mail."""
    return await service.lodge_objection(session, notice_id, body)
