"""Applicant profiles: one per account, identity number and mobile encrypted at rest."""

from datetime import datetime
from typing import Any

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


PROFILE_FIELDS = ("name", "id_type", "id_number", "nationality", "mobile", "email", "education",
                  "work_history", "professional_titles", "international_titles", "memberships")


def snapshot(profile: ApplicantProfile, taken_at: datetime) -> dict[str, Any]:
    """The profile as submitted with an application: what the society and the examiners assess,
    whatever the applicant changes later (stored encrypted as a whole)."""
    document: dict[str, Any] = {name: getattr(profile, name) for name in PROFILE_FIELDS}
    document["applicant_id"] = profile.applicant_id
    document["updated_at"] = profile.updated_at.isoformat()
    document["submitted_at"] = taken_at.isoformat()
    return document


def from_snapshot(document: dict[str, Any]) -> ApplicantProfile:
    """A transient profile (never added to a session) rebuilt from a snapshot, so the
    eligibility rules read exactly what was submitted."""
    return ApplicantProfile(
        **{name: document[name] for name in PROFILE_FIELDS},
        applicant_id=document["applicant_id"],
        id_number_index=identity_index(document["id_type"], document["id_number"]),
    )


def profile_out(profile: ApplicantProfile, *, masked: bool) -> ProfileOut:
    return _out({name: getattr(profile, name) for name in PROFILE_FIELDS},
                applicant_id=profile.applicant_id, updated_at=profile.updated_at,
                submitted_at=None, masked=masked)


def snapshot_out(document: dict[str, Any], *, masked: bool) -> ProfileOut:
    return _out(document, applicant_id=document["applicant_id"],
                updated_at=datetime.fromisoformat(document["updated_at"]),
                submitted_at=datetime.fromisoformat(document["submitted_at"]), masked=masked)


def mask_email(value: str) -> str:
    """`zhangsan@example.com` → `z*******@example.com`: the domain stays readable."""
    local, _, domain = value.partition("@")
    return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"


def _out(values: dict[str, Any], *, applicant_id: str, updated_at: datetime,
         submitted_at: datetime | None, masked: bool) -> ProfileOut:
    data = {name: values[name] for name in PROFILE_FIELDS}
    if masked:
        data["id_number"] = mask_middle(str(values["id_number"]), 4, 4)
        data["mobile"] = mask_phone(str(values["mobile"]))
        data["email"] = mask_email(str(values["email"]))
    return ProfileOut.model_validate({**data, "applicant_id": applicant_id,
                                      "updated_at": updated_at, "submitted_at": submitted_at})
