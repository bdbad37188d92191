"""The certificate as an Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0), secured with
VC-JOSE (a compact JWS, `alg: EdDSA`), and its Bitstring Status List entries; plain functions.

No JSON-LD processing happens anywhere: a JOSE proof signs the bytes of the payload, so no
context document is ever loaded, let alone fetched."""

import base64
import gzip
from datetime import date, datetime, time, timedelta
from typing import Any

from kit.clock import CHINA

from registry import names
from registry.certificates.rules import LEVEL_NAMES

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# The spec's minimum (16 KiB of bits), so one entry does not single out its holder.
STATUS_LIST_BITS = 131072
PURPOSES = ("revocation", "suspension")
# What sets each purpose's bit: a certificate that can never be valid again is "revoked".
PURPOSE_STATUSES: dict[str, tuple[str, ...]] = {
    "revocation": ("revoked", "cancelled", "superseded"),
    "suspension": ("suspended",),
}
ISSUER_NAME = "中国工程师联合体 Chinese Society of Engineers (CSE)"


def issuer_id(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/v1/register/issuer"


def jwks_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/v1/register/jwks.json"


def status_list_url(base_url: str, purpose: str) -> str:
    return f"{base_url.rstrip('/')}/v1/register/status-lists/{purpose}"


def china_start(day: date) -> str:
    return datetime.combine(day, time(0, 0), CHINA).isoformat()


def china_end(day: date) -> str:
    return datetime.combine(day, time(23, 59, 59), CHINA).isoformat()


def parse_time(value: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA)


def issuer_profile(base_url: str) -> dict[str, Any]:
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": issuer_id(base_url),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": base_url.rstrip("/") + "/verify",
        "description": "工程能力评价注册证书的签发方 / Issuer of the engineering-membership "
                       "register's certificates.",
    }


def openbadge_credential(
    *, base_url: str, number: str, holder_name: str, level: str, society_code: str,
    field_code: str, specialty_code: str | None, valid_from: date, valid_until: date,
    issued_on: date, status_index: int, issued_at: datetime,
) -> dict[str, Any]:
    base = base_url.rstrip("/")
    level_zh, level_en = LEVEL_NAMES[level]
    society_zh, society_en = names.society(society_code)
    field_zh, field_en = names.field(field_code) or (field_code, field_code)
    achievement: dict[str, Any] = {
        "id": f"{base}/v1/register/achievements/{level}",
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": f"{level_zh} / {level_en}",
        "description": f"中国工程师联合体注册的{level_zh} / {level_en} on the register of the "
                       "CSE: membership and title, not a licence to practise.",
        "criteria": {"narrative": "通过获授权学会的工程能力评价并经公示、注册备案 / Passed the "
                                  "engineering capability evaluation of an authorized society, "
                                  "its public notice and the CSE's registration."},
        "fieldOfStudy": f"{field_zh} / {field_en}",
    }
    specialty = names.field(specialty_code)
    if specialty is not None:
        achievement["specialization"] = f"{specialty[0]} / {specialty[1]}"
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"{base}/verify/{number}#credential-{issued_at:%Y%m%dT%H%M%S}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(base), "type": ["Profile"], "name": ISSUER_NAME},
        "name": f"{level_en} {number}",
        "validFrom": china_start(valid_from),
        "validUntil": china_end(valid_until),
        "awardedDate": china_start(issued_on),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {"type": "IdentityObject", "identityType": "name", "hashed": False,
                 "identityHash": holder_name},
                {"type": "IdentityObject", "identityType": "identifier", "hashed": False,
                 "identityHash": number},
            ],
            "source": {"id": f"{base}/v1/register/societies/{society_code}",
                       "type": ["Profile"], "name": f"{society_zh} / {society_en}"},
            "achievement": achievement,
        },
        "credentialStatus": [
            {
                "id": f"{status_list_url(base, purpose)}#{status_index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": str(status_index),
                "statusListCredential": status_list_url(base, purpose),
            }
            for purpose in PURPOSES
        ],
    }


def encode_bitstring(indices: list[int], size: int = STATUS_LIST_BITS) -> str:
    """GZIP of the bits, first index the left-most bit, as multibase base64url (`u…`)."""
    bits = bytearray(size // 8)
    for index in indices:
        if 0 <= index < size:
            bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def bit_at(encoded: str, index: int) -> bool:
    raw = encoded.removeprefix("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(base_url: str, purpose: str, indices: list[int],
                           now: datetime) -> dict[str, Any]:
    url = status_list_url(base_url, purpose)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(base_url),
        "validFrom": now.isoformat(),
        # Verifiers refetch after this: the list changes as certificates do.
        "validUntil": (now + timedelta(days=1)).isoformat(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bitstring(indices),
        },
    }
