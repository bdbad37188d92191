"""Settings of the registry service (env prefix REGISTRY_)."""

from pathlib import Path

from kit.settings import ServiceSettings, service_config
from pydantic import Field, SecretStr


class Settings(ServiceSettings):
    model_config = service_config("REGISTRY_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_registry"
    # Where people reach the platform: QR codes, credential ids and status lists point here.
    public_base_url: str = "http://127.0.0.1:8080"
    # The register's Ed25519 signing key (PEM, PKCS#8), a secret shared by every replica;
    # without it a key file is generated, in dev mode only.
    credential_signing_key: SecretStr | None = None
    credential_key_path: Path = Field(
        default_factory=lambda: Path.cwd() / "var" / "keys" / "registry-credential.pem"
    )
