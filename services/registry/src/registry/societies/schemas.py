"""Shapes of a society's register settings."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RegistrationMode = Literal["confirm", "automatic"]
MODE = ("`confirm`: the CSE secretariat confirms each approved case before a certificate is "
        "issued (the default); `automatic`: an approved case is registered and its certificate "
        "issued at once.")
LATE = ("Whether a member may still apply for re-registration after the certificate's end "
        "(default false: only in the three months before it).")


class RegisterSettingsOut(BaseModel):
    """What a society decided about its register; defaults until someone changes them."""

    model_config = ConfigDict(from_attributes=True)

    society_code: str = Field(description="Code of the society these settings are for, e.g. "
                                          "`cces`.")
    registration_mode: RegistrationMode = Field(description=MODE)
    reregistration_after_expiry: bool = Field(description=LATE)
    updated_by: str | None = Field(description="User id of whoever last changed them; null "
                                               "while they are the defaults.")
    updated_at: datetime | None = Field(description="When they last changed (ISO 8601); null "
                                                    "while they are the defaults.")


class RegisterSettingsPatch(BaseModel):
    """Only the settings sent change."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "reregistration_after_expiry": True,
    }]})

    registration_mode: RegistrationMode | None = Field(
        default=None, description=MODE + " The CSE's own choice: only the secretariat may "
                                         "change it. Unchanged when left out.")
    reregistration_after_expiry: bool | None = Field(
        default=None, description=LATE + " The society's choice. Unchanged when left out.")
