"""The append-only audit trail: every score, review, decision and reassignment, by whom."""

import uuid
from typing import Any

from kit import clock
from kit.auth import Principal
from pydantic_core import to_jsonable_python
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.models import AuditEntry

SYSTEM = "system"


async def record(
    session: AsyncSession,
    action: str,
    *,
    principal: Principal | None = None,
    actor: str | None = None,
    role: str | None = None,
    case_id: uuid.UUID | None = None,
    society_code: str | None = None,
    **details: Any,
) -> None:
    """Append one entry; `principal` (or `actor`/`role` for events and jobs) says who."""
    session.add(AuditEntry(
        id=uuid.uuid4(),
        case_id=case_id,
        society_code=society_code,
        actor=principal.subject if principal else (actor or SYSTEM),
        role=principal.role.value if principal else (role or SYSTEM),
        action=action,
        details=to_jsonable_python(details),
        at=clock.now(),
    ))
