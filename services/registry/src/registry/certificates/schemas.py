"""Request and response shapes of the register."""

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from kit.types import Day
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from registry.certificates.rules import ActorRole, CertificateStatus, ChangeKind, Level

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=2000)]

CHANGE_KIND = ("What happened: `issued`, `suspended`, `restored`, `cancelled`, `revoked`, "
               "`expired`, `superseded` (a higher-level certificate replaced it) or `renewed` "
               "(re-registered).")
NUMBER = ("The CSE's unified certificate number (统一编号), `CSE-<year of issue>-<A|P|S>-<6-digit "
          "yearly sequence>`, e.g. `CSE-2026-P-000123`; looked up in any case.")
SOCIETY = ("Code of the authorised national society (学会) that evaluated the holder and keeps "
           "the certificate, e.g. `cces` (reference data: contracts/reference/societies).")
LEVEL = ("Membership level the certificate attests: `apprentice` (见习工程会员), `professional` "
         "(专业工程会员) or `senior` (资深工程会员).")
FIELD = ("Code of the engineering field (专业领域) of the evaluation, e.g. `civil` (reference "
         "data: contracts/reference/fields).")
SPECIALTY = ("Code of the specialty (专业方向) within the field; null when the evaluation named "
             "none.")
STATUS = ("The certificate's status today: `valid` (有效), `suspended` (暂停), `cancelled` "
          "(注销), `revoked` (撤销, final), `expired` (past `valid_until` without "
          "re-registration) or `superseded` (replaced by the holder's higher-level certificate). "
          "Past `valid_until` a valid or suspended certificate reads `expired` even before the "
          "nightly job records it.")
STATUS_SINCE = "China date (YYYY-MM-DD) from which the current status holds."
VALID_FROM = ("China date (YYYY-MM-DD) the current five-year validity starts; after a "
              "re-registration, the day after the previous end.")
VALID_UNTIL = "Last China date (YYYY-MM-DD) of the current five-year validity, inclusive."


class CertificateOut(BaseModel):
    """A certificate as its holder, its society and the CSE see it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Identifier of the certificate record (UUID).")
    number: str = Field(description=NUMBER)
    society_code: str = Field(description=SOCIETY)
    level: Level = Field(description=LEVEL)
    field_code: str = Field(description=FIELD)
    specialty_code: str | None = Field(description=SPECIALTY)
    status: CertificateStatus = Field(
        description="The status the register recorded: `valid`, `suspended`, `cancelled`, "
                    "`revoked`, `expired` or `superseded` (see the public lookup for meanings).")
    status_since: date = Field(description=STATUS_SINCE)
    issued_on: date = Field(description="China date (YYYY-MM-DD) the certificate was first "
                                        "issued; re-registration keeps it.")
    valid_from: date = Field(description=VALID_FROM)
    valid_until: date = Field(description=VALID_UNTIL)
    renewals: int = Field(description="How many times the certificate was re-registered "
                                      "(再注册), each adding five years; 0 when never.")


class PublicCertificate(BaseModel):
    """What anyone may see when verifying a certificate (公开查询): the consented fields only."""

    number: str = Field(description=NUMBER)
    holder_name: str = Field(description="The holder's full name as registered.")
    society_code: str = Field(description=SOCIETY)
    level: Level = Field(description=LEVEL)
    field_code: str = Field(description=FIELD)
    specialty_code: str | None = Field(description=SPECIALTY)
    status: CertificateStatus = Field(description=STATUS)
    status_since: date = Field(
        description=STATUS_SINCE + " For a certificate expired by date alone, the day after "
                                   "`valid_until`.")
    valid_from: date = Field(description=VALID_FROM)
    valid_until: date = Field(description=VALID_UNTIL)
    employer: str | None = Field(
        default=None, description="The holder's employer (工作单位); null unless the holder "
                                  "consented to show it.")
    contact_email: str | None = Field(
        default=None, description="The holder's contact e-mail address; null unless the holder "
                                  "consented to show it.")


class StatusChangeIn(BaseModel):
    """Suspend (暂停), restore (恢复), cancel (注销) or revoke (撤销) [003 Q31]."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "action": "suspend",
        "reason": "持证人正在接受纪律调查 / The holder is under a disciplinary investigation",
        "effective_on": "2026-11-30",
    }]})

    action: Literal["suspend", "restore", "cancel", "revoke"] = Field(
        description="`suspend` a valid certificate, `restore` a suspended one before it ends, "
                    "`cancel` (注销) a valid, suspended or expired one, or `revoke` (撤销, final) "
                    "any that is not yet revoked.")
    reason: Reason = Field(description="Why, 4 to 2000 characters; shown in the certificate's "
                                       "history and sent to the holder.")
    effective_on: Day | None = Field(
        default=None,
        description="China date (YYYY-MM-DD) the change takes effect; today when left out. "
                    "Never in the future, nor before the current status's `status_since`.")


class ChangeOut(BaseModel):
    """One entry of a certificate's history."""

    model_config = ConfigDict(from_attributes=True)

    seq: int = Field(description="Position of the change in the register's public change feed "
                                 "(increasing, never reused).")
    kind: ChangeKind = Field(
        description=CHANGE_KIND)
    status: CertificateStatus = Field(description="The certificate's status after the change.")
    previous_status: CertificateStatus | None = Field(
        description="The status before the change; null for `issued`.")
    reason: str = Field(description="The reason recorded with the change, usually bilingual "
                                    "(中文 / English).")
    effective_on: date = Field(description="China date (YYYY-MM-DD) the change took effect.")
    valid_until: date = Field(description="The certificate's `valid_until` after the change.")
    actor_role: ActorRole | None = Field(
        description="Role of the person who recorded it: `society_admin` or `secretariat`; "
                    "null when the register itself did (issue, expiry, supersession).")
    created_at: datetime = Field(description="When the register recorded it (ISO 8601 "
                                             "date-time with offset).")


class HistoryOut(BaseModel):
    """A certificate and every change it went through."""

    certificate: CertificateOut = Field(description="The certificate as it is now.")
    changes: list[ChangeOut] = Field(description="Every change, oldest first, from `issued`.")
