"""Applicant profiles: one per account, identity number and mobile encrypted at rest."""

from kit.auth import Principal
from kit.crypto import cipher
from kit.masking import mask_middle, mask_phone
from sqlalchemy.ext.asyncio import AsyncSession

from applications.applicants import repository
from applications.applicants.errors import IdentityInUse, ProfileNotFound
from applications.applicants.schemas import ProfileIn, ProfileOut
from applications.models import ApplicantProfile


def identity_index(id_type: str, id_number: str) -> str:
    """Blind index of an identity document; the same formula the recommendations use for
    resident ID numbers, so an engineer is recognised across both."""
    if id_type == "cn_ric":
        return cipher().blind_index(f"identity|{id_number.upper()}")
    return cipher().blind_index(f"identity|{id_type}|{id_number.upper()}")


async def get_profile(session: AsyncSession, applicant_id: str) -> ApplicantProfile:
    profile = await repository.get(session, applicant_id)
    if profile is None:
        raise ProfileNotFound(
            "尚未填写申请人信息，请先 PUT /v1/applicants/me / No applicant profile yet; "
            "PUT /v1/applicants/me first."
        )
    return profile


async def save_profile(session: AsyncSession, principal: Principal, data: ProfileIn
                       ) -> ApplicantProfile:
    index = identity_index(data.id_type, data.id_number)
    holder = await repository.by_identity(session, index)
    if holder is not None and holder.applicant_id != principal.subject:
        raise IdentityInUse(
            "该证件号码已被其他账户使用；如有疑问请联系学会 / This identity document is already "
            "used by another account; contact the society if this is a mistake."
        )
    profile = await repository.get(session, principal.subject)
    if profile is None:
        profile = ApplicantProfile(applicant_id=principal.subject)
        session.add(profile)
    profile.name = data.name
    profile.id_type = data.id_type
    profile.id_number = data.id_number
    profile.id_number_index = index
    profile.nationality = data.nationality
    profile.mobile = data.mobile
    profile.mobile_index = cipher().blind_index(f"mobile|{data.mobile}")
    profile.email = data.email
    profile.education = [e.model_dump(mode="json") for e in data.education]
    profile.work_history = [w.model_dump(mode="json") for w in data.work_history]
    profile.professional_titles = [t.model_dump(mode="json") for t in data.professional_titles]
    profile.international_titles = [t.model_dump(mode="json") for t in data.international_titles]
    profile.memberships = [m.model_dump(mode="json") for m in data.memberships]
    await session.flush()
    await session.refresh(profile)
    return profile


def snapshot(profile: ApplicantProfile) -> dict[str, object]:
    """The profile as submitted with an application (the identity number stays out of it)."""
    return {
        "name": profile.name,
        "id_type": profile.id_type,
        "nationality": profile.nationality,
        "email": profile.email,
        "education": profile.education,
        "work_history": profile.work_history,
        "professional_titles": profile.professional_titles,
        "international_titles": profile.international_titles,
        "memberships": profile.memberships,
    }


def profile_out(profile: ApplicantProfile, *, masked: bool) -> ProfileOut:
    return ProfileOut.model_validate({
        "applicant_id": profile.applicant_id,
        "name": profile.name,
        "id_type": profile.id_type,
        "id_number": mask_middle(profile.id_number, 4, 4) if masked else profile.id_number,
        "nationality": profile.nationality,
        "mobile": mask_phone(profile.mobile) if masked else profile.mobile,
        "email": profile.email,
        "education": profile.education,
        "work_history": profile.work_history,
        "professional_titles": profile.professional_titles,
        "international_titles": profile.international_titles,
        "memberships": profile.memberships,
        "updated_at": profile.updated_at,
    })
