"""The caller's identity and token verification: every service checks role and society itself.

No framework here; the FastAPI dependencies that use it are in `kit.dependencies`."""

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import jwt
import structlog

from kit.errors import NotAuthenticated

ALGORITHMS = ["EdDSA"]
log = structlog.get_logger()


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
        revocations_url: str | None = None,
        revocations_refresh: float = 15.0,
        revocation_loader: Callable[[], Awaitable[dict[str, float]]] | None = None,
        verified_cache_size: int = 1024,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self.refetch_after = refetch_after
        # Disabled accounts and rotated secrets: the identity app publishes, per subject, the
        # moment before which its tokens are void; every service refreshes the list this often,
        # so a disabled account is refused everywhere within `revocations_refresh` seconds.
        if revocations_url is None and jwks_url:
            revocations_url = jwks_url.rsplit("/", 1)[0] + "/revocations.json"
        self.revocations_url = revocations_url
        # The identity app reads its own table instead of calling itself over HTTP.
        self.revocation_loader = revocation_loader
        self.revocations_refresh = revocations_refresh
        self._void_before: dict[str, float] = {}
        self._revocations_at = float("-inf")
        self._revocations_lock = asyncio.Lock()
        self._keys: dict[str, jwt.PyJWK] = {}
        # Tokens already verified, by their exact text: a client sends the same token for its
        # whole lifetime, and checking its Ed25519 signature again on every request was a tenth
        # of an authenticated read. A hit still honours `exp` and the revocation list; the
        # least recently used is dropped beyond the bound, and all when the keys change.
        self._verified: OrderedDict[str, tuple[Principal, float, Any]] = OrderedDict()
        self._verified_max = verified_cache_size
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()
        if jwks is not None:
            self._load(jwks)
            self._fetched_at = float("inf")

    def _load(self, jwks: dict[str, Any]) -> None:
        self._verified.clear()
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

    async def _refuse_revoked(self, subject: str, issued_at: Any) -> None:
        if self.revocations_url is None and self.revocation_loader is None:
            return
        if time.monotonic() - self._revocations_at > self.revocations_refresh:
            async with self._revocations_lock:
                if time.monotonic() - self._revocations_at > self.revocations_refresh:
                    await self._fetch_revocations()
        void_before = self._void_before.get(subject)
        if void_before is None:
            return
        if not isinstance(issued_at, int | float) or issued_at <= void_before:
            raise NotAuthenticated(
                "该账号已停用或凭据已更换，请重新登录 / This account was disabled or its "
                "credentials changed; sign in again."
            )

    async def _fetch_revocations(self) -> None:
        try:
            if self.revocation_loader is not None:
                self._void_before = await self.revocation_loader()
            else:
                assert self.revocations_url is not None
                async with httpx.AsyncClient(timeout=3.0) as client:
                    response = await client.get(self.revocations_url)
                    response.raise_for_status()
                    entries = response.json().get("revocations", [])
                self._void_before = {str(e["sub"]): float(e["not_before"]) for e in entries}
        except (httpx.HTTPError, ValueError, KeyError, TypeError, AttributeError,
                OSError) as exc:
            # Keep the last list and retry soon; the identity app may be restarting.
            log.warning("revocations_fetch_failed", url=self.revocations_url,
                        error=type(exc).__name__)
            self._revocations_at = time.monotonic() - self.revocations_refresh + 2.0
            return
        self._revocations_at = time.monotonic()

    async def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None:
            principal, expires_at, issued_at = cached
            # PyJWT's rule without leeway: expired once `exp` is not after now.
            if time.time() < expires_at:
                self._verified.move_to_end(token)
                await self._refuse_revoked(principal.subject, issued_at)
                return principal
            del self._verified[token]
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
        await self._refuse_revoked(str(claims["sub"]), claims.get("iat"))
        try:
            role = Role(claims.get("role", ""))
        except ValueError as exc:
            raise NotAuthenticated("令牌中的角色无效 / The token carries no valid role.") from exc
        principal = Principal(
            subject=str(claims["sub"]),
            role=role,
            name=str(claims.get("name", "")),
            society=claims.get("society"),
            enterprise=claims.get("enterprise"),
            organisation=claims.get("organisation"),
        )
        if self._verified_max > 0:
            self._verified[token] = (principal, float(claims["exp"]), claims.get("iat"))
            if len(self._verified) > self._verified_max:
                self._verified.popitem(last=False)
        return principal
