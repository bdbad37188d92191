"""Settings of the CPD service (env prefix CPD_)."""

from kit.settings import ServiceSettings, service_config


class Settings(ServiceSettings):
    model_config = service_config("CPD_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_cpd"
    # Evidence files (certificates of attendance, papers, proofs for a deferral).
    evidence_max_bytes: int = 10 * 1024 * 1024
