"""Shapes of a society's register settings."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

RegistrationMode = Literal["confirm", "automatic"]


class RegisterSettingsOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    society_code: str
    registration_mode: RegistrationMode
    reregistration_after_expiry: bool
    updated_by: str | None
    updated_at: datetime | None


class RegisterSettingsPatch(BaseModel):
    """Only the settings sent change."""

    model_config = ConfigDict(extra="forbid")

    # The CSE's own choice (the secretariat's): confirm each registration, or automatic.
    registration_mode: RegistrationMode | None = None
    # The society's: may a member still apply for re-registration after expiry (default no).
    reregistration_after_expiry: bool | None = None
