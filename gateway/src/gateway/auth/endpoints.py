import base64
import binascii
from typing import Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Depends, Form, Header, Request, Response, status
from fastapi.responses import JSONResponse
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import CurrentPrincipal, require_roles

from gateway.auth import service
from gateway.auth.errors import InvalidTokenRequest
from gateway.auth.schemas import (
    Claims,
    ClientCreate,
    ClientCreated,
    LoginRequest,
    RegisterRequest,
    TokenRequestForm,
    TokenResponse,
    UserCreate,
    UserOut,
)
from gateway.tokens import Subject, TokenIssuer

router = APIRouter(prefix="/v1/auth", tags=["identity"])
well_known_router = APIRouter(prefix="/.well-known", tags=["identity"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]


def _issuer(request: Request) -> TokenIssuer:
    issuer: TokenIssuer = request.app.state.token_issuer
    return issuer


Issuer = Annotated[TokenIssuer, Depends(_issuer)]


@router.post("/login")
async def login(
    body: LoginRequest, session: SessionDep, issuer: Issuer, response: Response
) -> TokenResponse:
    """Sign in with a username and password; returns a bearer token."""
    user = await service.authenticate_user(session, body.username, body.password)
    return _token(issuer, service.user_subject(user), response)


@router.post("/token")
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
async def create_user(body: UserCreate, session: SessionDep, _: Secretariat) -> UserOut:
    """Create a user of any role (secretariat only)."""
    user = await service.create_user(
        session,
        username=body.username,
        password=body.password,
        display_name=body.display_name,
        role=body.role,
        society_code=body.society_code,
        enterprise_id=body.enterprise_id,
    )
    return UserOut.model_validate(user)


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


@router.get("/me")
async def me(principal: CurrentPrincipal) -> Claims:
    """The caller's identity as carried by the bearer token."""
    return Claims(
        sub=principal.subject,
        role=principal.role,
        name=principal.name,
        society=principal.society,
        enterprise=principal.enterprise,
    )


@well_known_router.get("/jwks.json")
async def jwks(request: Request) -> JSONResponse:
    """The public keys that verify the platform's tokens (JWKS, Ed25519)."""
    # Verifiers refetch on an unknown `kid`, so a few minutes of caching costs no rotation.
    return JSONResponse(
        request.app.state.signing_key.jwks(), headers={"Cache-Control": "public, max-age=300"}
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
