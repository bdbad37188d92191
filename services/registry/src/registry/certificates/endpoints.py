"""Certificates: public lookup, the holder's own, life after issue, history and documents."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import require_roles

from registry.certificates import service
from registry.certificates.schemas import (
    CertificateOut,
    ChangeOut,
    HistoryOut,
    PublicCertificate,
    StatusChangeIn,
)
from registry.credentials import service as credentials
from registry.credentials.endpoints import KeyDep, SettingsDep
from registry.register.service import public_view

router = APIRouter(tags=["certificates"])

Applicant = Annotated[Principal, Depends(require_roles(Role.APPLICANT))]
Staff = Annotated[Principal, Depends(require_roles(Role.SOCIETY_ADMIN, Role.SECRETARIAT))]
Reader = Annotated[Principal, Depends(require_roles(
    Role.APPLICANT, Role.SOCIETY_ADMIN, Role.SECRETARIAT, Role.SUPERVISION))]
Number = Annotated[str, Path(max_length=40)]


@router.get("/v1/certificates/{number}")
async def lookup_certificate(number: Number, session: SessionDep) -> PublicCertificate:
    """Public lookup of a certificate by its unified number (any case); no login needed."""
    return public_view(await service.get(session, number))


@router.get("/v1/members/me/certificates")
async def my_certificates(principal: Applicant, session: SessionDep) -> list[CertificateOut]:
    """The caller's own certificates."""
    return [CertificateOut.model_validate(c)
            for c in await service.member_certificates(session, principal.subject)]


@router.post("/v1/certificates/{number}/status-changes")
async def change_certificate_status(number: Number, change: StatusChangeIn, principal: Staff,
                                    session: SessionDep) -> CertificateOut:
    """Suspend, restore, cancel or revoke, with a reason and an effective date (public)."""
    return CertificateOut.model_validate(
        await service.change_status(session, principal, number, change))


@router.get("/v1/certificates/{number}/history")
async def certificate_history(number: Number, principal: Reader, session: SessionDep
                              ) -> HistoryOut:
    """Every change of the certificate, with reasons: for the holder, its society, the CSE."""
    certificate, changes = await service.history(session, principal, number)
    return HistoryOut(certificate=CertificateOut.model_validate(certificate),
                      changes=[ChangeOut.model_validate(c) for c in changes])


@router.get("/v1/certificates/{number}/certificate.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
async def certificate_pdf(number: Number, principal: Reader, session: SessionDep,
                          config: SettingsDep) -> Response:
    """The certificate as a PDF in the CSE's unified format, with its verification QR code."""
    # Imported here: reportlab and its font stay out of a process that never renders a PDF.
    from registry.certificates import document

    certificate = await service.get(session, number)
    service.ensure_can_read(principal, certificate)
    body = document.render(certificate, config.public_base_url,
                           await service.reissued_on(session, certificate))
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{certificate.number}.pdf"',
        "Cache-Control": "private, no-store",
    })


@router.get("/v1/certificates/{number}/credential", response_class=Response,
            responses={200: {"content": {credentials.MEDIA_TYPE: {}}}})
async def certificate_credential(number: Number, principal: Reader, session: SessionDep,
                                 key: KeyDep, config: SettingsDep) -> Response:
    """The certificate as a signed Open Badges 3.0 credential (VC-JOSE, `application/vc+jwt`)."""
    certificate = await service.get(session, number)
    service.ensure_can_read(principal, certificate)
    token = credentials.credential_for(certificate, config.public_base_url, key)
    return Response(token, media_type=credentials.MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{certificate.number}.jwt"',
        "Cache-Control": "private, no-store",
    })
