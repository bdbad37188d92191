"""Mutual recognition (国际互认): a member asks, the secretariat refers them with their record,
the partner body records its outcome [DOMAIN §9, 003 Q30]."""

import uuid

from cse_contracts.events import ReferralDecided, ReferralRequested, ReferralSent
from kit import clock
from kit.auth import Principal, Role
from kit.pagination import Page, PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import service as certificates
from registry.certificates.rules import effective_status
from registry.events import outbox
from registry.models import RecognitionAgreement, Referral
from registry.recognition import repository
from registry.recognition.errors import (
    AgreementNotFound,
    NotYourReferral,
    ReferralNotAllowed,
    ReferralNotFound,
)
from registry.recognition.schemas import (
    AgreementIn,
    AgreementOut,
    OutcomeIn,
    PartnerOut,
    ReferIn,
    ReferralCount,
    ReferralIn,
    ReferralOut,
)


async def partners(session: AsyncSession) -> list[PartnerOut]:
    agreements = await repository.agreements(session)
    return [
        PartnerOut(code=p.code, name_en=p.name_en, name_zh=p.name_zh, country=p.country,
                   agreements=[AgreementOut.model_validate(a) for a in agreements
                               if a.partner_code == p.code])
        for p in await repository.partners(session)
    ]


async def add_agreement(session: AsyncSession, partner_code: str, body: AgreementIn
                        ) -> AgreementOut:
    partner = await repository.partner(session, partner_code.upper())
    if partner is None:
        raise AgreementNotFound(f"没有境外组织 {partner_code} / No partner {partner_code}.")
    existing = await repository.agreement_by_code(session, body.code)
    if existing is not None and existing.partner_code != partner.code:
        raise ReferralNotAllowed(f"协议编号 {body.code} 已被使用 / Code {body.code} is taken.")
    row = existing or RecognitionAgreement(id=uuid.uuid4(), code=body.code,
                                           partner_code=partner.code)
    row.title, row.recognition, row.scope = body.title, body.recognition, body.scope
    row.levels, row.signed_on, row.status = list(body.levels), body.signed_on, body.status
    if existing is None:
        session.add(row)
    await session.flush()
    return AgreementOut.model_validate(row)


def _describe(referral: Referral, agreement_code: str) -> ReferralOut:
    certificate = referral.certificate
    return ReferralOut(
        id=referral.id, status=referral.status, partner_code=referral.partner_code,
        agreement_code=agreement_code, certificate_number=certificate.number,
        holder_name=referral.member.name, level=certificate.level,
        field_code=certificate.field_code, society_code=certificate.society_code,
        certificate_status=effective_status(certificate.status, certificate.valid_until,
                                            clock.today()),
        valid_from=certificate.valid_from, valid_until=certificate.valid_until,
        purpose=referral.purpose, requested_at=referral.requested_at,
        referred_at=referral.referred_at, covering_note=referral.covering_note,
        granted_title=referral.granted_title, partner_number=referral.partner_number,
        decided_on=referral.decided_on, refusal_reason=referral.refusal_reason,
    )


async def _codes(session: AsyncSession) -> dict[uuid.UUID, str]:
    return {a.id: a.code for a in await repository.agreements(session)}


async def request(session: AsyncSession, principal: Principal, body: ReferralIn
                  ) -> ReferralOut:
    certificate = await certificates.get(session, body.certificate_number)
    certificates.ensure_can_read(principal, certificate)
    agreement = await repository.agreement_by_code(session, body.agreement_code)
    if agreement is None:
        raise AgreementNotFound(
            f"没有互认协议 {body.agreement_code} / No agreement {body.agreement_code}.")
    if agreement.status != "active":
        raise ReferralNotAllowed(f"协议 {agreement.code} 当前不生效 / Agreement not active.")
    if effective_status(certificate.status, certificate.valid_until, clock.today()) != "valid":
        raise ReferralNotAllowed(
            "只有有效证书的持有人可申请互认推荐 / Only a valid certificate can be referred.")
    if certificate.level not in agreement.levels:
        raise ReferralNotAllowed(
            f"协议 {agreement.code} 不涵盖 {certificate.level} 级别 / The agreement does not "
            f"cover the {certificate.level} level; it covers {', '.join(agreement.levels)}.")
    if await repository.open_referral(session, certificate.member_id, agreement.id):
        raise ReferralNotAllowed(
            "该协议下已有推荐在办或已获认可 / A referral under this agreement is open or "
            "granted already.")
    referral = Referral(
        id=uuid.uuid4(), member_id=certificate.member_id, applicant_id=principal.subject,
        certificate_id=certificate.id, partner_code=agreement.partner_code,
        agreement_id=agreement.id, status="requested", purpose=body.purpose,
        requested_at=clock.now(),
    )
    referral.certificate, referral.member = certificate, certificate.member
    session.add(referral)
    await outbox.emit(session, ReferralRequested(
        referral_id=referral.id, applicant_id=referral.applicant_id,
        certificate_number=certificate.number, partner_code=referral.partner_code,
        agreement_code=agreement.code), subject=f"referrals/{referral.id}")
    await session.flush()
    return _describe(referral, agreement.code)


