"""Cursors of the lists whose natural order is not newest-first (ready reports by period,
targets by year, examiners by how far out of line they are): the last item's sort key,
opaque to the caller, so the next page starts right after it whatever was added since."""

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kit.errors import Unprocessable
from kit.pagination import PageParams

T = TypeVar("T")


def encode(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def decode(cursor: str, size: int) -> list[Any]:
    """The sort key `encode` wrote; a 422 for anything else (edited, or of another list)."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid() from exc
    if not isinstance(key, list) or len(key) != size:
        raise invalid()
    return key


def invalid() -> Unprocessable:
    return Unprocessable("无效的分页游标 / Invalid pagination cursor.")


def trim(rows: Sequence[T], params: PageParams, key_of: Callable[[T], str]
            ) -> tuple[list[T], str | None]:
    """Drops the look-ahead row; the cursor of the next page when there is one."""
    if len(rows) <= params.limit:
        return list(rows), None
    page = list(rows[: params.limit])
    return page, key_of(page[-1])
