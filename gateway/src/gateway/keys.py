"""The identity app's Ed25519 signing key and the JWKS that publishes its public half."""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gateway.config import GatewaySettings


@dataclass(frozen=True, slots=True)
class SigningKey:
    private_key: Ed25519PrivateKey
    kid: str

    @classmethod
    def from_pem(cls, pem: bytes) -> "SigningKey":
        key = serialization.load_pem_private_key(pem, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("签名密钥必须是 Ed25519 / The signing key must be an Ed25519 key")
        return cls(private_key=key, kid=_thumbprint(key))

    def public_jwk(self) -> dict[str, str]:
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": _b64url(_public_bytes(self.private_key)),
            "kid": self.kid,
            "alg": "EdDSA",
            "use": "sig",
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk()]}


def load_signing_key(settings: GatewaySettings) -> SigningKey:
    """The inline PEM if set, else the key file, created on first start."""
    if settings.signing_key_pem is not None:
        return SigningKey.from_pem(settings.signing_key_pem.get_secret_value().encode())
    if settings.environment != "dev" and not settings.signing_key_path.exists():
        # Every identity replica must sign with the same key: never make one up in production.
        raise SystemExit(
            "GATEWAY_SIGNING_KEY_PEM (or a mounted GATEWAY_SIGNING_KEY_PATH file) is required "
            "outside dev mode: an Ed25519 private key in PEM, e.g. `openssl genpkey -algorithm "
            "ed25519`"
        )
    return SigningKey.from_pem(_read_or_create(settings.signing_key_path))


def _read_or_create(path: Path) -> bytes:
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written aside and linked into place: several workers starting at once must all end up
    # with the one key that won, never a half-written file.
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(pem)
        os.link(staging, path)
    except FileExistsError:
        pass
    finally:
        staging.unlink(missing_ok=True)
    return path.read_bytes()


def _thumbprint(key: Ed25519PrivateKey) -> str:
    """RFC 7638 JWK thumbprint: the same key always gets the same id, wherever it is loaded."""
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(_public_bytes(key))}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    return _b64url(hashlib.sha256(canonical).digest())


def _public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
