from datetime import date, datetime

import pytest
from kit.types import Day, Moment
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
