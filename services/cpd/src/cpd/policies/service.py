"""Per-society CPD policies as data: versions by effective date, checked against the floors."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from cse_contracts.reference import load_societies
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.ledgers.rules import ValidityYear
from cpd.models import CpdPolicyVersion
from cpd.policies import repository
from cpd.policies.errors import NotYourSociety, PolicyInThePast, PolicyLooserThanCse, UnknownSociety
from cpd.policies.rules import PolicyTerms, check_terms, default_terms
from cpd.problems import item

# The seeded version is in force from long before the first certificate.
SEED_EFFECTIVE_FROM = date(2020, 1, 1)


def society_codes() -> set[str]:
    return {s.code for s in load_societies()}


def terms_of(version: CpdPolicyVersion) -> PolicyTerms:
    return PolicyTerms(
        hours_per_year=version.hours_per_year, fixed_credits=dict(version.fixed_credits),
        caps=dict(version.caps), pace_reminder_day=version.pace_reminder_day,
        grace_days=version.grace_days, minutes_per_hour=version.minutes_per_hour,
    )


@dataclass(frozen=True)
class PolicyBook:
    """A society's policy versions; the one in force on a day is the latest that started by
    then (and, of two with the same start, the one set last)."""

    society_code: str
    versions: Sequence[CpdPolicyVersion]

    def version_on(self, day: date) -> CpdPolicyVersion | None:
        started = [v for v in self.versions if v.effective_from <= day]
        return max(started, key=lambda v: (v.effective_from, v.seq), default=None)

    def terms_on(self, day: date) -> PolicyTerms:
        version = self.version_on(day)
        return terms_of(version) if version else default_terms(self.society_code)

    def terms_for_year(self, year: ValidityYear) -> PolicyTerms:
        """A year of validity is held to the policy in force on its first day, so a change
        "from next year" reaches each member from their next year of validity."""
        return self.terms_on(year.start)


async def policy_book(session: AsyncSession, society_code: str) -> PolicyBook:
    return PolicyBook(society_code, await repository.versions(session, society_code))


async def seed_policies(session: AsyncSession) -> None:
    present = await repository.societies_with_policies(session)
    for code in sorted(society_codes() - present):
        terms = default_terms(code)
        await repository.add(session, _version(code, SEED_EFFECTIVE_FROM, terms, "seed",
                                               "联合体默认值 / CSE defaults"))


def _version(society_code: str, effective_from: date, terms: PolicyTerms, by: str,
             note: str) -> CpdPolicyVersion:
    return CpdPolicyVersion(
        id=uuid.uuid4(), society_code=society_code, effective_from=effective_from,
        hours_per_year=terms.hours_per_year, minutes_per_hour=terms.minutes_per_hour,
        fixed_credits=dict(terms.fixed_credits), caps=dict(terms.caps),
        pace_reminder_day=terms.pace_reminder_day, grace_days=terms.grace_days, note=note,
        set_by=by, created_at=clock.now(),
    )


def check_society(society_code: str) -> None:
    if society_code not in society_codes():
        raise UnknownSociety(f"学会 {society_code} 不存在 / No society {society_code}.")


async def set_policy(session: AsyncSession, principal: Principal, society_code: str,
                     effective_from: date, terms: PolicyTerms, note: str) -> CpdPolicyVersion:
    """A new version from `effective_from` (today or later: the past is not rewritten)."""
    check_society(society_code)
    if principal.role is not Role.SOCIETY_ADMIN or principal.society != society_code:
        raise NotYourSociety(
            f"只有 {society_code} 的工作人员可以修改其继续教育政策 / Only {society_code}'s staff "
            "set its CPD policy.")
    violations = check_terms(society_code, terms)
    if violations:
        raise PolicyLooserThanCse(
            "；".join(v.message for v in violations),
            errors=[item(v.location, v.code, v.message_zh, v.message_en) for v in violations],
        )
    today = clock.today()
    if effective_from < today:
        raise PolicyInThePast(
            f"生效日期 {effective_from} 早于今天 {today}，已过去的年度不能改变 / The effective "
            f"date {effective_from} is before today ({today}); past years keep their policy.",
            errors=[item(["body", "effective_from"], "in_the_past",
                         f"生效日期 {effective_from} 早于今天 {today}",
                         f"The effective date {effective_from} is before today ({today}).")],
        )
    version = _version(society_code, effective_from, terms, principal.subject, note)
    await repository.add(session, version)
    return version
