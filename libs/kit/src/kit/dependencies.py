"""FastAPI dependencies for the caller: `CurrentPrincipal` and `require_roles(...)`."""

from collections.abc import Awaitable, Callable, Iterable
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from kit.auth import Principal, Role, TokenVerifier
from kit.errors import Forbidden, NotAuthenticated, PreconditionFailed
from kit.pagination import CURSOR_PATTERN, PageParams
from kit.versioning import PreconditionRequired


class _BearerToken(HTTPBearer):
    """HTTPBearer as documented (the operation's bearer security), answering with the token
    itself, or None: no HTTPAuthorizationCredentials model built on every request."""

    async def __call__(self, request: Request) -> str | None:  # type: ignore[override]
        scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
        if not (scheme and token) or scheme.lower() != "bearer":
            return None
        return token


_bearer = _BearerToken(auto_error=False,
                       description="JWT from the identity app (/v1/auth/token)")


async def current_principal(
    request: Request,
    token: Annotated[str | HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The authenticated caller; 401 when the request carries no valid bearer token. Called
    directly, `token` may be a plain HTTPBearer's credentials too (oversight's optional
    principal)."""
    if isinstance(token, HTTPAuthorizationCredentials):
        token = token.credentials if token.scheme.lower() == "bearer" else None
    if token is None:
        raise NotAuthenticated(
            "请提供 Bearer 令牌 / Send an `Authorization: Bearer <token>` header."
        )
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = await verifier.verify(token)
    # For the access log line of this request (kit.observability).
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """Dependency factory: the caller must hold one of `roles`."""
    allowed = frozenset(roles)

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(
                f"此操作需要角色 {_names(allowed)}，您的角色是 {principal.role.value} / "
                f"This action needs one of the roles {_names(allowed)}; yours is "
                f"{principal.role.value}."
            )
        return principal

    # Read by kit.openapi, so each operation's documented roles are the ones enforced here.
    dependency.roles = allowed  # type: ignore[attr-defined]
    return dependency


def _names(roles: Iterable[Role]) -> str:
    return ", ".join(sorted(r.value for r in roles))


def page_params(
    limit: Annotated[int, Query(
        ge=1, le=200, description="Items per page, 1–200 (default 50); fewer come back on "
        "the last page.")] = 50,
    cursor: Annotated[str | None, Query(
        pattern=CURSOR_PATTERN,
        description="Omit for the first page; for the next, the `next_cursor` the previous page "
        "returned, unchanged (opaque; it marks the last item seen, so pages stay stable while "
        "items are added).")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


def expected_version(
    if_match: Annotated[
        str | None,
        Header(description='The `ETag` of the version you edited, e.g. `"3"`, as the GET of '
               "the document returned it; 412 when someone saved since, 428 when missing."),
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
