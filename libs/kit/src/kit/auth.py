"""The caller's identity and token verification: every service checks role and society itself.

No framework here; the FastAPI dependencies that use it are in `kit.dependencies`."""

import asyncio
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import jwt

from kit.errors import NotAuthenticated

ALGORITHMS = ["EdDSA"]


class Role(StrEnum):
    APPLICANT = "applicant"
    ENTERPRISE = "enterprise"
    COMMITTEE = "committee"
    SOCIETY_ADMIN = "society_admin"
    EXAMINER = "examiner"
    SECRETARIAT = "secretariat"
    SUPERVISION = "supervision"
    PARTNER = "partner"
    # A CPD course provider's API client: pushes attendance for its own courses.
    PROVIDER = "provider"


# Roles that act on behalf of one society (tenant) and must carry its code in the token.
SOCIETY_ROLES = frozenset({Role.SOCIETY_ADMIN, Role.EXAMINER})


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a person or an API client, with their role and tenant."""

    subject: str
    role: Role
    name: str
    society: str | None = None
    enterprise: str | None = None
    # Partner bodies abroad and CPD providers: the code of the organisation the client is for.
    organisation: str | None = None


class TokenVerifier:
    """Verifies JWTs against the identity app's JWKS, refetched when an unknown key id appears."""

    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        jwks: dict[str, Any] | None = None,
        refetch_after: float = 30.0,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self.refetch_after = refetch_after
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        if jwks is not None:
            self._load(jwks)
            self._fetched_at = float("inf")

    def _load(self, jwks: dict[str, Any]) -> None:
        self._keys = {k["kid"]: jwt.PyJWK(k) for k in jwks.get("keys", []) if "kid" in k}

    async def _key(self, kid: str) -> jwt.PyJWK:
        if kid in self._keys:
            return self._keys[kid]
        async with self._lock:
            stale = time.monotonic() - self._fetched_at > self.refetch_after
            if kid not in self._keys and stale and self.jwks_url:
                try:
                    async with httpx.AsyncClient(timeout=5.0) as client:
                        response = await client.get(self.jwks_url)
                        response.raise_for_status()
                        self._load(response.json())
                        self._fetched_at = time.monotonic()
                except httpx.HTTPError as exc:
                    raise NotAuthenticated(
                        "暂时无法校验令牌，请稍后重试 / Token keys are unavailable; retry shortly."
                    ) from exc
        if kid not in self._keys:
            raise NotAuthenticated("令牌签名密钥未知 / The token was signed with an unknown key.")
        return self._keys[kid]

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise NotAuthenticated("令牌格式无效 / The bearer token is malformed.") from exc
        key = await self._key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=ALGORITHMS,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "sub", "iss", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise NotAuthenticated("令牌已过期，请重新登录 / The token has expired.") from exc
        except jwt.PyJWTError as exc:
            raise NotAuthenticated(f"令牌无效 / Invalid token: {exc}") from exc
        try:
            role = Role(claims.get("role", ""))
        except ValueError as exc:
            raise NotAuthenticated("令牌中的角色无效 / The token carries no valid role.") from exc
        return Principal(
            subject=str(claims["sub"]),
            role=role,
            name=str(claims.get("name", "")),
            society=claims.get("society"),
            enterprise=claims.get("enterprise"),
            organisation=claims.get("organisation"),
        )
