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
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": subject.id,
            "role": subject.role.value,
            "name": subject.name,
            "society": subject.society,
            "enterprise": subject.enterprise,
            "iat": now,
            "exp": now + self.ttl_seconds,
        }
        token = jwt.encode(
            claims, self.key.private_key, algorithm="EdDSA", headers={"kid": self.key.kid}
        )
        return IssuedToken(access_token=token, expires_in=self.ttl_seconds)
