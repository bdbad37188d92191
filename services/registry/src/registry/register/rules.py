"""Rules of the public register and the verification page, as plain functions."""

from typing import Literal

Language = Literal["zh", "en"]
MAX_PAGE = 20
MAX_FEED_PAGE = 500


def language(query: str | None, accept_language: str | None) -> Language:
    """`?lang=` wins; else the first language the browser asks for (English or Chinese).

    nginx's micro-cache keys on the same rule (gateway/nginx.py), so keep the two alike."""
    if query in ("zh", "en"):
        return query  # type: ignore[return-value]
    if accept_language and accept_language.strip().lower().startswith("en"):
        return "en"
    return "zh"


STATUS_TONE = {"valid": "ok", "suspended": "warn", "expired": "warn", "cancelled": "bad",
               "revoked": "bad", "superseded": "warn"}

EXPLANATIONS: dict[str, tuple[str, str]] = {
    "valid": ("该证书有效，持证人是在册的工程会员。",
              "This certificate is valid: the holder is on the register."),
    "suspended": ("该证书已被暂停，暂停期间不能作为工程会员资格证明。",
                  "This certificate is suspended: it does not prove membership meanwhile."),
    "cancelled": ("该证书已被注销，不再有效。", "This certificate was cancelled; it is no longer "
                  "valid."),
    "revoked": ("该证书已被撤销，永久无效。", "This certificate was revoked; it is void for good."),
    "expired": ("该证书已过有效期，持证人未完成再注册。",
                "This certificate has expired; the holder has not re-registered."),
    "superseded": ("该证书已被持证人更高级别的证书取代。",
                   "This certificate was replaced by the holder's higher-level certificate."),
}
