"""Response shapes of the reference data."""

from pydantic import BaseModel, ConfigDict, Field


class SpecialtyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="专业类别代码, e.g. civil.structural; give it as "
                      "`specialty_code` when applying")
    name_zh: str = Field(description="The specialty's name in Chinese")
    name_en: str = Field(description="The specialty's name in English")
    scope_zh: str = Field(description="专业范围: what the specialty covers, in Chinese")


class FieldOut(BaseModel):
    code: str = Field(description="工程技术领域代码, e.g. civil; give it as `field_code`")
    name_zh: str = Field(description="The field's name in Chinese")
    name_en: str = Field(description="The field's name in English")
    society_code: str | None = Field(description="The authorized society that evaluates the "
                                     "field; null while no society is authorized for it")
    specialties: list[SpecialtyOut] = Field(description="The field's specialty categories, "
                                            "in the published order")


class SocietyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="学会代码, e.g. cces")
    name_zh: str = Field(description="The society's name in Chinese")
    name_en: str = Field(description="The society's name in English")
    field_codes: list[str] = Field(description="The fields it is authorized to evaluate")


class CommitmentOut(BaseModel):
    version: str = Field(description="The version to give as `version` when signing, e.g. "
                         "cse-2024-01")
    text: str = Field(description="The letter's full text, in Chinese")
