"""Certificates: public lookup, the holder's own, life after issue, history and documents."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response
from kit.app import SessionDep
from kit.auth import Principal, Role
from kit.dependencies import page_params, require_roles
from kit.documents import XLSX, table_workbook
from kit.pagination import Page, PageParams

from registry.certificates import repository, service
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
Number = Annotated[str, Path(max_length=40, description=(
    "The certificate's unified number, e.g. `CSE-2026-P-000123`; any case."))]


@router.get("/v1/certificates/export.xlsx", response_class=Response, responses={200: {
    "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    "description": "The society's certificates and their statuses as an Excel workbook"}})
async def export_certificates(
    principal: Staff, session: SessionDep,
    society: Annotated[str | None, Query(
        max_length=20, description="Society code, e.g. `cces`: the secretariat's choice (all "
                                   "societies when left out); society staff always get their "
                                   "own")] = None,
) -> Response:
    """Your society's certificates and their statuses as Excel (any society for the
    secretariat); text that looks like a formula stays text."""
    if principal.role is Role.SOCIETY_ADMIN:
        society = principal.society
    rows = await repository.society_certificates(session, society)
    content = table_workbook("证书 Certificates", CERTIFICATE_HEADINGS, (
        (c.number, c.member.name, c.society_code, LEVEL_WORDS.get(c.level, c.level),
         c.field_code, STATUS_WORDS.get(c.status, c.status), c.status_since.isoformat(),
         c.valid_from.isoformat(), c.valid_until.isoformat(), c.renewals)
        for c in rows))
    return Response(content, media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="certificates.xlsx"'})


CERTIFICATE_HEADINGS = (
    ("证书编号", "Number"), ("持证人", "Holder"), ("学会", "Society"), ("级别", "Level"),
    ("领域", "Field"), ("状态", "Status"), ("状态起始", "Status since"),
    ("有效期自", "Valid from"), ("有效期至", "Valid until"), ("再注册次数", "Renewals"),
)
LEVEL_WORDS = {"apprentice": "见习工程会员 / Apprentice", "professional": "专业工程会员 / "
               "Professional", "senior": "资深工程会员 / Senior"}
STATUS_WORDS = {"valid": "有效 / valid", "suspended": "暂停 / suspended",
                "cancelled": "注销 / cancelled", "revoked": "撤销 / revoked",
                "expired": "过期 / expired", "superseded": "已被取代 / superseded"}


@router.get("/v1/certificates/{number}")
async def lookup_certificate(number: Number, session: SessionDep) -> PublicCertificate:
    """Public lookup of a certificate by its unified number (any case); no login needed."""
    return public_view(await service.get(session, number))


@router.get("/v1/members/me/certificates")
async def my_certificates(principal: Applicant, session: SessionDep,
                          params: Annotated[PageParams, Depends(page_params)]
                          ) -> Page[CertificateOut]:
    """The caller's own certificates, newest first, whatever their status."""
    rows, cursor = await repository.member_certificates_page(session, principal.subject, params)
    return Page(items=[CertificateOut.model_validate(c) for c in rows], next_cursor=cursor)


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
