import uuid
from datetime import datetime
from typing import Annotated, Literal

from kit.auth import Role
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=3, max_length=64,
                      pattern=r"^[\w.@-]+$"),
    Field(description="3–64 letters, digits or `. @ - _`; case-insensitive",
          examples=["zhang.wei"]),
]
# The upper bound keeps one request from buying minutes of argon2 time.
NewPassword = Annotated[str, Field(min_length=10, max_length=256)]
DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    Field(examples=["张伟"]),
]
TenantCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
]
ClientId = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{3,64}$", examples=["hr-system-acme"])]


class LoginRequest(BaseModel):
    username: Annotated[str, Field(max_length=256)]
    password: Annotated[str, Field(max_length=256)]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires")


class TokenRequestForm(BaseModel):
    """The OAuth2 token request (RFC 6749 §4.3 password, §4.4 client credentials)."""

    grant_type: str = Field(examples=["password", "client_credentials"])
    username: Annotated[str | None, Field(max_length=256)] = None
    password: Annotated[str | None, Field(max_length=256)] = None
    client_id: Annotated[str | None, Field(max_length=256)] = None
    client_secret: Annotated[str | None, Field(max_length=256)] = None
    scope: str = ""


class RegisterRequest(BaseModel):
    username: Username
    password: NewPassword
    display_name: DisplayName


class UserCreate(RegisterRequest):
    role: Role = Field(description="A society admin may create `examiner` accounts only")
    society_code: TenantCode | None = Field(
        default=None, description="Required for society_admin and examiner; a known society"
    )
    enterprise_id: TenantCode | None = Field(
        default=None, description="Required for the enterprise role"
    )
    organisation_code: TenantCode | None = Field(
        default=None, description="Required for the partner and provider roles"
    )


class PasswordReset(BaseModel):
    password: NewPassword


class UserActive(BaseModel):
    active: bool = Field(description="false disables the account and voids its tokens")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    society_code: str | None
    enterprise_id: str | None
    organisation_code: str | None = None
    active: bool
    created_at: datetime


class ClientCreate(BaseModel):
    client_id: ClientId | None = Field(default=None, description="Generated when omitted")
    name: DisplayName
    role: Role
    society_code: TenantCode | None = Field(
        default=None, description="Required for society_admin and examiner"
    )
    enterprise_id: TenantCode | None = Field(
        default=None, description="Required for the enterprise role"
    )
    organisation_code: TenantCode | None = Field(
        default=None, description="Required for the partner and provider roles"
    )


class ClientOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    client_id: str
    name: str
    role: Role
    society_code: str | None
    enterprise_id: str | None
    organisation_code: str | None
    active: bool
    created_at: datetime


class ClientSecret(BaseModel):
    client_id: str
    client_secret: str = Field(description="Shown once; only its hash is stored")


class ClientCreated(BaseModel):
    client_id: str
    client_secret: str = Field(description="Shown once; only its hash is stored")
    name: str
    role: Role
    society_code: str | None
    enterprise_id: str | None
    created_at: datetime


class Claims(BaseModel):
    """The caller as the token describes them."""

    sub: str
    role: Role
    name: str
    society: str | None
    enterprise: str | None
    organisation: str | None = None
