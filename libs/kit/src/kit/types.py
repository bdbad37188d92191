"""Field types shared by every service's request schemas.

Pydantic's lax mode reads a JSON number as a Unix timestamp, so `completed_on: 0` became
1970-01-01. A `Day` is a calendar date written `YYYY-MM-DD` (ISO 8601) and nothing else; a
`Moment` is an ISO 8601 date-time string. Both keep `format: date` / `format: date-time`
in the OpenAPI document."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

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

# Free text the kit's request screen lets through: no NUL or C0 control but tab, LF and CR.
_TEXT = r"[^\u0000-\u0008\u000b\u000c\u000e-\u001f]"
TEXT_PATTERN = rf"^{_TEXT}*$"
# The same, with at least one visible character: a name or reason that is not blank. One regex
# rather than a second `pattern`, because a JSON Schema node holds one, and fuzzers and
# generated clients then know exactly what is accepted.
NON_BLANK_TEXT_PATTERN = rf"^{_TEXT}*[^\s\u0000-\u001f]{_TEXT}*$"



@dataclass(frozen=True)
class DecimalNumber:
    """`Annotated[Decimal, DecimalNumber(places=2, maximum="9999.99")]`: a score or mark sent
    as a JSON number with at most `places` decimals, from `minimum` to `maximum` inclusive,
    read exactly as a Decimal (a binary float within 1e-9 of such a number, like
    0.30000000000000004, is that number). Strings are refused, so a generated client, a fuzzer
    and the service agree on what is accepted. Responses still write Decimals as strings."""

    places: int
    maximum: int | str
    minimum: int | str = 0

    def _words(self) -> str:
        return (f"须为 {self.minimum} 至 {self.maximum} 之间、最多 {self.places} 位小数的数字 / "
                f"a number from {self.minimum} to {self.maximum} with at most {self.places} "
                "decimals")

    def _read(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(self._words())
        step = Decimal(1).scaleb(-self.places)
        try:
            exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            rounded = exact.quantize(step) if exact.is_finite() else None
        except InvalidOperation as exc:
            raise ValueError(self._words()) from exc
        if (rounded is None or abs(exact - rounded) > Decimal("1e-9")
                or not Decimal(self.minimum) <= rounded <= Decimal(self.maximum)):
            raise ValueError(self._words())
        return exact if exact == rounded else rounded

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self._read, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if handler.mode != "validation":
            return handler(schema)
        return {"type": "number", "minimum": float(self.minimum),
                "maximum": float(self.maximum), "multipleOf": 10.0 ** -self.places}
