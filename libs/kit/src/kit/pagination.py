"""Cursor pagination over (created_at, id), newest first: stable under concurrent inserts."""

import base64
import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from kit.errors import Unprocessable

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


class PageParams(BaseModel):
    limit: int = 50
    cursor: str | None = None


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{row_id}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created, row_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created), uuid.UUID(row_id)
    except ValueError as exc:
        raise Unprocessable("无效的分页游标 / Invalid pagination cursor.") from exc


def paginate(
    query: Select[Any],
    created_at: InstrumentedAttribute[datetime],
    row_id: InstrumentedAttribute[uuid.UUID],
    params: PageParams,
) -> Select[Any]:
    if params.cursor:
        after_created, after_id = decode_cursor(params.cursor)
        query = query.where(
            or_(created_at < after_created, and_(created_at == after_created, row_id < after_id))
        )
    return query.order_by(created_at.desc(), row_id.desc()).limit(params.limit + 1)


def next_cursor(rows: list[Any], params: PageParams) -> tuple[list[Any], str | None]:
    """Trims the look-ahead row and returns the cursor of the next page, if there is one."""
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    return rows, encode_cursor(last.created_at, last.id)
