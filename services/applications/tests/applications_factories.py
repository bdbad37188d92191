"""Small factories for request bodies and callers' tokens."""

from typing import Any

from kit.auth import Role
from kit.testing import KEYS


def enterprise(enterprise_id: str = "ent-1") -> dict[str, str]:
    return KEYS.headers(Role.ENTERPRISE, f"client-{enterprise_id}", enterprise=enterprise_id)


def committee() -> dict[str, str]:
    return KEYS.headers(Role.COMMITTEE, "committee-1", name="委员甲")


def applicant(subject: str = "user-zhang", name: str = "张三") -> dict[str, str]:
    return KEYS.headers(Role.APPLICANT, subject, name=name)


def society_admin(society: str = "cces") -> dict[str, str]:
    return KEYS.headers(Role.SOCIETY_ADMIN, f"staff-{society}", society=society)


def recommendation_body(**candidate: Any) -> dict[str, Any]:
    return {
        "enterprise": {
            "name": "中国路桥工程有限责任公司",
            "contact_name": "王五",
            "contact_mobile": "13700000000",
        },
        "candidates": [
            {
                "name": "张三",
                "mobile": "13800000000",
                "field_code": "civil",
                "location": "缅甸",
                "level": "professional",
                "practice": "曾参与仰光大桥工程项目，我负责主桥结构设计与施工技术方案。",
                **candidate,
            }
        ],
    }
