"""Personal data at rest: AES-256-GCM for values, HMAC blind indexes for equality lookups.

A process holds the service's keys (from a secret; a key file only in dev mode).
Ciphertexts carry the id of the key that sealed them, so keys rotate without re-encrypting:
`python -m kit.crypto new-key` makes a key.
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

PREFIX = "v2:"
LEGACY_PREFIX = "v1:"
# Sealed files: magic, key id length, key id, nonce, ciphertext.
FILE_MAGIC = b"\x00CK2"


class FieldCipher:
    """AES-256-GCM with a key ring: new data is sealed with the current key and carries its
    id (`v2:<kid>:…`), so after a rotation data written under an older key stays readable as
    long as that key is listed among the previous keys. The blind-index key is separate and
    never rotates (an index must stay comparable, and must not help decrypt anything)."""

    def __init__(self, key: bytes, *, key_id: str = "k1",
                 previous: dict[str, bytes] | None = None,
                 index_key: bytes | None = None) -> None:
        for candidate in (key, *(previous or {}).values()):
            if len(candidate) != 32:
                raise ValueError("a data key must be 32 bytes (base64 of 32 random bytes)")
        if ":" in key_id or not key_id:
            raise ValueError("a key id is a short name without ':'")
        self.key_id = key_id
        self._keys = {kid: AESGCM(k) for kid, k in (previous or {}).items()}
        self._keys[key_id] = self._aead = AESGCM(key)
        self._index_key = index_key or hashlib.sha256(b"cse-blind-index" + key).digest()

    def _key(self, kid: str) -> AESGCM:
        try:
            return self._keys[kid]
        except KeyError:
            raise ValueError(
                f"data sealed with key {kid!r}, which this process does not hold: add it to "
                "the previous data keys"
            ) from None

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), None)
        return f"{PREFIX}{self.key_id}:" + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, token: str) -> str:
        if token.startswith(PREFIX):
            kid, _, body = token[len(PREFIX):].partition(":")
            aead = self._key(kid)
        elif token.startswith(LEGACY_PREFIX):
            aead, body = self._aead, token[len(LEGACY_PREFIX):]
        else:
            raise ValueError("not a ciphertext of this platform")
        raw = base64.urlsafe_b64decode(body.encode())
        return aead.decrypt(raw[:12], raw[12:], None).decode()

    def encrypt_bytes(self, data: bytes, *, context: bytes = b"") -> bytes:
        """For files at rest; `context` (e.g. the file id) is authenticated, not stored."""
        nonce = os.urandom(12)
        kid = self.key_id.encode()
        return (FILE_MAGIC + bytes([len(kid)]) + kid + nonce
                + self._aead.encrypt(nonce, data, context or None))

    def decrypt_bytes(self, sealed: bytes, *, context: bytes = b"") -> bytes:
        if sealed.startswith(FILE_MAGIC):
            at = len(FILE_MAGIC)
            length = sealed[at]
            aead = self._key(sealed[at + 1: at + 1 + length].decode())
            sealed = sealed[at + 1 + length:]
        else:
            aead = self._aead
        return aead.decrypt(sealed[:12], sealed[12:], context or None)

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


class MissingKey(SystemExit):
    """A process outside dev mode started without a key: one clear line, then exit."""


def configure_from_settings(settings: ServiceSettings) -> FieldCipher:
    """The keys from settings (a secret shared by every replica and worker of the service);
    in dev mode only, a key file created on first use stands in. Installed as the process's
    cipher."""
    prefix = str(settings.model_config.get("env_prefix", ""))
    key = settings.data_key.get_secret_value() if settings.data_key else None
    index = settings.blind_index_key.get_secret_value() if settings.blind_index_key else None
    if settings.environment != "dev":
        for value, name in ((key, "DATA_KEY"), (index, "BLIND_INDEX_KEY")):
            if not value:
                raise MissingKey(
                    f"{prefix}{name} is required outside dev mode (base64 of 32 random bytes, "
                    f"the same for every replica and worker; make one: python -m kit.crypto "
                    f"new-key)"
                )
    raw = _decode_key(key, prefix + "DATA_KEY") if key else load_or_create_key(
        settings.data_key_path)
    previous = {
        kid.strip(): _decode_key(value, f"{prefix}PREVIOUS_DATA_KEYS")
        for kid, _, value in (
            item.partition("=") for item in
            (settings.previous_data_keys.get_secret_value().split(",")
             if settings.previous_data_keys else [])
            if item.strip()
        )
    }
    field_cipher = FieldCipher(
        raw, key_id=settings.data_key_id, previous=previous,
        index_key=_decode_key(index, prefix + "BLIND_INDEX_KEY") if index else None,
    )
    configure(field_cipher)
    return field_cipher


def _decode_key(value: str, name: str) -> bytes:
    try:
        raw = base64.b64decode(value.strip(), validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise MissingKey(f"{name} must be base64 of 32 random bytes")
    return raw


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


def new_key() -> str:
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()


class EncryptedString(TypeDecorator[str]):
    """A column whose value is stored encrypted and read back as plaintext."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().encrypt(str(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else cipher().decrypt(str(value))


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["new-key"]:
        sys.stderr.write("usage: python -m kit.crypto new-key\n")
        raise SystemExit(2)
    sys.stdout.write(new_key() + "\n")
