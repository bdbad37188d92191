"""Gathers what the eligibility rules need for one application and runs them."""

from kit import clock
from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncSession

from applications.applicants.schemas import (
    Education,
    InternationalTitle,
    Membership,
    ProfessionalTitle,
    WorkPeriod,
)
from applications.application.rules import china_date
from applications.bans import repository as bans
from applications.eligibility import repository
from applications.eligibility.policies import policy_for
from applications.eligibility.rules import Assessment, EligibilityInput, HeldCertificateFact, assess
from applications.models import ApplicantProfile, Application
from applications.recommendations import repository as recommendations

_education = TypeAdapter(list[Education])
_work = TypeAdapter(list[WorkPeriod])
_titles = TypeAdapter(list[ProfessionalTitle])
_international = TypeAdapter(list[InternationalTitle])
_memberships = TypeAdapter(list[Membership])


async def assess_application(
    session: AsyncSession, application: Application, profile: ApplicantProfile | None
) -> Assessment:
    certificates = await repository.certificates_of(session, application.applicant_id)
    barred = await bans.is_barred(
        session, application.applicant_id, profile.id_number_index if profile else None
    )
    section = None
    if application.candidate_id is not None:
        candidate = await recommendations.get_candidate(session, application.candidate_id)
        section = candidate.section if candidate is not None else None
    data = EligibilityInput(
        level=application.level,
        society_code=application.society_code,
        policy=policy_for(application.society_code),
        today=china_date(clock.now()),
        education=_education.validate_python(profile.education) if profile else [],
        work_history=_work.validate_python(profile.work_history) if profile else [],
        professional_titles=_titles.validate_python(profile.professional_titles)
        if profile else [],
        international_titles=_international.validate_python(profile.international_titles)
        if profile else [],
        memberships=_memberships.validate_python(profile.memberships) if profile else [],
        certificates=[HeldCertificateFact(c.level, c.valid_from, c.valid_until)
                      for c in certificates],
        barred=barred,
        recommendation_section=section,
    )
    return assess(data)
