from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from applications.application.schemas import Level


class FeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [{"amount_cny": "800.00"}]})

    amount_cny: Decimal = Field(ge=0, le=100000, examples=["0.00", "800.00"],
                                description="The fee in yuan (CNY); 0 for none")


class FeeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    society_code: str = Field(description="The society that charges it")
    level: Level = Field(description="The membership level applied for")
    amount_cny: Decimal = Field(description="The fee in yuan (CNY)")
    updated_at: datetime = Field(description="When it was last set")


class SettlementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"settled": True}]})

    settled: bool = Field(description="Whether the society has received the fee")


class SettlementOut(BaseModel):
    application_id: str = Field(description="The application")
    fee_cny: Decimal | None = Field(description="The fee recorded when it was submitted")
    fee_settled: bool = Field(description="Whether the society recorded the fee as settled")
    fee_settled_at: datetime | None = Field(description="When it did; null while not settled")
