"""Checks the reference data against the source documents (seeds 000, 001, 003, 004)."""

from __future__ import annotations

import re

import pytest
from cse_contracts.reference import (
    Field,
    load_fields,
    load_societies,
    society_for_field,
)

# Counted by hand from 001 附件1 (工程技术领域范围), in document order.
ANNEX1_FIELDS: dict[str, tuple[str, int]] = {
    "civil": ("土木工程类", 3),
    "electrical": ("电气工程类", 7),
    "mechanical": ("机械工程类", 5),
    "water": ("水利水电工程类", 6),
    "ict": ("信息通信工程类", 5),
    "automotive": ("汽车工程类", 7),
    "geology": ("地质工程类", 5),
    "architecture": ("建筑工程类", 6),
    "instrumentation": ("测量控制与仪器仪表类", 3),
    "landscape": ("风景园林类", 3),
    "computing": ("计算机与应用类", 1),
    "eco_environment": ("生态环境工程类", 5),
}

# 生态环境工程类 has no pilot society in 000's annex.
UNMAPPED_FIELDS = {"eco_environment"}

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


def _fields_by_code() -> dict[str, Field]:
    return {field.code: field for field in load_fields()}


def test_field_and_specialty_codes_are_unique_and_ascii() -> None:
    fields = load_fields()
    field_codes = [field.code for field in fields]
    specialty_codes = [s.code for field in fields for s in field.specialties]
    assert len(set(field_codes)) == len(field_codes)
    assert len(set(specialty_codes)) == len(specialty_codes)
    for code in field_codes + specialty_codes:
        assert CODE_RE.fullmatch(code), code


def test_specialty_codes_start_with_their_field_code() -> None:
    for field in load_fields():
        assert field.specialties, field.code
        for specialty in field.specialties:
            assert specialty.code.startswith(f"{field.code}."), specialty.code


def test_annex1_fields_present_with_document_names_and_specialty_counts() -> None:
    by_code = _fields_by_code()
    for code, (name_zh, count) in ANNEX1_FIELDS.items():
        assert code in by_code, code
        assert by_code[code].name_zh == name_zh
        assert len(by_code[code].specialties) == count, code
    # Document order: the Annex 1 fields come first, in the annex's order.
    assert [f.code for f in load_fields()][: len(ANNEX1_FIELDS)] == list(ANNEX1_FIELDS)


def test_fields_added_by_other_seeds() -> None:
    by_code = _fields_by_code()
    assert by_code["chemical"].name_zh == "化学化工类"
    assert [s.name_zh for s in by_code["chemical"].specialties] == [
        "化学",
        "化学工程与技术",
        "材料科学与工程",
        "环境科学与工程",
        "安全科学与工程",
        "仪器化工机械与设备",
        "其他",
    ]
    assert by_code["standardization"].name_zh == "标准化"
    assert set(by_code) == set(ANNEX1_FIELDS) | {"chemical", "standardization", "highway"}


def test_scope_texts_are_clean() -> None:
    for field in load_fields():
        for specialty in field.specialties:
            scope = specialty.scope_zh
            assert not re.search(r"\s", scope), specialty.code
            # The PDF's page-break header 工程技术领域 专业类别 范围 must not leak into the text
            # ("范围" alone is legitimate, e.g. 小区范围内).
            assert "工程技术领域" not in scope, specialty.code
            assert "专业类别" not in scope, specialty.code
            assert scope == "" or scope.startswith("包括"), specialty.code


def test_scope_spanning_a_page_break_is_reassembled() -> None:
    energy = next(
        s for s in _fields_by_code()["electrical"].specialties if s.name_zh == "能源动力工程专业"
    )
    assert "金属结构与焊接、水力机械、电厂化学" in energy.scope_zh


def test_others_without_scope_in_the_document_are_empty() -> None:
    by_code = _fields_by_code()
    assert by_code["electrical"].specialties[-1].scope_zh == ""
    assert by_code["ict"].specialties[-1].scope_zh == ""


def test_fourteen_societies_with_unique_codes() -> None:
    societies = load_societies()
    assert len(societies) == 14
    assert len({s.code for s in societies}) == 14
    assert societies[0].name_zh == "中国汽车工程学会"
    assert societies[-1].name_zh == "中国公路学会"
    for society in societies:
        assert CODE_RE.fullmatch(society.code), society.code
        assert "（" not in society.name_zh, society.code


def test_society_fields_exist() -> None:
    field_codes = set(_fields_by_code())
    for society in load_societies():
        assert society.fields, society.code
        assert set(society.fields) <= field_codes, society.code


def test_each_field_maps_to_exactly_one_society() -> None:
    for field in load_fields():
        owners = [s.code for s in load_societies() if field.code in s.fields]
        expected = 0 if field.code in UNMAPPED_FIELDS else 1
        assert len(owners) == expected, (field.code, owners)


def test_society_for_field() -> None:
    chemical = society_for_field("chemical")
    assert chemical is not None
    assert chemical.code == "ciesc"
    electrical = society_for_field("electrical")
    assert electrical is not None
    assert electrical.co_societies_zh == ("中国电工技术学会",)
    assert society_for_field("eco_environment") is None
    with pytest.raises(KeyError):
        society_for_field("no_such_field")


def test_loaders_return_fresh_lists_over_cached_models() -> None:
    first = load_fields()
    first.clear()
    assert load_fields()
    assert load_fields()[0] is load_fields()[0]
