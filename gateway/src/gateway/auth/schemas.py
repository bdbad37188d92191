import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from cse_contracts.reference import load_societies
from kit.auth import SOCIETY_ROLES, Role
from kit.types import NON_BLANK_TEXT_PATTERN
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from gateway.auth.rules import ORGANISATION_ROLES

Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=3, max_length=64,
                      pattern=r"^[\w.@-]+$"),
    Field(description="3–64 letters, digits or `. @ - _`; case-insensitive",
          examples=["zhang.wei"]),
]
# The upper bound keeps one request from buying minutes of argon2 time.
NewPassword = Annotated[str, Field(
    min_length=10, max_length=256, description="10–256 characters; stored as an argon2 hash.")]
# Some character that is neither a space nor a control character (which the kit refuses).
_SHOWN = NON_BLANK_TEXT_PATTERN
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_SHOWN),
    Field(examples=["张伟"], description="The name people see (1–200 characters), e.g. on "
          "messages and in audit trails."),
]
TENANT_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
TenantCode = Annotated[str, StringConstraints(max_length=64, pattern=TENANT_PATTERN)]
ClientId = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{3,64}$", examples=["hr-system-acme"])]


class LoginRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"username": "zhang.wei", "password": "correct horse battery"}]})

    username: Annotated[str, Field(max_length=256, description="The account's username "
                                   "(case-insensitive).")]
    password: Annotated[str, Field(max_length=256, description="The account's password.")]


class TokenResponse(BaseModel):
    """An OAuth2 access token response (RFC 6749 §5.1); sent with `Cache-Control: no-store`."""

    access_token: str = Field(description="The JWT (EdDSA, verifiable with "
                              "/.well-known/jwks.json) to send as `Authorization: Bearer …`.")
    token_type: Literal["bearer"] = Field(default="bearer", description="Always `bearer`.")
    expires_in: int = Field(description="Seconds until the token expires")


TokenErrorCode = Literal["invalid_request", "invalid_client", "invalid_grant",
                         "unsupported_grant_type"]


class TokenProblem(BaseModel):
    """A refused sign-in or token request: a Problem (RFC 9457) that also carries the OAuth2
    error code (RFC 6749 §5.2) in `error`, for OAuth2 client libraries that read it."""

    type: str = Field(description="The problem type, e.g. `/problems/invalid-credentials`; "
                      "a page that explains it.")
    title: str = Field(description="中文 / English title of this type.")
    status: int = Field(description="The HTTP status: 400 or 401.")
    detail: str = Field(description="中文 / English: what was wrong with this request.")
    instance: str | None = Field(default=None, description="The request path.")
    request_id: str | None = Field(default=None, description="The request's X-Request-ID.")
    error: TokenErrorCode = Field(
        description="RFC 6749 §5.2 code: `invalid_request` (a parameter missing), "
        "`invalid_client` (client id or secret wrong, or the client disabled), `invalid_grant` "
        "(username or password wrong, or the account disabled), `unsupported_grant_type`.")


class TokenRequestForm(BaseModel):
    """The OAuth2 token request (RFC 6749 §4.3 password, §4.4 client credentials)."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"grant_type": "client_credentials", "client_id": "hr-crbc",
         "client_secret": "the-secret-shown-once"}]})

    grant_type: str = Field(examples=["password", "client_credentials"],
                            description="`password` (a person) or `client_credentials` (a "
                            "system); anything else is `unsupported_grant_type`.")
    username: Annotated[str | None, Field(
        max_length=256, description="password grant: the username.")] = None
    password: Annotated[str | None, Field(
        max_length=256, description="password grant: the password.")] = None
    client_id: Annotated[str | None, Field(
        max_length=256, description="client_credentials grant, unless sent as HTTP Basic: "
        "the client id.")] = None
    client_secret: Annotated[str | None, Field(
        max_length=256, description="client_credentials grant, unless sent as HTTP Basic: "
        "the client secret.")] = None
    scope: str = Field(default="", description="Ignored: a token carries its account's role "
                       "and tenant, never more.")


def _tenant_rules() -> dict[str, Any]:
    """The role ↔ tenant rule of gateway.auth.rules, stated in the schema: which tenant each
    role must name, and that a society code is one of the authorized societies."""
    societies = sorted(society.code for society in load_societies())

    def needs(roles: frozenset[Role], field: str, value: dict[str, Any]) -> dict[str, Any]:
        return {"if": {"properties": {"role": {"enum": sorted(r.value for r in roles)}},
                       "required": ["role"]},
                "then": {"required": [field], "properties": {field: value}}}

    text = {"type": "string", "pattern": TENANT_PATTERN}
    return {"allOf": [
        needs(SOCIETY_ROLES, "society_code", {"enum": societies}),
        needs(frozenset({Role.ENTERPRISE}), "enterprise_id", text),
        needs(ORGANISATION_ROLES, "organisation_code", text),
    ], "properties": {"society_code": {"anyOf": [{"enum": societies}, {"type": "null"}]}}}


def _with_tenant_rules(schema: dict[str, Any]) -> None:
    rules = _tenant_rules()
    schema["allOf"] = rules["allOf"]
    schema["properties"]["society_code"] = {
        **schema["properties"]["society_code"], **rules["properties"]["society_code"]}
    schema["properties"]["society_code"].pop("type", None)


class RegisterRequest(BaseModel):
    """Your own applicant account (申报人账号)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"username": "zhang.wei", "password": "correct horse battery", "display_name": "张伟"}]})

    username: Username
    password: NewPassword
    display_name: DisplayName


