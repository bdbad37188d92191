"""Field types shared by every service's request schemas.

Pydantic's lax mode reads a JSON number as a Unix timestamp, so `completed_on: 0` became
1970-01-01. A `Day` is a calendar date written `YYYY-MM-DD` (ISO 8601) and nothing else; a
`Moment` is an ISO 8601 date-time string. Both keep `format: date` / `format: date-time`
in the OpenAPI document."""

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DAY.fullmatch(value):
        return value
    raise ValueError(
        "日期须写作 YYYY-MM-DD（如 2026-03-01）/ a date is written YYYY-MM-DD, e.g. 2026-03-01"
    )


def _moment(value: Any) -> Any:
    if isinstance(value, datetime) or (isinstance(value, str) and _DAY.match(value)):
        return value
    raise ValueError(
        "时间须写作 ISO 8601（如 2026-03-01T09:30:00+08:00）/ a date-time is written ISO 8601,"
        " e.g. 2026-03-01T09:30:00+08:00"
    )


Day = Annotated[date, BeforeValidator(_day)]
Moment = Annotated[datetime, BeforeValidator(_moment)]
