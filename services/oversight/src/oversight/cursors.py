"""Cursors of the lists whose natural order is not newest-first (ready reports by period,
targets by year, examiners by how far out of line they are), written in the kit's one cursor
form (a number, a dot, 32 hex digits) so every list takes the
same `cursor` parameter, and every string of that form is a position (past the end: an empty
page)."""

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from kit.errors import Unprocessable
from kit.pagination import PageParams

T = TypeVar("T")
# The kit's cursor form (kit.pagination.CURSOR_PATTERN), which page_params' `cursor` declares.
_CURSOR = re.compile(r"^[0-9]{1,16}\.[0-9a-f]{32}$")
_NO_ID = uuid.UUID(int=0)
# Two China dates in one number: the first's ordinal times this, plus the second's.
_DATE_BASE = 10_000_000


def _split(cursor: str) -> tuple[int, uuid.UUID]:
    if not _CURSOR.match(cursor):
        raise Unprocessable("无效的分页游标 / Invalid pagination cursor: send `next_cursor` of "
                            "the previous page unchanged.")
    number, row_id = cursor.split(".")
    return int(number), uuid.UUID(hex=row_id)


def offset_cursor(offset: int) -> str:
    """A position in a list ordered by values that are not one row's (a computed ranking)."""
    return f"{offset}.{_NO_ID.hex}"


def offset_of(cursor: str | None) -> int:
    return 0 if cursor is None else _split(cursor)[0]


def dates_cursor(first: date, second: date, row_id: uuid.UUID) -> str:
    return f"{first.toordinal() * _DATE_BASE + second.toordinal()}.{row_id.hex}"


def dates_of(cursor: str) -> tuple[date, date, uuid.UUID]:
    """The two dates and the id `dates_cursor` wrote, held within the calendar's range."""
    number, row_id = _split(cursor)

    def day(ordinal: int) -> date:
        return date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))

    return day(number // _DATE_BASE), day(number % _DATE_BASE), row_id


def trim(rows: Sequence[T], params: PageParams, key_of: Callable[[T], str]
         ) -> tuple[list[T], str | None]:
    """Drops the look-ahead row; the cursor of the next page when there is one."""
    if len(rows) <= params.limit:
        return list(rows), None
    page = list(rows[: params.limit])
    return page, key_of(page[-1])
