from datetime import datetime
from decimal import Decimal
from typing import Annotated

from kit.types import DecimalNumber
from pydantic import BaseModel, ConfigDict, Field

from applications.application.schemas import Level


class FeeIn(BaseModel):
    model_config = ConfigDict(extra="forbid",
                              json_schema_extra={"examples": [{"amount_cny": 800}]})

    amount_cny: Annotated[Decimal, DecimalNumber(places=2, maximum=100000)] = Field(
        examples=[0, 800, 1200.5], description="The fee in yuan (CNY), a JSON number with at "
        "most 2 decimals; 0 for none")


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
