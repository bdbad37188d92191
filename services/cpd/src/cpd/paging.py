"""Pages of the lists kept in their natural order rather than newest first (a ledger's
activities by date, a society's policy versions by effective date): the cursor is the kit's
(it names the last item seen), and the next page goes on after that item's place in the
order, whatever was added meanwhile. A cursor naming no item gives an empty page."""

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from kit.pagination import PageParams, decode_cursor, encode_cursor
from sqlalchemy import Select, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")


async def keyset(session: AsyncSession, query: Select[Any],
                 columns: Sequence[InstrumentedAttribute[Any]],
                 row_id: InstrumentedAttribute[uuid.UUID], params: PageParams
                 ) -> Sequence[Any]:
    """One page of `query` in the order of `columns` (ending with a unique one), after the
    cursor's item; one row more than the page, to tell whether another follows."""
    if params.cursor:
        _, after_id = decode_cursor(params.cursor)
        after = (await session.execute(select(*columns).where(row_id == after_id))).one_or_none()
        if after is None:
            return []
        query = query.where(tuple_(*columns) > tuple(after))
    return (await session.scalars(query.order_by(*columns).limit(params.limit + 1))).all()


def trim(rows: Sequence[T], params: PageParams, moment: Callable[[T], datetime],
         row_id: Callable[[T], uuid.UUID]) -> tuple[list[T], str | None]:
    """The page without its look-ahead row, and the cursor of the next page if any."""
    if len(rows) <= params.limit:
        return list(rows), None
    page = list(rows[: params.limit])
    return page, encode_cursor(moment(page[-1]), row_id(page[-1]))
