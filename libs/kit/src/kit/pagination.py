"""Cursor pagination over (created_at, id), newest first: stable under concurrent inserts."""

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute

from kit.errors import Unprocessable

T = TypeVar("T")


class PageParams(BaseModel):
    """`limit` and `cursor` of a list request (kit.dependencies.page_params reads them)."""

    limit: int = Field(default=50, description="Items per page, 1–200.")
    cursor: str | None = Field(default=None, description="`next_cursor` of the previous page.")


# A cursor is the last row's position: microseconds since 1970-01-01 UTC, a dot, its id as 32
# hex digits. Every string of this pattern is a position (so the document can say exactly what
# a cursor is), and a position past every row simply yields an empty page.
CURSOR_PATTERN = r"^[0-9]{1,16}\.[0-9a-f]{32}$"
_CURSOR = re.compile(CURSOR_PATTERN)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Page(BaseModel, Generic[T]):
    """One page of a list, newest first unless the operation says otherwise."""

    items: list[T] = Field(description="This page's items, at most `limit` of them.")
    next_cursor: str | None = Field(
        default=None,
        description="Pass as `cursor` to get the next page; null on the last page. Opaque: "
        "send it back unchanged.")


def encode_cursor(created_at: datetime, row_id: uuid.UUID) -> str:
    moment = created_at if created_at.tzinfo else created_at.replace(tzinfo=UTC)
    micros = (moment - _EPOCH) // timedelta(microseconds=1)
    return f"{micros}.{row_id.hex}"


def decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    if not _CURSOR.match(cursor):
        raise Unprocessable("无效的分页游标 / Invalid pagination cursor: send `next_cursor` of "
                            "the previous page unchanged.")
    micros, row_id = cursor.split(".")
    return _EPOCH + timedelta(microseconds=int(micros)), uuid.UUID(hex=row_id)


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
