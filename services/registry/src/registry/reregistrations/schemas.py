"""Shapes of re-registration."""

import uuid
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from registry.certificates.schemas import NUMBER, SOCIETY

# pending → accepted | rejected
ReregistrationStatus = Literal["pending", "accepted", "rejected"]
Decision = Literal["accepted", "rejected"]


class ReregistrationIn(BaseModel):
    """The member's application; the CPD record comes from the CPD service's ledger."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "statement": "五年来主持完成三项桥梁设计项目，累计完成继续教育 150 学时。/ Over five "
                     "years I led three bridge design projects and completed 150 CPD hours.",
    }]})

    statement: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = Field(
        default="", description="The development summary (职业发展总结) the society reads with "
                                "the CPD record; up to 4000 characters, empty when left out.")


class DecisionIn(BaseModel):
    """The society's decision on a pending re-registration."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"decision": "accepted"},
        {"decision": "rejected",
         "reasons": "未提交职业发展总结 / No development summary was submitted"},
    ]})

    decision: Decision = Field(
        description="`accepted`: CPD met over the validity (or the shortfall excused by a "
                    "deferral), the certificate keeps its number for five more years; "
                    "`rejected`: with `reasons`.")
    reasons: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = Field(
        default="", description="Why it is rejected, up to 2000 characters; required to reject "
                                "unless CPD is short, when the shortfall is the reason. Ignored "
                                "when accepted.")


class ReregistrationOut(BaseModel):
    """An application for re-registration (再注册) and its decision."""

    id: uuid.UUID = Field(description="Identifier of the re-registration (UUID).")
    certificate_number: str = Field(description=NUMBER)
    holder_name: str = Field(description="The holder's full name.")
    society_code: str = Field(description=SOCIETY)
    status: ReregistrationStatus = Field(
        description="`pending` (waiting for the society), `accepted` (renewed for five years) "
                    "or `rejected`.")
    applied_on: date = Field(description="China date (YYYY-MM-DD) the holder applied.")
    statement: str = Field(description="The holder's development summary; empty when none.")
    valid_until: date = Field(description="The certificate's current last day of validity "
                                          "(after an acceptance, the new one).")
    cpd: dict[str, Any] | None = Field(
        description="The CPD compliance the register held at application, then at the "
                    "decision: `period_start`, `period_end`, `required_hours`, `credited_hours`, "
                    "`deferred_hours`, `shortfall_hours`, `compliant`, `deferral_granted`, "
                    "`years` (per year of validity); null when no CPD record was received.")
    reasons: str | None = Field(description="Why it was rejected; null unless `rejected`.")
    decided_by: str | None = Field(description="User id of the society staff or secretariat "
                                               "member who decided; null while pending.")
    decided_at: datetime | None = Field(description="When it was decided (ISO 8601); null "
                                                    "while pending.")
    new_valid_until: date | None = Field(description="The new last day of validity; null unless "
                                                     "`accepted`.")
