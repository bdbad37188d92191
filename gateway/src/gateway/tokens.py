"""Issues the platform's access tokens: EdDSA JWTs that kit.auth.TokenVerifier accepts."""

import time
from dataclasses import dataclass

import jwt
from kit.auth import Role

from gateway.keys import SigningKey


@dataclass(frozen=True, slots=True)
class Subject:
    """Whoever a token is issued to: a user (by id) or an API client (by client id)."""

    id: str
    role: Role
    name: str
    society: str | None
    enterprise: str | None
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int


class TokenIssuer:
    def __init__(self, key: SigningKey, *, issuer: str, audience: str, ttl_seconds: int) -> None:
        self.key = key
        self.issuer = issuer
        self.audience = audience
        self.ttl_seconds = ttl_seconds

    def issue(self, subject: Subject) -> IssuedToken:
        # Milliseconds in `iat` (RFC 7519 allows a fractional NumericDate): a token issued in
        # the same second as an account was disabled can still be told apart from it.
        now = round(time.time(), 3)
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject.id,
            "role": subject.role.value,
            "name": subject.name,
            "society": subject.society,
            "enterprise": subject.enterprise,
            "organisation": subject.organisation,
            "iat": now,
            "exp": int(now) + self.ttl_seconds,
        }
        token = jwt.encode(
            claims, self.key.private_key, algorithm="EdDSA", headers={"kid": self.key.kid}
        )
        return IssuedToken(access_token=token, expires_in=self.ttl_seconds)
