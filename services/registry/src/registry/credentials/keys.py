"""The register's Ed25519 signing key: a secret from settings; a generated file in dev only."""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from registry.config import Settings


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    kid: str

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    def jwk(self) -> dict[str, Any]:
        public = jwt.algorithms.OKPAlgorithm.to_jwk(self.public, as_dict=True)
        return {**public, "kid": self.kid, "alg": "EdDSA", "use": "sig"}


def thumbprint(public: Ed25519PublicKey) -> str:
    """RFC 7638 thumbprint: a key id that changes exactly when the key does."""
    jwk = jwt.algorithms.OKPAlgorithm.to_jwk(public, as_dict=True)
    canonical = json.dumps({k: jwk[k] for k in ("crv", "kty", "x")}, separators=(",", ":"),
                           sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _load_pem(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise RuntimeError("REGISTRY_CREDENTIAL_SIGNING_KEY must be an Ed25519 private key")
    return key


def _dev_key(path: Path) -> Ed25519PrivateKey:
    if path.exists():
        return _load_pem(path.read_bytes())
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of the dev platform made it first
        return _load_pem(path.read_bytes())
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def load(settings: Settings) -> SigningKey:
    """From the secret; outside dev mode a missing secret stops the process at start."""
    if settings.credential_signing_key is not None:
        private = _load_pem(settings.credential_signing_key.get_secret_value().encode())
    elif settings.environment == "dev":
        private = _dev_key(settings.credential_key_path)
    else:
        raise RuntimeError(
            "REGISTRY_CREDENTIAL_SIGNING_KEY is required outside dev mode: every replica must "
            "sign with the register's one key"
        )
    return SigningKey(private=private, kid=thumbprint(private.public_key()))
