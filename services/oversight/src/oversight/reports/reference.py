"""Reference data of the pilot report: the pilot units, and the Greater Bay Area's access and
non-access fields [002].

Non-access fields (非准入类) are the twelve of seed 002 §二(二) verbatim. Access fields (准入类)
are those of 粤建规范〔2020〕1号, which seed 002 names but does not list: the platform's reading,
to be corrected by the GBA pilot unit when it sends its list."""

from cse_contracts.reference import load_societies

from oversight.reports.rules import GBA_NAME, GBA_UNIT

GBA_NON_ACCESS_FIELDS: dict[str, str] = {
    "building": "建筑工程", "metrology_control": "计量及控制", "quality_management": "质量管理",
    "computer_information": "计算机信息工程", "cyberspace_security": "网络空间安全",
    "standardization": "标准化", "power": "电力工程", "quality": "品质",
    "e_government": "电子政务工程", "non_metallic_materials": "非金属材料",
    "textiles": "纺织", "food": "食品",
}
GBA_ACCESS_FIELDS: dict[str, str] = {
    "architecture": "建筑", "structural": "结构", "building_services": "屋宇装备",
    "surveying": "测量", "quantity_surveying": "工料测量", "planning": "规划",
    "landscape": "园境", "engineering_supervision": "工程监理",
}


def pilot_units() -> list[tuple[str, str]]:
    """(code, Chinese name) of every pilot unit: the industry pilot societies [000 annex] and
    the Guangdong / Greater Bay Area regional pilot [002]."""
    return [(s.code, s.name_zh) for s in load_societies()] + [(GBA_UNIT, GBA_NAME[0])]


def unit_name(code: str) -> str:
    return dict(pilot_units()).get(code, "全部试点单位" if code == "all" else code)
