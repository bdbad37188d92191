"""Names people read: societies, fields and specialties from the versioned reference data."""

from functools import cache

from cse_contracts.reference import load_fields, load_societies


@cache
def _societies() -> dict[str, tuple[str, str]]:
    return {s.code: (s.name_zh, s.name_en) for s in load_societies()}


@cache
def _fields() -> dict[str, tuple[str, str]]:
    names = {}
    for field in load_fields():
        names[field.code] = (field.name_zh, field.name_en)
        for specialty in field.specialties:
            names[specialty.code] = (specialty.name_zh, specialty.name_en)
    return names


def society(code: str) -> tuple[str, str]:
    return _societies().get(code, (code, code))


def field(code: str | None) -> tuple[str, str] | None:
    if code is None:
        return None
    return _fields().get(code, (code, code))
