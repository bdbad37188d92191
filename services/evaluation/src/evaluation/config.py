"""Settings of the evaluation service (env prefix EVALUATION_)."""

from kit.settings import ServiceSettings, service_config


class Settings(ServiceSettings):
    model_config = service_config("EVALUATION_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_evaluation"
