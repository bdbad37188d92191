"""Response shapes of the in-app inbox."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict


class NotificationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    subject: str | None
    title_zh: str
    title_en: str
    created_at: datetime
    read_at: datetime | None
