"""Optimistic locking over HTTP: `ETag: "<version>"` out, `If-Match` required in."""

from typing import Annotated

from fastapi import Header
from kit.errors import PreconditionFailed, ProblemError


class PreconditionRequired(ProblemError):
    status = 428
    type_slug = "precondition-required"
    title = "缺少 If-Match 请求头 / The If-Match header is required"


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(
    if_match: Annotated[
        str | None,
        Header(description='The ETag of the version you edited, e.g. "3" (GET returns it)'),
    ] = None,
) -> int:
    """The version the caller edited; 428 without If-Match, 412 when it is not ours."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "请先 GET 该文档，并在 If-Match 头中带上返回的 ETag，以免覆盖他人的修改 / GET the "
            "document first and send its ETag in If-Match, so nobody's changes are overwritten."
        )
    value = if_match.strip().removeprefix("W/").strip('"')
    if not value.isdigit():
        raise PreconditionFailed(
            f"If-Match {if_match} 不是本服务的 ETag / {if_match} is not an ETag of this service."
        )
    return int(value)


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
