"""Gateway settings: the identity app and the nginx config generator read the same ones."""

import re
from functools import lru_cache
from pathlib import Path

from kit.settings import ServiceSettings, service_config
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import SettingsConfigDict

from gateway.routes import upstream_addresses

_RATE = re.compile(r"^[1-9][0-9]*r/[sm]$")
_PATH = re.compile(r"^[\w./-]+$")


class GatewaySettings(ServiceSettings):
    # `__` lets compose set one upstream at a time: GATEWAY_UPSTREAMS__APPLICATIONS=applications:8000
    model_config = SettingsConfigDict(**service_config("GATEWAY_"), env_nested_delimiter="__")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_identity"

    # Tokens
    token_ttl_seconds: int = Field(default=3600, ge=60, le=86400)
    # Relative to the working directory, so `make run` from the repo root uses var/keys/.
    signing_key_path: Path = Field(
        default_factory=lambda: Path.cwd() / "var" / "keys" / "identity-ed25519.pem"
    )
    # An inline PEM (e.g. a Kubernetes secret) wins over the file and is never written to disk.
    signing_key_pem: SecretStr | None = None

    # Upstreams, by the service names of the route table.
    upstreams: dict[str, str] = Field(default_factory=dict)
    openapi_cache_seconds: float = 30.0
    openapi_fetch_timeout: float = 3.0

    # nginx
    listen_port: int = Field(default=8080, ge=1, le=65535)
    runtime_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "nginx")
    # Empty: <runtime_dir>/logs/access.log; containers set /dev/stdout.
    access_log: str = ""
    rate_limit_enabled: bool = True
    rate_limit: str = "50r/s"
    rate_limit_burst: int = Field(default=100, ge=0)
    sign_in_rate_limit: str = "5r/s"
    sign_in_rate_limit_burst: int = Field(default=20, ge=0)

    @field_validator("upstreams")
    @classmethod
    def _known_upstreams(cls, value: dict[str, str]) -> dict[str, str]:
        upstream_addresses(value)
        return value

    @field_validator("rate_limit", "sign_in_rate_limit")
    @classmethod
    def _nginx_rate(cls, value: str) -> str:
        if not _RATE.match(value):
            raise ValueError(f"rate must look like 50r/s or 600r/m, got {value!r}")
        return value

    @field_validator("access_log")
    @classmethod
    def _plain_path(cls, value: str) -> str:
        # The value is pasted into nginx.conf; a quote or `;` would change its meaning.
        if value and not _PATH.match(value):
            raise ValueError(f"access_log must be a plain file path, got {value!r}")
        return value

    @property
    def upstream_addresses(self) -> dict[str, str]:
        return upstream_addresses(self.upstreams)


@lru_cache
def get_settings() -> GatewaySettings:
    return GatewaySettings()
