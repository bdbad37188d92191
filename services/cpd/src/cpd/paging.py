"""Cursors for the lists kept in their natural order rather than newest first (a ledger's
activities by date, a society's policy versions by effective date, the download log by
time of reading): the cursor carries the sort key of the last item, so the next page goes
on exactly where the previous one ended, whatever was added meanwhile."""

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kit.errors import Unprocessable
from kit.pagination import PageParams
from sqlalchemy import Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

T = TypeVar("T")
Parser = Callable[[str], object]
Columns = Sequence[InstrumentedAttribute[Any]]


def encode(values: Sequence[object]) -> str:
    text = [v.isoformat() if hasattr(v, "isoformat") else str(v) for v in values]
    return base64.urlsafe_b64encode(json.dumps(text).encode()).decode()


def decode(cursor: str, parsers: Sequence[Parser]) -> list[object]:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(raw, list) or len(raw) != len(parsers):
            raise ValueError("wrong shape")
        return [parse(str(value)) for parse, value in zip(parsers, raw, strict=True)]
    except (ValueError, TypeError) as exc:
        raise Unprocessable("无效的分页游标 / Invalid pagination cursor.") from exc


def keyset(query: Select[Any], columns: Columns, parsers: Sequence[Parser],
           params: PageParams, *, descending: bool = False) -> Select[Any]:
    """One page of `query` in the order of `columns` (the last one unique), after the
    cursor's row; one row more than the page, to tell whether another follows."""
    if params.cursor:
        after = tuple(decode(params.cursor, parsers))
        key = tuple_(*columns)
        query = query.where(key < after if descending else key > after)
    order = [c.desc() for c in columns] if descending else list(columns)
    return query.order_by(*order).limit(params.limit + 1)


def trim(rows: Sequence[T], params: PageParams, key: Callable[[T], Sequence[object]]
         ) -> tuple[list[T], str | None]:
    """The page without its look-ahead row, and the cursor of the next page if any."""
    if len(rows) <= params.limit:
        return list(rows), None
    page = list(rows[: params.limit])
    return page, encode(key(page[-1]))
