"""Settings every service shares; each service subclasses with its own env prefix."""

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """Base settings; a service subclass sets `model_config = service_config("APPLICATIONS_")`."""

    model_config = SettingsConfigDict(extra="ignore")

    # "dev" allows what production must not: generated key files, a movable clock.
    environment: Literal["dev", "production"] = "production"
    # Dev only: a file holding the platform clock's offset in seconds (kit.clock).
    clock_offset_file: Path | None = None
    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    exchange: str = "cse.events"
    # Prepended to this service's queue names, so a test platform never shares a dev queue.
    queue_prefix: str = ""
    # Where the identity app publishes its signing keys; services verify tokens themselves.
    jwks_url: str = "http://127.0.0.1:8090/.well-known/jwks.json"
    # The identity app, for the rare live lookup of an account; derived from jwks_url if unset.
    identity_url: str | None = None
    # Disabled accounts: how often the token revocation list is refreshed (the upper bound on
    # how long a disabled account's token keeps working).
    revocations_refresh_seconds: float = 15.0
    jwt_issuer: str = "cse-identity"
    jwt_audience: str = "cse-platform"
    log_level: str = "INFO"
    log_json: bool = True
    db_pool_size: int = 10
    db_connect_timeout: float = 5.0
    db_command_timeout: float = 30.0
    # Relay: rows per batch and how long to wait for the broker's confirms of one batch.
    relay_batch_size: int = 500
    relay_confirm_timeout: float = 10.0
    relay_poll_interval: float = 1.0
    # Consumer: attempts before a message is dead-lettered, and the retry backoff.
    consumer_delivery_limit: int = 5
    # Messages in flight per queue, and at most this many applied in one transaction (a window).
    consumer_prefetch: int = 128
    consumer_window: int = 64
    consumer_backoff_base: float = 0.5
    consumer_backoff_max: float = 30.0
    amqp_reconnect_interval: float = 2.0
    # Base64 of 32 random bytes, from a secret shared by every replica and worker of the
    # service; required outside dev mode (in dev a key file under var/keys/ stands in).
    data_key: SecretStr | None = None
    # The id stored with every ciphertext sealed by `data_key`; change it when rotating.
    data_key_id: str = "k1"
    # After a rotation: "k1=<base64>,…", the older keys that still decrypt older data.
    previous_data_keys: SecretStr | None = None
    # Base64 of 32 random bytes for blind indexes (never rotated); required outside dev.
    blind_index_key: SecretStr | None = None
    data_key_path: Path = Field(default_factory=lambda: Path.cwd() / "var" / "keys" / "data.key")
    # Scheduled jobs (e.g. lapsing overdue returns) run this often in the worker.
    job_interval_seconds: float = 60.0
    # The worker's own HTTP port for /metrics and /healthz (0: none).
    worker_port: int = 9100
    worker_host: str = "0.0.0.0"
    # How often the worker refreshes its backlog and dead-letter gauges.
    monitor_interval_seconds: float = 10.0
    # Published outbox rows and processed inbox rows are deleted after this many days.
    retention_days: int = 7
    # OpenTelemetry: traces are exported over OTLP/HTTP to this endpoint when set (off when
    # empty), e.g. http://otel-collector:4318.
    otlp_endpoint: str | None = None


def service_config(prefix: str) -> SettingsConfigDict:
    """Settings config for one service: its env prefix, and a local `.env` if present."""
    return SettingsConfigDict(env_prefix=prefix, env_file=".env", extra="ignore")
