"""The register: public certificate lookup and a member's own certificates."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.certificates import service
from registry.certificates.schemas import CertificateOut, PublicCertificate

router = APIRouter(tags=["certificates"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]


@router.get("/v1/certificates/{number}")
async def lookup_certificate(
    number: Annotated[str, Path(max_length=40)], session: SessionDep
) -> PublicCertificate:
    """Public lookup of a certificate by its unified number; no login needed."""
    certificate = await service.lookup(session, number)
    return PublicCertificate(
        number=certificate.number, holder_name=certificate.member.name,
        society_code=certificate.society_code, level=certificate.level,
        field_code=certificate.field_code, status=certificate.status,
        valid_from=certificate.valid_from, valid_until=certificate.valid_until,
    )


@router.get("/v1/members/me/certificates")
async def my_certificates(principal: Applicant, session: SessionDep) -> list[CertificateOut]:
    """The caller's own certificates."""
    return [CertificateOut.model_validate(c)
            for c in await service.member_certificates(session, principal.subject)]
