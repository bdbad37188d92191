"""Which tenant each role must name; checked for users and API clients alike."""

from kit.auth import SOCIETY_ROLES, Role


def tenant_problem(role: Role, society_code: str | None, enterprise_id: str | None) -> str | None:
    """Why this role/tenant combination is invalid, or None when it is fine."""
    if role in SOCIETY_ROLES and not society_code:
        return (
            f"角色 {role.value} 必须指定所属学会 society_code / "
            f"Role {role.value} acts for one society: give its society_code."
        )
    if role is Role.ENTERPRISE and not enterprise_id:
        return (
            "企业角色必须指定 enterprise_id / The enterprise role acts for one enterprise: "
            "give its enterprise_id."
        )
    return None
