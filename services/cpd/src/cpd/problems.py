"""The one item shape of an itemised error (`kit.openapi.PROBLEM_ITEM_SCHEMA`), for the
errors the CPD service finds itself: what is wrong (`code`), said in Chinese and English,
and where (`location`, and `field` without the location's first part)."""

from collections.abc import Mapping, Sequence
from typing import Any

from kit.problems import validation_item


def item(location: Sequence[str], code: str, zh: str, en: str) -> dict[str, Any]:
    """`location` as in a validation error, e.g. `["body", "ends_on"]`."""
    return {"location": list(location), "field": ".".join(location[1:]), "code": code,
            "message_zh": zh, "message_en": en}


def body_item(field: str, code: str, zh: str, en: str) -> dict[str, Any]:
    return item(["body", field], code, zh, en)


def from_validation(error: Mapping[str, Any]) -> dict[str, Any]:
    """A pydantic error of a request body, re-validated by the service (e.g. a patch merged
    into the activity it changes), in the one item shape."""
    shaped = validation_item({**error, "loc": ("body", *error.get("loc", ()))})
    return {key: shaped[key] for key in ("location", "field", "code", "message_zh",
                                         "message_en")}
