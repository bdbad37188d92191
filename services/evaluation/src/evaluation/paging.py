"""Pages of the evaluation lists: kit.pagination's cursor over (a moment, id) newest first,
and a cursor over a position for the lists kept in their natural order (an audit trail by
insertion, review rounds by number)."""

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from kit.errors import Unprocessable
from kit.pagination import CURSOR_PATTERN, PageParams, encode_cursor

T = TypeVar("T")

_CURSOR = re.compile(CURSOR_PATTERN)


def newest_first(rows: Sequence[T], params: PageParams,
                 key: Callable[[T], tuple[datetime, uuid.UUID]]) -> tuple[list[T], str | None]:
    """Trims the look-ahead row of a `kit.pagination.paginate` query; `key` gives the moment
    and id the query is ordered by."""
    if len(rows) <= params.limit:
        return list(rows), None
    kept = list(rows[: params.limit])
    return kept, encode_cursor(*key(kept[-1]))


def after_position(params: PageParams) -> int | None:
    """The position the caller's cursor stands after (None on the first page). A position
    cursor has kit's cursor pattern (digits, a dot, 32 hex digits): the position, then zeros;
    any string of that pattern reads as a position."""
    if not params.cursor:
        return None
    if not _CURSOR.match(params.cursor):
        raise Unprocessable("无效的分页游标 / Invalid pagination cursor: send `next_cursor` of "
                            "the previous page unchanged.")
    return int(params.cursor.split(".")[0])


def by_position(rows: Sequence[T], params: PageParams,
                position: Callable[[T], int]) -> tuple[list[T], str | None]:
    """Trims the look-ahead row of a query ordered by `position` ascending, limited to
    `params.limit + 1` rows after `after_position(params)`."""
    if len(rows) <= params.limit:
        return list(rows), None
    kept = list(rows[: params.limit])
    return kept, f"{position(kept[-1])}.{'0' * 32}"
