"""The signing key: created once with owner-only permissions, stable key id, inline PEM."""

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from gateway.config import GatewaySettings
from gateway.keys import load_signing_key


def test_key_file_is_created_on_first_start_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "identity-ed25519.pem"
    settings = GatewaySettings(signing_key_path=path, environment="dev")

    first = load_signing_key(settings)
    second = load_signing_key(settings)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.kid == second.kid
    assert first.jwks() == second.jwks()
    assert list(path.parent.iterdir()) == [path]  # no staging file left behind


def test_inline_pem_wins_and_is_not_written_to_disk(tmp_path: Path) -> None:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    path = tmp_path / "unused.pem"

    key = load_signing_key(GatewaySettings(signing_key_pem=pem, signing_key_path=path))

    assert not path.exists()
    assert key.public_jwk()["kid"] == key.kid
    assert load_signing_key(GatewaySettings(signing_key_pem=pem)).kid == key.kid


def test_default_key_path_is_under_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    assert GatewaySettings().signing_key_path == tmp_path / "var" / "keys" / "identity-ed25519.pem"
