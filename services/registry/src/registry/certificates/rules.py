"""Rules of the register, as plain functions: numbers, validity, status changes, windows."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, cast

# The words the register stores (certificates.status, certificate_changes.kind/status).
CertificateStatus = Literal["valid", "suspended", "cancelled", "revoked", "expired", "superseded"]
ChangeKind = Literal["issued", "suspended", "restored", "cancelled", "revoked", "expired",
                     "superseded", "renewed"]
# Who recorded a change by hand; null for the register's own (issue, expiry, supersession).
ActorRole = Literal["society_admin", "secretariat"]
Level = Literal["apprentice", "professional", "senior"]

LEVEL_LETTERS = {"apprentice": "A", "professional": "P", "senior": "S"}
LEVEL_RANK = {"apprentice": 1, "professional": 2, "senior": 3}
VALIDITY_YEARS = 5
# Re-registration is applied for in the 3 months before expiry [004 §4(四)].
REREGISTRATION_WINDOW_MONTHS = 3
LAST_MONTH_REMINDER_MONTHS = 1

# Statuses from which nothing moves on: revocation is final, a cancellation (注销) ends the
# registration, a superseded certificate was replaced by a higher one.
FINAL_STATUSES = frozenset({"revoked", "cancelled", "superseded"})


@dataclass(frozen=True)
class Transition:
    action: str
    allowed_from: frozenset[str]
    to: str


TRANSITIONS: dict[str, Transition] = {
    "suspend": Transition("suspend", frozenset({"valid"}), "suspended"),
    "restore": Transition("restore", frozenset({"suspended"}), "valid"),
    "cancel": Transition("cancel", frozenset({"valid", "suspended", "expired"}), "cancelled"),
    "revoke": Transition("revoke", frozenset({"valid", "suspended", "expired", "cancelled",
                                              "superseded"}), "revoked"),
}
# The history's word for each action.
CHANGE_KINDS = {"suspend": "suspended", "restore": "restored", "cancel": "cancelled",
                "revoke": "revoked"}

STATUS_WORDS: dict[str, tuple[str, str]] = {
    "valid": ("有效", "Valid"),
    "suspended": ("已暂停", "Suspended"),
    "cancelled": ("已注销", "Cancelled"),
    "revoked": ("已撤销", "Revoked"),
    "expired": ("已过期", "Expired"),
    "superseded": ("已被更高级别证书取代", "Superseded by a higher-level certificate"),
}
LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "apprentice": ("见习工程会员", "Apprentice Engineering Member"),
    "professional": ("专业工程会员", "Professional Engineering Member"),
    "senior": ("资深工程会员", "Senior Engineering Member"),
}


def certificate_number(year: int, level: str, sequence: int) -> str:
    """The CSE's unified number: `CSE-2026-P-000123` (year of issue, level, yearly sequence)."""
    return f"CSE-{year}-{LEVEL_LETTERS[level]}-{sequence:06d}"


def normalise_number(number: str) -> str:
    """Numbers are looked up case-insensitively: `cse-2026-p-000001` is `CSE-2026-P-000001`."""
    return number.strip().upper()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def validity(issued: date, years: int = VALIDITY_YEARS) -> tuple[date, date]:
    """Valid from the day of issue through the day before the same date `years` later."""
    return issued, add_months(issued, 12 * years) - timedelta(days=1)


def renewed_validity(valid_until: date) -> tuple[date, date]:
    """Re-registered: the new five years run on from the old end, not from the decision."""
    return validity(valid_until + timedelta(days=1))


def expires_on(valid_until: date) -> date:
    """The first day the certificate is no longer valid."""
    return valid_until + timedelta(days=1)


def reregistration_opens(valid_until: date) -> date:
    return add_months(expires_on(valid_until), -REREGISTRATION_WINDOW_MONTHS)


def last_month_starts(valid_until: date) -> date:
    return add_months(expires_on(valid_until), -LAST_MONTH_REMINDER_MONTHS)


def effective_status(status: str, valid_until: date, today: date) -> CertificateStatus:
    """What a certificate is today: past its end it is expired even before the nightly job."""
    if status in ("valid", "suspended") and today > valid_until:
        return "expired"
    return cast(CertificateStatus, status)


def supersedes(new_level: str, old_level: str) -> bool:
    """An upgrade replaces every lower-level certificate of the member [003 Q34]."""
    return LEVEL_RANK[new_level] > LEVEL_RANK[old_level]


class TransitionRefused(Exception):
    """The action is not possible from the certificate's current status."""


def transition(action: str, current: str) -> str:
    """The status after `action`, or TransitionRefused with the words to explain why."""
    rule = TRANSITIONS[action]
    if current == "revoked":
        raise TransitionRefused("撤销是最终状态 / Revocation is final; nothing can change it.")
    if current not in rule.allowed_from:
        zh, en = STATUS_WORDS[current]
        raise TransitionRefused(
            f"证书当前状态为“{zh}”，不能执行该操作 / The certificate is {en.lower()}; it "
            f"cannot be {CHANGE_KINDS[action]}."
        )
    return rule.to
