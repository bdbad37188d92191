"""Applications: applicants draft and submit; society staff run the formal check."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status
from kit.app import SessionDep
from kit.auth import Principal, Role, require_roles
from kit.pagination import Page, PageParams, next_cursor, page_params

from applications.application import repository, service
from applications.application.schemas import ApplicationIn, ApplicationOut, FormalCheckIn

router = APIRouter(prefix="/v1/applications", tags=["applications"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
SocietyStaff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN))]
Reader = Annotated[
    Principal, Depends(require_roles(Role.APPLICANT, Role.SOCIETY_ADMIN, Role.SECRETARIAT))
]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_application(
    payload: ApplicationIn, principal: Applicant, session: SessionDep
) -> ApplicationOut:
    """Start a draft application for a level in a field."""
    application = await service.create_application(session, principal, payload)
    return ApplicationOut.model_validate(application)


@router.get("")
async def list_applications(
    principal: Reader,
    session: SessionDep,
    params: Annotated[PageParams, Depends(page_params)],
    status_filter: Annotated[str | None, Query(alias="status")] = None,
) -> Page[ApplicationOut]:
    """Applications the caller may see: their own, or their society's, newest first."""
    rows = await repository.list_page(
        session, params, status=status_filter,
        applicant_id=principal.subject if principal.role is Role.APPLICANT else None,
        society_code=principal.society if principal.role is Role.SOCIETY_ADMIN else None,
    )
    items, cursor = next_cursor(list(rows), params)
    return Page(items=[ApplicationOut.model_validate(a) for a in items], next_cursor=cursor)


@router.get("/{application_id}")
async def get_application(
    application_id: uuid.UUID, principal: Reader, session: SessionDep
) -> ApplicationOut:
    """One application."""
    return ApplicationOut.model_validate(
        await service.get_application(session, principal, application_id)
    )


@router.post("/{application_id}/submit")
async def submit_application(
    application_id: uuid.UUID, principal: Applicant, session: SessionDep
) -> ApplicationOut:
    """Submit a draft (or a returned application after correcting it)."""
    return ApplicationOut.model_validate(await service.submit(session, principal, application_id))


@router.post("/{application_id}/formal-check")
async def formal_check(
    application_id: uuid.UUID, check: FormalCheckIn, principal: SocietyStaff, session: SessionDep
) -> ApplicationOut:
    """The society's formal check (初审): accept, or return with reasons."""
    return ApplicationOut.model_validate(
        await service.formal_check(session, principal, application_id, check)
    )
