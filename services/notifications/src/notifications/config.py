"""Settings of the notifications service (env prefix NOTIFICATIONS_)."""

import functools
from pathlib import Path

from kit.settings import ServiceSettings, service_config
from pydantic import Field, SecretStr


class Settings(ServiceSettings):
    model_config = service_config("NOTIFICATIONS_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_notifications"
    # The worker's jobs send e-mail and webhooks, so they run every few seconds, not every
    # minute like other services' housekeeping.
    job_interval_seconds: float = 5.0
    # Where links in messages point: the platform's public address (the gateway).
    public_base_url: str = "http://127.0.0.1:8080"

    # E-mail. The default is the local sink `python -m notifications smtp-sink` (make run);
    # production points these at a real SMTP server.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    # Implicit TLS (port 465) or STARTTLS (port 587); the local sink uses neither.
    smtp_use_tls: bool = False
    smtp_start_tls: bool = False
    smtp_timeout_seconds: float = 10.0
    mail_from: str = "中国工程师联合体 工程能力评价 <noreply@cse.example.org>"
    # Temporary failures are retried after base, 2×base, 4×base … until this many attempts.
    mail_max_attempts: int = 6
    mail_backoff_base_seconds: float = 60.0
    mail_batch_size: int = 50
    # The sink writes each message it receives here.
    mail_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "mail")
    mail_sink_host: str = "127.0.0.1"
    mail_sink_port: int = 8025

    # Webhooks. Addresses a webhook may use although they are loopback or private: host names,
    # addresses or networks, e.g. ["127.0.0.1/32"] (an operator's decision; empty by default).
    webhook_allowed_hosts: list[str] = Field(default_factory=list)
    # Seconds to wait before each retry after the first try (about a day in all).
    webhook_retry_schedule_seconds: list[float] = Field(
        default_factory=lambda: [5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0])
    webhook_timeout_seconds: float = 10.0
    webhook_batch_size: int = 100
    webhook_concurrency: int = 10
    # How long the old secret still signs after a rotation.
    webhook_secret_grace_hours: float = 24.0


@functools.cache
def settings() -> Settings:
    """The process's settings, for the worker's handlers and jobs (they take no arguments)."""
    return Settings()
