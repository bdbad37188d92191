"""Response shapes of the register."""

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict


class CertificateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    number: str
    society_code: str
    level: str
    field_code: str
    status: str
    valid_from: date
    valid_until: date


class PublicCertificate(BaseModel):
    """What anyone may see when verifying a certificate (公开查询)."""

    number: str
    holder_name: str
    society_code: str
    level: str
    field_code: str
    status: str
    valid_from: date
    valid_until: date
