"""Request and response shapes of contact preferences."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"email": "li.lei@example.com", "language": "zh", "email_enabled": True},
    ]})

    email: EmailStr | None = Field(
        default=None, max_length=254,
        description="Where e-mail reaches you (at most 254 characters); null or absent for no "
                    "e-mail. Replaces the address given before. Addresses at special-use "
                    "domains that never receive mail (`.test`, `.local`, `.localhost`, "
                    "`.invalid`, `.onion`, `.arpa`) are refused")
    language: Literal["zh", "en"] = Field(
        default="zh", description="The language of your e-mail: `zh` Chinese (default) or `en` "
                                  "English; the inbox always holds both")
    email_enabled: bool = Field(
        default=True, strict=True,
        description="`true` (default): e-mail me each message as well as filing it in the "
                    "inbox; `false`: the inbox only. A JSON boolean only (not 0/1 or a string)")


class PreferencesOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    email: str | None = Field(
        description="Your e-mail address, as you gave it (only you see it); null when none")
    language: Literal["zh", "en"] = Field(
        description="The language of your e-mail: `zh` Chinese or `en` English")
    email_enabled: bool = Field(
        description="Whether you are e-mailed as well as the inbox (nothing is sent without an "
                    "address)")
