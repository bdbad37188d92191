"""Signing the certificate's credential, the status lists, and verifying a credential."""

from typing import Any

import jwt
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession

from registry.certificates import repository
from registry.certificates.rules import STATUS_WORDS, effective_status
from registry.credentials import rules
from registry.credentials.keys import SigningKey
from registry.credentials.schemas import Check, Outcome, VerificationOut, VerifiedCertificate
from registry.models import Certificate

MEDIA_TYPE = "application/vc+jwt"


def sign(payload: dict[str, Any], key: SigningKey) -> str:
    """VC-JOSE: the credential is the JWT claims set, `typ: vc+jwt`, `cty: vc`."""
    return jwt.encode(payload, key.private, algorithm="EdDSA",
                      headers={"kid": key.kid, "typ": "vc+jwt", "cty": "vc"})


def credential_for(certificate: Certificate, base_url: str, key: SigningKey) -> str:
    """A fresh credential of the certificate as it is now (new validity after re-registration)."""
    payload = rules.openbadge_credential(
        base_url=base_url, number=certificate.number, holder_name=certificate.member.name,
        level=certificate.level, society_code=certificate.society_code,
        field_code=certificate.field_code, specialty_code=certificate.specialty_code,
        valid_from=certificate.valid_from, valid_until=certificate.valid_until,
        issued_on=certificate.issued_on, status_index=certificate.status_index,
        issued_at=clock.now(),
    )
    return sign(payload, key)


async def status_list(session: AsyncSession, base_url: str, purpose: str, key: SigningKey
                      ) -> str:
    # Expiry is no bit: a verifier reads it from the credential's own validUntil.
    indices = await repository.status_indices(session, rules.PURPOSE_STATUSES[purpose])
    return sign(rules.status_list_credential(base_url, purpose, indices, clock.now()), key)


def _check(name: str, ok: bool, zh: str, en: str) -> Check:
    return Check(check=name, ok=ok, detail_zh=zh, detail_en=en)


def _skipped(name: str) -> Check:
    return _check(name, False, "因签名无效未检查", "Not checked: the signature is invalid.")


async def verify(session: AsyncSession, token: str, base_url: str, key: SigningKey
                 ) -> VerificationOut:
    """Signature, then issuer, status (from the register, as the status lists say) and expiry."""
    try:
        header = jwt.get_unverified_header(token)
        payload: dict[str, Any] = jwt.decode(
            token, key.public, algorithms=["EdDSA"],
            options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                     "verify_aud": False, "verify_iss": False},
        )
        if header.get("kid") != key.kid:
            raise jwt.InvalidSignatureError("unknown key id")
    except jwt.PyJWTError as exc:
        checks = [_check("signature", False,
                         "签名无效：凭证被篡改，或非本注册机构签发",
                         f"The signature does not verify ({exc}): the credential was altered "
                         "or not signed by the register's key.")]
        checks += [_skipped(name) for name in ("issuer", "status", "expiry")]
        return VerificationOut(verified=False, outcome="invalid_signature", checks=checks)

    checks = [_check("signature", True, "签名有效（Ed25519，密钥见 JWKS）",
                     f"The EdDSA (Ed25519) signature verifies with key {key.kid} of the "
                     "register's JWKS.")]
    outcomes: list[Outcome] = []
    issuer = payload.get("issuer")
    issuer_value = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_value == rules.issuer_id(base_url):
        checks.append(_check("issuer", True, "签发方为中国工程师联合体注册机构",
                             f"Issued by the CSE register ({issuer_value})."))
    else:
        checks.append(_check("issuer", False, "签发方不是本注册机构",
                             f"The issuer {issuer_value!r} is not the CSE register."))
        outcomes.append("unknown_issuer")

    certificate = await _certificate_of(session, payload)
    now = clock.now()
    described: VerifiedCertificate | None = None
    if certificate is None:
        checks.append(_check("status", False, "登记簿中没有该证书",
                             "The register holds no certificate for this credential."))
        outcomes.append("unknown_certificate")
    else:
        status = effective_status(certificate.status, certificate.valid_until, clock.today())
        zh, en = STATUS_WORDS[status]
        since = certificate.status_since.isoformat()
        described = VerifiedCertificate.model_validate({
            "number": certificate.number, "holder_name": certificate.member.name,
            "level": certificate.level, "society_code": certificate.society_code,
            "status": status, "status_since": certificate.status_since,
            "valid_until": certificate.valid_until})
        if certificate.status in rules.PURPOSE_STATUSES["revocation"]:
            checks.append(_check("status", False, f"状态列表：{zh}（自 {since} 起）",
                                 f"Status list: {en.lower()} since {since}."))
            outcomes.append("revoked")
        elif certificate.status in rules.PURPOSE_STATUSES["suspension"]:
            checks.append(_check("status", False, f"状态列表：{zh}（自 {since} 起）",
                                 f"Status list: suspended since {since}."))
            outcomes.append("suspended")
        else:
            checks.append(_check("status", True, "状态列表：未撤销、未暂停",
                                 "Status lists: neither revoked nor suspended."))

    valid_from = rules.parse_time(payload.get("validFrom"))
    valid_until = rules.parse_time(payload.get("validUntil"))
    if valid_until is None or valid_until < now:
        checks.append(_check("expiry", False, f"凭证已于 {payload.get('validUntil')} 过期",
                             f"The credential expired at {payload.get('validUntil')}."))
        outcomes.append("expired")
    elif valid_from is not None and valid_from > now:
        checks.append(_check("expiry", False, f"凭证自 {payload.get('validFrom')} 起生效",
                             f"The credential is valid only from {payload.get('validFrom')}."))
        outcomes.append("not_yet_valid")
    else:
        checks.append(_check("expiry", True, f"在有效期内，至 {payload.get('validUntil')}",
                             f"Within its validity, until {payload.get('validUntil')}."))
    return VerificationOut(verified=not outcomes, outcome=outcomes[0] if outcomes else "valid",
                           checks=checks, certificate=described)


async def _certificate_of(session: AsyncSession, payload: dict[str, Any]) -> Certificate | None:
    """The certificate the credential's status entry points at (its index in the lists)."""
    entries = payload.get("credentialStatus") or []
    if isinstance(entries, dict):
        entries = [entries]
    for entry in entries:
        try:
            index = int(entry.get("statusListIndex"))
        except (AttributeError, TypeError, ValueError):
            continue
        return await repository.get_certificate_by_status_index(session, index)
    return None

