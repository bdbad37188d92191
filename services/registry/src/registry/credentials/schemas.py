"""Shapes of credential verification."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from registry.certificates.rules import CertificateStatus, Level
from registry.certificates.schemas import LEVEL, NUMBER, SOCIETY


class VerificationIn(BaseModel):
    """A credential as received: the compact VC-JOSE serialization (`eyJ…`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "credential": "eyJhbGciOiJFZERTQSIsImtpZCI6InJlZ2lzdHJ5LTEiLCJ0eXAiOiJ2Yytqd3QiLCJjdHki"
                      "OiJ2YyJ9.eyJpc3MiOiJodHRwczovL2NzZS5leGFtcGxlIn0.c2lnbmF0dXJl",
    }]})

    credential: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10,
                                                 max_length=50_000)] = Field(
        description="The Open Badges 3.0 credential exactly as the holder shared it: a compact "
                    "JWS (`header.payload.signature`, base64url) signed by the register, as "
                    "`GET /v1/certificates/{number}/credential` returns it.")


class Check(BaseModel):
    """One check of a verification and what it found."""

    check: Literal["signature", "issuer", "status", "expiry"] = Field(
        description="`signature` (signed by the register's key, see `/v1/register/jwks.json`), "
                    "`issuer` (issued by the CSE register), `status` (not revoked or suspended "
                    "in the register now) or `expiry` (inside its validity today).")
    ok: bool = Field(description="Whether the check passed.")
    detail_zh: str = Field(description="What the check found, in Chinese.")
    detail_en: str = Field(description="What the check found, in English.")


class VerifiedCertificate(BaseModel):
    """The certificate the credential names, as the register holds it now."""

    number: str = Field(description=NUMBER)
    holder_name: str = Field(description="The holder's full name as registered.")
    level: Level = Field(description=LEVEL)
    society_code: str = Field(description=SOCIETY)
    status: CertificateStatus = Field(
        description="The certificate's status today (`valid`, `suspended`, `cancelled`, "
                    "`revoked`, `expired` or `superseded`), whatever the credential says.")
    status_since: date = Field(description="China date (YYYY-MM-DD) from which that status "
                                           "holds.")
    valid_until: date = Field(description="Last China date (YYYY-MM-DD) of validity, inclusive.")


Outcome = Literal["valid", "invalid_signature", "unknown_issuer", "revoked", "suspended",
                  "expired", "not_yet_valid", "unknown_certificate"]


class VerificationOut(BaseModel):
    """The verdict and each check, explained in Chinese and English."""

    verified: bool = Field(description="True only when every check passed (`outcome` `valid`).")
    outcome: Outcome = Field(
        description="`valid`, or the first reason it is not: `invalid_signature` (altered or "
                    "not signed by the register), `unknown_issuer`, `revoked` (revoked, "
                    "cancelled or superseded), `suspended`, `expired`, `not_yet_valid` or "
                    "`unknown_certificate` (the register holds no such certificate).")
    checks: list[Check] = Field(description="Each check made, in order.")
    certificate: VerifiedCertificate | None = Field(
        default=None, description="The certificate the credential names; null when the "
                                  "signature fails or the register holds no such certificate.")
