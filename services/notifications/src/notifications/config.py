"""Settings of the notifications service (env prefix NOTIFICATIONS_)."""

from kit.settings import ServiceSettings, service_config


class Settings(ServiceSettings):
    model_config = service_config("NOTIFICATIONS_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_notifications"
