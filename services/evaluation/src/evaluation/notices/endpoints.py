"""The public notice list and the objection form: open to anyone, no token."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from kit.app import SessionDep

from evaluation.notices import service
from evaluation.notices.schemas import ObjectionIn, ObjectionReceipt, PublicNoticeOut

router = APIRouter(prefix="/v1/public-notices", tags=["public notice"])


@router.get("")
async def list_notices(
    session: SessionDep,
    society: Annotated[str | None, Query(description="Society code")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[PublicNoticeOut]:
    """Engineers who passed and are on public notice now (公示): name, society, field, level."""
    return await service.public_list(session, society_code=society, limit=limit)


@router.get("/{notice_id}")
async def get_notice(notice_id: uuid.UUID, session: SessionDep) -> PublicNoticeOut:
    """One running notice."""
    return await service.public_notice(session, notice_id)


@router.post("/{notice_id}/objections", status_code=status.HTTP_201_CREATED)
async def lodge_objection(
    notice_id: uuid.UUID, body: ObjectionIn, session: SessionDep
) -> ObjectionReceipt:
    """Lodge an objection to a notice, with your name and a phone number or e-mail."""
    return await service.lodge_objection(session, notice_id, body)