_SOCIETY_CODE = ("The authorized society (学会) the account acts for, e.g. `cces`; required for "
                 "`society_admin` and `examiner`, null otherwise.")
_ENTERPRISE_ID = ("The enterprise the account acts for (its HR system's tenant id); required "
                  "for `enterprise`.")
_ORGANISATION = ("The partner body abroad or CPD course provider the account acts for; "
                 "required for `partner` and `provider`.")


def _user_create_schema(schema: dict[str, Any]) -> None:
    schema["examples"] = [{"username": "li.na", "password": "correct horse battery",
                           "display_name": "李娜", "role": "examiner", "society_code": "cces"}]
    _with_tenant_rules(schema)


class UserCreate(RegisterRequest):
    """An account created by the secretariat (any role) or a society's admin (its examiners)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_user_create_schema)

    role: Role = Field(description="The account's role; a society admin may create `examiner` "
                       "accounts of its own society only.")
    society_code: TenantCode | None = Field(default=None, description=_SOCIETY_CODE)
    enterprise_id: TenantCode | None = Field(default=None, description=_ENTERPRISE_ID)
    organisation_code: TenantCode | None = Field(default=None, description=_ORGANISATION)


class PasswordReset(BaseModel):
    """A new password, set by the secretariat; the account's tokens are void from now."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"password": "another horse battery"}]})

    password: NewPassword


class UserActive(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"active": False}]})

    active: StrictBool = Field(description="false disables the account and voids its tokens")


class UserOut(BaseModel):
    """An account as the identity app keeps it (never its password)."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="The account's id: the `sub` of its tokens.")
    username: str = Field(description="The sign-in name, lower-case.")
    display_name: str = Field(description="The name people see.")
    role: Role = Field(description="The account's role.")
    society_code: str | None = Field(description=_SOCIETY_CODE)
    enterprise_id: str | None = Field(description=_ENTERPRISE_ID)
    organisation_code: str | None = Field(default=None, description=_ORGANISATION)
    active: bool = Field(description="false: disabled, it cannot sign in and its tokens are "
                         "void.")
    created_at: datetime = Field(description="When the account was created (ISO 8601, UTC).")


def _client_create_schema(schema: dict[str, Any]) -> None:
    schema["examples"] = [{"client_id": "hr-crbc", "name": "中国路桥 HR",
                           "role": "enterprise", "enterprise_id": "crbc"}]
    _with_tenant_rules(schema)


class ClientCreate(BaseModel):
    """An API client (a partner's, an HR or a provider's system) for the client_credentials
    grant; its secret is shown once in the answer."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_client_create_schema)

    client_id: ClientId | None = Field(
        default=None, description="3–64 letters, digits or `. _ -`; generated when omitted.")
    name: DisplayName
    role: Role = Field(description="The role the client's tokens carry.")
    society_code: TenantCode | None = Field(default=None, description=_SOCIETY_CODE)
    enterprise_id: TenantCode | None = Field(default=None, description=_ENTERPRISE_ID)
    organisation_code: TenantCode | None = Field(default=None, description=_ORGANISATION)


class ClientOut(BaseModel):
    """An API client (never its secret)."""

    model_config = ConfigDict(from_attributes=True)

    client_id: str = Field(description="The client's id: the `sub` of its tokens.")
    name: str = Field(description="The system's name, as people see it.")
    role: Role = Field(description="The role the client's tokens carry.")
    society_code: str | None = Field(description=_SOCIETY_CODE)
    enterprise_id: str | None = Field(description=_ENTERPRISE_ID)
    organisation_code: str | None = Field(description=_ORGANISATION)
    active: bool = Field(description="false: disabled, it gets no token and its tokens are "
                         "void.")
    created_at: datetime = Field(description="When the client was created (ISO 8601, UTC).")


class ClientSecret(BaseModel):
    """A client's new secret, after a rotation."""

    client_id: str = Field(description="The client's id.")
    client_secret: str = Field(description="Shown once; only its hash is stored")


class ClientCreated(BaseModel):
    """A new API client, with its secret (shown this once)."""

    client_id: str = Field(description="The client's id, to send as `client_id`.")
    client_secret: str = Field(description="Shown once; only its hash is stored")
    name: str = Field(description="The system's name.")
    role: Role = Field(description="The role the client's tokens carry.")
    society_code: str | None = Field(description=_SOCIETY_CODE)
    enterprise_id: str | None = Field(description=_ENTERPRISE_ID)
    created_at: datetime = Field(description="When the client was created (ISO 8601, UTC).")


class Claims(BaseModel):
    """The caller as the token describes them."""

    sub: str = Field(description="The account's or client's id.")
    role: Role = Field(description="The caller's role.")
    name: str = Field(description="The caller's display name.")
    society: str | None = Field(description="The society the caller acts for, or null.")
    enterprise: str | None = Field(description="The enterprise the caller acts for, or null.")
    organisation: str | None = Field(default=None, description="The partner body or provider "
                                     "the caller acts for, or null.")
