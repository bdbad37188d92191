"""Shapes of credential verification."""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints


class VerificationIn(BaseModel):
    """A credential as received: the compact VC-JOSE serialization (`eyJ…`)."""

    model_config = ConfigDict(extra="forbid")

    credential: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10,
                                                 max_length=50_000)]


class Check(BaseModel):
    check: Literal["signature", "issuer", "status", "expiry"]
    ok: bool
    detail_zh: str
    detail_en: str


class VerifiedCertificate(BaseModel):
    number: str
    holder_name: str
    level: str
    society_code: str
    status: str
    status_since: str
    valid_until: str


Outcome = Literal["valid", "invalid_signature", "unknown_issuer", "revoked", "suspended",
                  "expired", "not_yet_valid", "unknown_certificate"]


class VerificationOut(BaseModel):
    """The verdict and each check, explained in Chinese and English."""

    verified: bool
    outcome: Outcome
    checks: list[Check]
    certificate: VerifiedCertificate | None = None
