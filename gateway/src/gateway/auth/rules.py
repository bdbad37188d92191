"""Which tenant each role must name; checked for users and API clients alike."""

from cse_contracts.reference import load_societies
from kit.auth import SOCIETY_ROLES, Role

# Roles that act for one organisation: a partner body abroad, a CPD course provider.
ORGANISATION_ROLES = frozenset({Role.PARTNER, Role.PROVIDER})


def tenant_problem(
    role: Role,
    society_code: str | None,
    enterprise_id: str | None,
    organisation_code: str | None = None,
) -> str | None:
    """Why this role/tenant combination is invalid, or None when it is fine."""
    if role in SOCIETY_ROLES and not society_code:
        return (
            f"角色 {role.value} 必须指定所属学会 society_code / "
            f"Role {role.value} acts for one society: give its society_code."
        )
    if society_code and society_code not in known_societies():
        return (
            f"学会代码 {society_code} 不存在，可用的有：{', '.join(sorted(known_societies()))} / "
            f"There is no society {society_code}; known societies: "
            f"{', '.join(sorted(known_societies()))}."
        )
    if role is Role.ENTERPRISE and not enterprise_id:
        return (
            "企业角色必须指定 enterprise_id / The enterprise role acts for one enterprise: "
            "give its enterprise_id."
        )
    if role in ORGANISATION_ROLES and not organisation_code:
        return (
            f"角色 {role.value} 必须指定所属机构 organisation_code / "
            f"Role {role.value} acts for one organisation: give its organisation_code."
        )
    return None


def known_societies() -> frozenset[str]:
    return frozenset(society.code for society in load_societies())


def may_create(creator: Role, creator_society: str | None, role: Role,
               society_code: str | None) -> str | None:
    """Why this caller may not create this account, or None: the secretariat creates any;
    a society's admin only examiners of its own society."""
    if creator is Role.SECRETARIAT:
        return None
    if creator is Role.SOCIETY_ADMIN and role is Role.EXAMINER and society_code == creator_society:
        return None
    return (
        "学会管理员只能为本学会创建考官账号 / A society admin can create examiner accounts of "
        "its own society only."
    )
