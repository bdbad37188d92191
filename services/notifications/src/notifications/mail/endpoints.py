"""The e-mail delivery log, for the secretariat that operates the platform."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.pagination import Page, PageParams, next_cursor

from notifications.mail import repository, rules
from notifications.mail.schemas import MailAttemptOut, MailOut

router = APIRouter(prefix="/v1/notifications/mail", tags=["notifications"])

Secretariat = Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))]


@router.get("")
async def mail_log(
    principal: Secretariat, session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status: Annotated[Literal["queued", "sent", "failed"] | None, Query(
        description="Only e-mails in this state: `queued` (waiting to be sent or retried), "
                    "`sent` or `failed`; absent for all")] = None,
) -> Page[MailOut]:
    """Every e-mail the platform queued, newest first, with each attempt (addresses masked)."""
    rows, cursor = next_cursor(list(await repository.page(session, params, status)), params)
    log: dict[object, list[MailAttemptOut]] = {row.id: [] for row in rows}
    for attempt in await repository.attempts_of(session, [row.id for row in rows]):
        log[attempt.message_id].append(MailAttemptOut.model_validate(attempt))
    return Page(items=[MailOut(
        id=row.id, kind=row.kind, to=rules.mask_address(row.to_address), language=row.language,
        subject=row.subject_line, status=row.status, attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if row.status == "queued" else None,
        last_error=row.last_error, created_at=row.created_at, sent_at=row.sent_at,
        log=log[row.id]) for row in rows], next_cursor=cursor)
