"""Versioned reference data: engineering fields, specialties and authorized societies."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, ConfigDict

__all__ = [
    "Field",
    "Society",
    "Specialty",
    "load_fields",
    "load_societies",
    "society_for_field",
]

# Frozen models with tuple members: the loaded data is cached process-wide, so a caller
# mutating it would silently change every other caller's view.
_MODEL_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Specialty(BaseModel):
    """A specialty category (专业类别) within a field."""

    model_config = _MODEL_CONFIG

    code: str
    name_zh: str
    name_en: str
    # Empty where the source document gives no scope (e.g. some "其他" rows).
    scope_zh: str


class Field(BaseModel):
    """An engineering field (工程技术领域)."""

    model_config = _MODEL_CONFIG

    code: str
    name_zh: str
    name_en: str
    source: str
    specialties: tuple[Specialty, ...]


class Society(BaseModel):
    """An authorized society (获授权学会) that evaluates applicants of its fields."""

    model_config = _MODEL_CONFIG

    code: str
    name_zh: str
    name_en: str
    co_societies_zh: tuple[str, ...]
    fields: tuple[str, ...]


def _read(name: str) -> Any:
    # importlib.resources keeps this working when the package is installed as a wheel or zip.
    return json.loads(files(__name__).joinpath(name).read_text(encoding="utf-8"))


@cache
def _fields() -> tuple[Field, ...]:
    return tuple(Field.model_validate(item) for item in _read("fields.json")["fields"])


@cache
def _societies() -> tuple[Society, ...]:
    return tuple(Society.model_validate(item) for item in _read("societies.json")["societies"])


@cache
def _field_codes() -> frozenset[str]:
    return frozenset(field.code for field in _fields())


@cache
def _society_by_field() -> dict[str, Society]:
    return {code: society for society in _societies() for code in society.fields}


def load_fields() -> list[Field]:
    """All fields in document order (001 附件1 first, then 化学化工类, 标准化, 交通运输)."""
    # A fresh list per call so callers may sort or filter it without touching the cache.
    return list(_fields())


def load_societies() -> list[Society]:
    """The 14 industry pilot societies in the order of the 000 annex."""
    return list(_societies())


def society_for_field(field_code: str) -> Society | None:
    """The society that evaluates `field_code`, or None if the field has none yet.

    Raises KeyError for a code that is not a known field, so a typo is not mistaken for an
    unmapped field (which would leave an applicant with nobody to evaluate them).
    """
    if field_code not in _field_codes():
        raise KeyError(field_code)
    return _society_by_field().get(field_code)
