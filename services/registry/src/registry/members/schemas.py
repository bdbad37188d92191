"""Request and response shapes of member status changes."""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints


class BanIn(BaseModel):
    """A lifetime ban [003 Q14]: false material or a breach of the code of conduct."""

    model_config = ConfigDict(extra="forbid")

    applicant_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                                   max_length=100)]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5,
                                             max_length=2000)]


class BanOut(BaseModel):
    applicant_id: str
    member_id: uuid.UUID | None
    reason: str
    barred_at: datetime
    revoked_certificates: list[str]
