"""Request and response shapes of contact preferences."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr | None = Field(
        default=None, max_length=254, description="Where e-mail reaches you; null for none")
    language: Literal["zh", "en"] = Field(
        default="zh", description="The language of your e-mail: zh (default) or en")
    email_enabled: bool = Field(default=True, description="Send me e-mail as well as the inbox")


class PreferencesOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    email: str | None
    language: Literal["zh", "en"]
    email_enabled: bool
