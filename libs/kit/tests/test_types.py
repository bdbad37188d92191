from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import pytest
from kit.types import Day, DecimalNumber, Moment
from pydantic import BaseModel, ValidationError


class Form(BaseModel):
    on: Day
    at: Moment | None = None


@pytest.mark.parametrize("value", [0, 1700000000, 20260301, 1.5, True, "1700000000", "2026-3-1",
                                   "2026-03-01T00:00:00", "", None])
def test_a_day_refuses_anything_but_yyyy_mm_dd(value: object) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        Form.model_validate({"on": value})


def test_a_day_reads_iso_dates_and_dates() -> None:
    assert Form.model_validate({"on": "2026-03-01"}).on == date(2026, 3, 1)
    assert Form.model_validate({"on": date(2026, 3, 1)}).on == date(2026, 3, 1)
    assert Form.model_validate_json('{"on": "2026-03-01"}').on == date(2026, 3, 1)


@pytest.mark.parametrize("value", [0, 1700000000, "1700000000"])
def test_a_moment_refuses_numbers(value: object) -> None:
    with pytest.raises(ValidationError, match="ISO 8601"):
        Form.model_validate({"on": "2026-03-01", "at": value})


def test_a_moment_reads_iso_date_times() -> None:
    at = Form.model_validate({"on": "2026-03-01", "at": "2026-03-01T09:30:00+08:00"}).at
    assert isinstance(at, datetime)
    assert at.utcoffset() is not None
    schema = Form.model_json_schema()["properties"]
    assert schema["on"]["format"] == "date"


class Marks(BaseModel):
    score: Annotated[Decimal, DecimalNumber(places=2, maximum="9999.99")]


@pytest.mark.parametrize("value", ["72.5", "", 10000, -1, 72.555, True, None, "abc", float("nan")])
def test_a_decimal_number_refuses_strings_extra_decimals_and_out_of_range(value: object) -> None:
    with pytest.raises(ValidationError, match="at most 2 decimals"):
        Marks.model_validate({"score": value})


@pytest.mark.parametrize(("value", "read"), [(72.5, "72.5"), (0, "0"), (9999.99, "9999.99"),
                                             (0.1 + 0.2, "0.30"), (60, "60")])
def test_a_decimal_number_reads_json_numbers_exactly(value: object, read: str) -> None:
    assert str(Marks.model_validate({"score": value}).score) == read
    assert str(Marks.model_validate_json(f'{{"score": {value!r}}}').score) == read


def test_a_decimal_number_declares_a_bounded_number() -> None:
    schema = Marks.model_json_schema()["properties"]["score"]
    assert schema["type"] == "number"
    assert (schema["minimum"], schema["maximum"], schema["multipleOf"]) == (0, 9999.99, 0.01)
