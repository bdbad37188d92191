"""Settings of the oversight service (env prefix OVERSIGHT_)."""

from kit.settings import ServiceSettings, service_config


class Settings(ServiceSettings):
    model_config = service_config("OVERSIGHT_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_oversight"
    # Calendar days the supervision committee gives itself to answer a registered complaint,
    # and the society to send its statement (设定的期限; the documents give no figure).
    complaint_answer_days: int = 30
    statement_days: int = 10
    attachment_max_bytes: int = 10 * 1024 * 1024
    attachments_per_complaint: int = 5