async def listing(session: AsyncSession, principal: Principal, status: str | None,
                  params: PageParams) -> Page[ReferralOut]:
    statuses = [status] if status else None
    partner_code = applicant_id = None
    if principal.role is Role.PARTNER:
        # A partner sees what was addressed to it, never what members only asked for.
        partner_code = (principal.organisation or "").upper()
        statuses = [s for s in (statuses or ["referred", "granted", "refused"])
                    if s != "requested"]
    elif principal.role is Role.APPLICANT:
        applicant_id = principal.subject
    codes = await _codes(session)
    rows, cursor = await repository.referrals(session, partner_code=partner_code,
                                              applicant_id=applicant_id,
                                              statuses=statuses, params=params)
    return Page(items=[_describe(r, codes[r.agreement_id]) for r in rows], next_cursor=cursor)


async def _referral(session: AsyncSession, referral_id: uuid.UUID) -> Referral:
    referral = await repository.referral(session, referral_id, for_update=True)
    if referral is None:
        raise ReferralNotFound(f"没有推荐 {referral_id} / No referral {referral_id}.")
    return referral


async def refer(session: AsyncSession, principal: Principal, referral_id: uuid.UUID,
                body: ReferIn) -> ReferralOut:
    referral = await _referral(session, referral_id)
    if referral.status != "requested":
        raise ReferralNotAllowed(f"该推荐已是 {referral.status} / Already {referral.status}.")
    if effective_status(referral.certificate.status, referral.certificate.valid_until,
                        clock.today()) != "valid":
        raise ReferralNotAllowed("证书已不再有效 / The certificate is no longer valid.")
    referral.status, referral.referred_at = "referred", clock.now()
    referral.referred_by, referral.covering_note = principal.subject, body.covering_note
    code = (await _codes(session))[referral.agreement_id]
    await outbox.emit(session, ReferralSent(
        referral_id=referral.id, applicant_id=referral.applicant_id,
        certificate_number=referral.certificate.number, partner_code=referral.partner_code,
        agreement_code=code, referred_at=referral.referred_at), subject=f"referrals/{referral.id}")
    await session.flush()
    return _describe(referral, code)


async def record_outcome(session: AsyncSession, principal: Principal, referral_id: uuid.UUID,
                         body: OutcomeIn) -> ReferralOut:
    referral = await _referral(session, referral_id)
    if referral.partner_code != (principal.organisation or "").upper():
        raise NotYourReferral("该推荐不是发给贵机构的 / This referral is not addressed to you.")
    if referral.status != "referred":
        raise ReferralNotAllowed(f"该推荐当前为 {referral.status} / It is {referral.status}.")
    referral.status = body.outcome
    referral.granted_title, referral.partner_number = body.granted_title, body.partner_number
    referral.decided_on, referral.refusal_reason = body.decided_on, body.reason
    referral.recorded_by = principal.subject
    code = (await _codes(session))[referral.agreement_id]
    await outbox.emit(session, ReferralDecided(
        referral_id=referral.id, applicant_id=referral.applicant_id,
        certificate_number=referral.certificate.number, partner_code=referral.partner_code,
        agreement_code=code, outcome=body.outcome, granted_title=body.granted_title,
        partner_number=body.partner_number, decided_on=body.decided_on, reason=body.reason,
    ), subject=f"referrals/{referral.id}")
    await session.flush()
    return _describe(referral, code)


async def counts(session: AsyncSession) -> list[ReferralCount]:
    """Per partner and agreement, for the pilot reports (bilateral recognitions)."""
    codes = await _codes(session)
    table: dict[tuple[str, str], dict[str, int]] = {}
    for agreement in await repository.agreements(session):
        table[(agreement.partner_code, agreement.code)] = dict.fromkeys(
            ("requested", "referred", "granted", "refused"), 0)
    for partner_code, agreement_id, status, number in await repository.counts(session):
        table[(partner_code, codes[agreement_id])][status] = number
    return [ReferralCount(partner_code=p, agreement_code=a, **values)
            for (p, a), values in sorted(table.items())]
