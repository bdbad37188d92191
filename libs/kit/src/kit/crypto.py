"""Personal data at rest: AES-256-GCM for values, HMAC blind indexes for equality lookups.

A process holds one data key (from settings or a key file). Ciphertexts carry a version
prefix so keys can be rotated by re-encrypting.
"""

import base64
import hashlib
import hmac
import os
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from kit.settings import ServiceSettings

PREFIX = "v1:"


class FieldCipher:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the data key must be 32 bytes (base64 of 32 random bytes)")
        self._aead = AESGCM(key)
        # A separate key for blind indexes: an index must not help decrypt anything.
        self._index_key = hashlib.sha256(b"cse-blind-index" + key).digest()

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), None)
        return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, token: str) -> str:
        if not token.startswith(PREFIX):
            raise ValueError("not a ciphertext of this platform")
        raw = base64.urlsafe_b64decode(token[len(PREFIX):].encode())
        return self._aead.decrypt(raw[:12], raw[12:], None).decode()

    def encrypt_bytes(self, data: bytes, *, context: bytes = b"") -> bytes:
        """For files at rest; `context` (e.g. the file id) is authenticated, not stored."""
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, context or None)

    def decrypt_bytes(self, sealed: bytes, *, context: bytes = b"") -> bytes:
        return self._aead.decrypt(sealed[:12], sealed[12:], context or None)

    def blind_index(self, value: str) -> str:
        """Deterministic keyed digest, for `WHERE id_number_index = ...` without plaintext."""
        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()


_cipher: FieldCipher | None = None


def configure(cipher: FieldCipher) -> None:
    global _cipher
    _cipher = cipher


def cipher() -> FieldCipher:
    if _cipher is None:
        raise RuntimeError("kit.crypto.configure() was not called at start-up")
    return _cipher


def configure_from_settings(settings: ServiceSettings) -> FieldCipher:
    """The key from settings, else the dev key file; installed as the process's cipher."""
    key = settings.data_key.get_secret_value() if settings.data_key else None
    field_cipher = FieldCipher(base64.b64decode(key) if key else load_or_create_key(
        settings.data_key_path))
    configure(field_cipher)
    return field_cipher


def load_or_create_key(path: Path) -> bytes:
    """The dev default: a key file created on first use with mode 0600."""
    if path.exists():
        return base64.b64decode(path.read_text().strip())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = AESGCM.generate_key(bit_length=256)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(base64.b64encode(key).decode())
    return key


class EncryptedString(TypeDecorator[str]):
    """A column whose value is stored encrypted and read back as plaintext."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().decrypt(str(value))
