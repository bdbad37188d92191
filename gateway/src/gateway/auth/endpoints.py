import base64
import binascii
import uuid
from typing import Annotated, Any
from urllib.parse import unquote_plus

from fastapi import APIRouter, Depends, Form, Header, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, page_params, require_roles
from kit.pagination import Page, PageParams

from gateway.auth import service
from gateway.auth.errors import AccountNotFound, InvalidTokenRequest
from gateway.auth.schemas import (
    Claims,
    ClientCreate,
    ClientCreated,
    ClientOut,
    ClientSecret,
    LoginRequest,
    PasswordReset,
    RegisterRequest,
    TokenProblem,
    TokenRequestForm,
    TokenResponse,
    UserCreate,
    UserOut,
)
from gateway.tokens import Subject, TokenIssuer

router = APIRouter(prefix="/v1/auth", tags=["identity"])
well_known_router = APIRouter(prefix="/.well-known", tags=["identity"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]
AccountAdmin = Annotated[
    Principal, Depends(require_roles(Role.SECRETARIAT, Role.SOCIETY_ADMIN))
]
Paging = Annotated[PageParams, Depends(page_params)]
UserId = Annotated[uuid.UUID, Path(description="The account's id (the `sub` of its tokens).")]
ClientIdPath = Annotated[str, Path(description="The API client's id, e.g. `hr-crbc`.")]
RoleFilter = Annotated[Role | None, Query(description="Only accounts of this role.")]
SocietyFilter = Annotated[str | None, Query(
    description="Only accounts of this society (code, e.g. `cces`); a society admin always "
    "sees its own society's only.")]
ActiveFilter = Annotated[bool | None, Query(
    description="true: only active accounts; false: only disabled ones; omitted: both.")]


def _issuer(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.token_issuer
    return issuer


Issuer = Annotated[TokenIssuer, Depends(_issuer)]


_REFUSED_SIGN_IN: dict[int | str, dict[str, Any]] = {
    401: {"model": TokenProblem, "description": (
        "用户名或密码错误，或账号已停用 / Wrong username or password, or the account is "
        "disabled (`error`: `invalid_grant`); the same answer whether or not the user exists.")},
}
_REFUSED_TOKEN: dict[int | str, dict[str, Any]] = {
    400: {"model": TokenProblem, "description": (
        "令牌请求无效 / A parameter is missing or the grant type is not supported (`error`: "
        "`invalid_request`, `unsupported_grant_type`), or the client's credentials are "
        "malformed or missing (`invalid_client`).")},
    401: {"model": TokenProblem, "description": (
        "认证失败 / Wrong username or password (`invalid_grant`), or wrong client id or "
        "secret (`invalid_client`), or the account or client is disabled.")},
}


@router.post("/login", responses=_REFUSED_SIGN_IN)
async def login(
    body: LoginRequest, session: SessionDep, issuer: Issuer, response: Response
) -> TokenResponse:
    """Sign in with a username and password; returns a bearer token."""
    user = await service.authenticate_user(session, body.username, body.password)
    return _token(issuer, service.user_subject(user), response)


@router.post("/token", responses=_REFUSED_TOKEN)
async def token(
    form: Annotated[TokenRequestForm, Form()],
    session: SessionDep,
    issuer: Issuer,
    response: Response,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> TokenResponse:
    """OAuth2 token endpoint: `password` grant for people, `client_credentials` for systems."""
    if form.grant_type == "password":
        if form.username is None or form.password is None:
            raise InvalidTokenRequest(
                "password 授权需要 username 和 password / "
                "The password grant needs `username` and `password`."
            )
        user = await service.authenticate_user(session, form.username, form.password)
        return _token(issuer, service.user_subject(user), response)
    if form.grant_type == "client_credentials":
        client_id, secret = _client_credentials(form, authorization)
        client = await service.authenticate_client(session, client_id, secret)
        return _token(issuer, service.client_subject(client), response)
    raise InvalidTokenRequest(
        f"不支持的授权类型 {form.grant_type!r} / Unsupported grant_type {form.grant_type!r}; "
        "use `password` or `client_credentials`.",
        error="unsupported_grant_type",
    )


@router.post("/register", status_code=status.HTTP_201_CREATED)
async def register(body: RegisterRequest, session: SessionDep) -> UserOut:
    """Create your own applicant account."""
    user = await service.create_user(
        session,
        username=body.username,
        password=body.password,
        display_name=body.display_name,
        role=Role.APPLICANT,
    )
    return UserOut.model_validate(user)


@router.post("/users", status_code=status.HTTP_201_CREATED)
async def create_user(body: UserCreate, session: SessionDep, caller: AccountAdmin) -> UserOut:
    """Create a user: the secretariat any role; a society admin examiners of its own society."""
    service.check_may_create(caller.role, caller.society, body.role, body.society_code)
    user = await service.create_user(
        session,
        username=body.username,
        password=body.password,
        display_name=body.display_name,
        role=body.role,
        society_code=body.society_code,
        enterprise_id=body.enterprise_id,
        organisation_code=body.organisation_code,
    )
    return UserOut.model_validate(user)


@router.get("/users")
async def list_users(
    session: SessionDep, caller: AccountAdmin, paging: Paging,
    role: RoleFilter = None, society_code: SocietyFilter = None, active: ActiveFilter = None,
) -> Page[UserOut]:
    """List accounts (secretariat; a society admin sees its own society's accounts only)."""
    if caller.role is Role.SOCIETY_ADMIN:
        society_code = caller.society
    users, cursor = await service.list_users(session, paging, role=role,
                                             society_code=society_code, active=active)
    return Page(items=[UserOut.model_validate(u) for u in users], next_cursor=cursor)


@router.get("/users/{user_id}")
async def get_user(user_id: UserId, session: SessionDep, caller: AccountAdmin) -> UserOut:
    """One account (secretariat; a society admin only its own society's)."""
    user = await service.get_user(session, user_id)
    if caller.role is Role.SOCIETY_ADMIN and user.society_code != caller.society:
        raise AccountNotFound(f"没有用户 {user_id} / There is no user {user_id}.")
    return UserOut.model_validate(user)


@router.post("/users/{user_id}/disable")
async def disable_user(user_id: UserId, session: SessionDep, _: Secretariat) -> UserOut:
    """Disable a user (secretariat): sign-in refused at once, tokens refused within a minute."""
    return UserOut.model_validate(await service.set_user_active(session, user_id, False))


@router.post("/users/{user_id}/enable")
async def enable_user(user_id: UserId, session: SessionDep, _: Secretariat) -> UserOut:
    """Re-enable a disabled user (secretariat); they sign in again."""
    return UserOut.model_validate(await service.set_user_active(session, user_id, True))


@router.put("/users/{user_id}/password")
async def reset_password(
    user_id: UserId, body: PasswordReset, session: SessionDep, _: Secretariat
) -> UserOut:
    """Set a new password (secretariat); the user's current tokens are voided."""
    return UserOut.model_validate(await service.reset_password(session, user_id, body.password))


@router.post("/clients", status_code=status.HTTP_201_CREATED)
async def create_client(body: ClientCreate, session: SessionDep, _: Secretariat) -> ClientCreated:
    """Register an API client (secretariat only); the secret is shown in this response only."""
    client, secret = await service.create_client(
        session,
        client_id=body.client_id,
        name=body.name,
        role=body.role,
        society_code=body.society_code,
        enterprise_id=body.enterprise_id,
        organisation_code=body.organisation_code,
    )
    return ClientCreated(
        client_id=client.client_id,
        client_secret=secret,
        name=client.name,
        role=client.role,
        society_code=client.society_code,
        enterprise_id=client.enterprise_id,
        created_at=client.created_at,
    )


@router.get("/clients")
async def list_clients(
    session: SessionDep, _: Secretariat, paging: Paging,
    role: RoleFilter = None, active: ActiveFilter = None,
) -> Page[ClientOut]:
    """List API clients (secretariat)."""
    clients, cursor = await service.list_clients(session, paging, role=role, active=active)
    return Page(items=[ClientOut.model_validate(c) for c in clients], next_cursor=cursor)


@router.post("/clients/{client_id}/disable")
async def disable_client(client_id: ClientIdPath, session: SessionDep, _: Secretariat) -> ClientOut:
    """Disable an API client (secretariat): its tokens are refused within a minute."""
    return ClientOut.model_validate(await service.set_client_active(session, client_id, False))


@router.post("/clients/{client_id}/enable")
async def enable_client(client_id: ClientIdPath, session: SessionDep, _: Secretariat) -> ClientOut:
    """Re-enable an API client (secretariat)."""
    return ClientOut.model_validate(await service.set_client_active(session, client_id, True))


@router.post("/clients/{client_id}/secret")
async def rotate_client_secret(
    client_id: ClientIdPath, session: SessionDep, _: Secretariat
) -> ClientSecret:
    """Rotate the client's secret (secretariat): the new one is shown once, the old one is
    refused at once and tokens issued with it within a minute."""
    client, secret = await service.rotate_client_secret(session, client_id)
    return ClientSecret(client_id=client.client_id, client_secret=secret)


@router.delete("/clients/{client_id}/secret")
async def revoke_client_secret(
    client_id: ClientIdPath, session: SessionDep, _: Secretariat
) -> ClientOut:
    """Revoke the client's secret (secretariat): nothing signs in until a new one is rotated."""
    return ClientOut.model_validate(await service.revoke_client_secret(session, client_id))


@router.get("/me")
async def me(principal: CurrentPrincipal) -> Claims:
    """The caller's identity as carried by the bearer token."""
    return Claims(
        sub=principal.subject,
        role=principal.role,
        name=principal.name,
        society=principal.society,
        enterprise=principal.enterprise,
        organisation=principal.organisation,
    )


@well_known_router.get("/jwks.json")
async def jwks(request: Request) -> JSONResponse:
    """The public keys that verify the platform's tokens (JWKS, Ed25519)."""
    # Verifiers refetch on an unknown `kid`, so a few minutes of caching costs no rotation.
    return JSONResponse(
        request.app.state.signing_key.jwks(), headers={"Cache-Control": "public, max-age=300"}
    )


@well_known_router.get("/revocations.json")
async def revocations(request: Request, session: SessionDep) -> JSONResponse:
    """Accounts whose tokens issued at or before `not_before` (seconds since the epoch) are
    void: disabled, password reset or secret rotated. Every service refreshes it often."""
    ttl = int(request.app.state.token_issuer.ttl_seconds)
    entries = await service.revocations(session, ttl)
    return JSONResponse(
        {"revocations": [{"sub": sub, "not_before": at} for sub, at in entries]},
        headers={"Cache-Control": "no-store"},
    )


def _token(issuer: TokenIssuer, subject: Subject, response: Response) -> TokenResponse:
    # RFC 6749 §5.1: responses carrying tokens must not be cached by anyone.
    response.headers["Cache-Control"] = "no-store"
    issued = issuer.issue(subject)
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)


def _client_credentials(form: TokenRequestForm, authorization: str | None) -> tuple[str, str]:
    """From HTTP Basic (RFC 6749 §2.3.1, form-encoded then base64) or else the form body."""
    if authorization and authorization[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidTokenRequest(
                "Authorization 头不是有效的 Basic 凭据 / The Basic credentials are malformed.",
                error="invalid_client",
            ) from exc
        client_id, separator, secret = decoded.partition(":")
        if separator:
            return unquote_plus(client_id), unquote_plus(secret)
        raise InvalidTokenRequest(
            "Basic 凭据应为 client_id:client_secret / Basic credentials must be "
            "client_id:client_secret.",
            error="invalid_client",
        )
    if form.client_id is None or form.client_secret is None:
        raise InvalidTokenRequest(
            "client_credentials 授权需要 client_id 和 client_secret（表单或 HTTP Basic） / "
            "The client_credentials grant needs client_id and client_secret, in the form "
            "or as HTTP Basic.",
            error="invalid_client",
        )
    return form.client_id, form.client_secret
