"""Settings of the applications service (env prefix APPLICATIONS_)."""

from pathlib import Path
from typing import Literal

from kit.settings import ServiceSettings, service_config
from pydantic import Field


class Settings(ServiceSettings):
    model_config = service_config("APPLICATIONS_")

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/cse_applications"
    # Evidence bytes (encrypted) live in this service's PostgreSQL, committed with their
    # metadata; "local" keeps them under evidence_dir instead (development only).
    evidence_storage: Literal["database", "local"] = "database"
    evidence_dir: Path = Field(default_factory=lambda: Path.cwd() / "var" / "evidence")
    evidence_max_bytes: int = 10 * 1024 * 1024
    # Excel uploads (Annex 3): the file itself, and what its zip may unpack to.
    excel_max_bytes: int = 10 * 1024 * 1024
    excel_max_uncompressed_bytes: int = 100 * 1024 * 1024
    excel_max_zip_members: int = 500
    # Rows of one sheet, whatever they hold (title, headers, example and blank rows count):
    # room for the most candidates a workbook may list (WORKBOOK_MAX_CANDIDATES, 5,000) and
    # the rows around them; a workbook under it but over 5,000 candidates is a 422 to split it.
    excel_max_rows: int = 5100
    # Working days (China) an applicant has to resubmit a returned application [003 Q19].
    resubmit_working_days: int = 10
    # Working days (China) before the resubmission deadline when the applicant is reminded.
    resubmission_reminder_working_days: int = Field(default=3, ge=1, le=10)
