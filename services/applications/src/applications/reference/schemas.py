"""Response shapes of the reference data."""

from pydantic import BaseModel, ConfigDict


class SpecialtyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name_zh: str
    name_en: str
    scope_zh: str


class FieldOut(BaseModel):
    code: str
    name_zh: str
    name_en: str
    society_code: str | None
    specialties: list[SpecialtyOut]


class SocietyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name_zh: str
    name_en: str
    field_codes: list[str]


class CommitmentOut(BaseModel):
    version: str
    text: str
