"""Optimistic locking over HTTP: `ETag: "<version>"` out, `If-Match` required in.

The `If-Match` header dependency is `kit.dependencies.expected_version`."""

from kit.errors import PreconditionFailed, ProblemError


class PreconditionRequired(ProblemError):
    status = 428
    type_slug = "precondition-required"
    title = "缺少 If-Match 请求头 / The If-Match header is required"


def etag(version: int) -> str:
    return f'"{version}"'


def check_version(current: int, expected: int) -> None:
    if current != expected:
        raise PreconditionFailed(
            f"文档已被他人修改（当前版本 {current}，您编辑的是 {expected}），请重新获取后再保存 / "
            f"Someone saved a newer version ({current}; you edited {expected}): GET it again, "
            "reapply your changes and save.",
            current_etag=etag(current),
        )


def stale_write() -> PreconditionFailed:
    """A concurrent save won the race between our read and our write (row version check)."""
    return PreconditionFailed(
        "文档刚被他人保存，请重新获取后再保存 / Someone saved this document a moment ago: GET "
        "it again, reapply your changes and save."
    )
