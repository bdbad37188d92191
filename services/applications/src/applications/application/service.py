"""Applications: draft, statement, commitment, submit, the society's formal check (初审),
return and lapse, and supplementary material after acceptance."""

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

import structlog
from cse_contracts.events import (
    ApplicationAccepted,
    ApplicationLapsed,
    ApplicationReturned,
    ApplicationSubmitted,
    ApplicationSupplementSubmitted,
    PublicationConsent,
    ReminderDue,
)
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from applications.applicants import repository as applicants
from applications.applicants.service import from_snapshot, snapshot
from applications.application import repository
from applications.application.commitment import CURRENT_VERSION
from applications.application.errors import (
    ApplicationLocked,
    ApplicationNotFound,
    CandidateMismatch,
    CommitmentVersionOutdated,
    InvalidTransition,
    PanelAccessPending,
    ResubmissionOverdue,
    ReturnNeedsReasons,
    SubmissionBlocked,
    SupplementEmpty,
    SupplementNotFound,
    SupplementNotOpen,
)
from applications.application.rules import (
    IN_EVALUATION,
    StatementPart,
    add_working_days,
    check_statement,
    china_date,
    count_characters,
    current_employer,
    has_lapsed,
    moves_forward,
    resubmission_deadline,
    resubmission_reminder_due,
    status_words,
)
from applications.application.schemas import (
    ApplicationChange,
    ApplicationIn,
    ApplicationOut,
    CommitmentIn,
    FormalCheckIn,
    StatementIn,
)
from applications.bans import repository as bans
from applications.bans.errors import ApplicantBarred, barred_detail
from applications.eligibility.rules import Assessment, RuleResult
from applications.eligibility.service import assess_application
from applications.events import outbox
from applications.evidence import repository as evidence
from applications.evidence.rules import KINDS, missing_kinds
from applications.fees import service as fees
from applications.models import ApplicantProfile, Application, Candidate, SupplementRequest
from applications.recommendations import repository as recommendations
from applications.recommendations.service import belongs_to, link_identity, own_candidates
from applications.reference.service import require_field, require_specialty

EDITABLE = frozenset({"draft", "returned"})
# Where examiners work on an application: from acceptance until a decision.
UNDER_REVIEW = frozenset({"accepted", "under_evaluation", "supplement_requested"})
log = structlog.get_logger()


def _subject(application: Application) -> str:
    return f"applications/{application.id}"


async def _refuse_if_barred(session: AsyncSession, applicant_id: str) -> None:
    profile = await applicants.get(session, applicant_id)
    if await bans.is_barred(session, applicant_id, profile.id_number_index if profile else None):
        raise ApplicantBarred(barred_detail())


async def create_application(
    session: AsyncSession, principal: Principal, payload: ApplicationIn
) -> Application:
    await _refuse_if_barred(session, principal.subject)
    field = await require_field(session, payload.field_code)
    if payload.specialty_code:
        await require_specialty(session, field.code, payload.specialty_code)
    profile = await applicants.get(session, principal.subject)
    # The applicant's own name (profile, else the account's), never one from the request body;
    # submitting replaces it with the profile's.
    name = (profile.name if profile else None) or principal.name
    society_code = field.society_code
    candidate_id = payload.candidate_id
    if candidate_id is not None:
        candidate = await recommendations.get_candidate(session, candidate_id)
        if candidate is None or candidate.status != "accepted" or not await _is_own(
            session, principal, candidate, profile
        ):
            raise CandidateMismatch(
                "所引用的推荐不存在、未通过初筛或不是您本人的推荐 / The referenced recommendation "
                "does not exist, was not accepted in pre-screening, or is not yours.",
                errors=[{"location": ["body", "candidate_id"], "field": "candidate_id",
                         "code": "candidate_mismatch",
                         "message_zh": "不是您本人已通过初筛的推荐",
                         "message_en": "not an accepted recommendation of yours"}],
            )
        society_code = candidate.society_code
    elif profile is not None:
        # Applying with the identity number a recommendation carries links it.
        found = await _own_accepted_candidate(session, principal, profile, field.code,
                                              payload.level)
        if found is not None:
            candidate_id, society_code = found.id, found.society_code
    if society_code is None:
        raise CandidateMismatch(
            "该领域暂无授权学会，请通过企业推荐渠道由委员会分配 / This field has no authorized "
            "society yet; apply through a recommendation so the committee can assign one."
        )
    application = Application(
        id=uuid.uuid4(), applicant_id=principal.subject, applicant_name=name,
        level=payload.level, field_code=field.code, specialty_code=payload.specialty_code,
        society_code=society_code, candidate_id=candidate_id, status="draft",
        statement=[], fast_track=False,
        # Shown to the applicant before submission; recorded again when submitted.
        fee_cny=await fees.fee_for(session, society_code, payload.level),
    )
    session.add(application)
    await session.flush()
    return application


async def _is_own(session: AsyncSession, principal: Principal, candidate: Candidate,
                  profile: ApplicantProfile | None) -> bool:
    if await repository.others_on_candidate(session, principal.subject, candidate.id):
        return False
    engineer = await recommendations.get_engineer(session, candidate.engineer_id)
    return belongs_to(candidate, engineer, principal, profile)


async def _own_accepted_candidate(session: AsyncSession, principal: Principal,
                                  profile: ApplicantProfile, field_code: str, level: str
                                  ) -> Candidate | None:
    """The one accepted recommendation of this person for this field and level, if any."""
    matches = [c for c in await own_candidates(session, principal, profile)
               if c.status == "accepted" and c.field_code == field_code and c.level == level
               and await _is_own(session, principal, c, profile)]
    return matches[-1] if len(matches) == 1 else None


async def recommendation_rule(session: AsyncSession, principal: Principal,
                              application: Application, profile: ApplicantProfile | None
                              ) -> RuleResult | None:
    """A referenced recommendation must be the applicant's own, judged on the profile."""
    if application.candidate_id is None or profile is None:
        return None
    candidate = await recommendations.get_candidate(session, application.candidate_id)
    if candidate is not None and await _is_own(session, principal, candidate, profile):
        return RuleResult("recommendation", "passed", "所引用的企业推荐属于申请人本人",
                          "The referenced recommendation is the applicant's own.")
    return RuleResult(
        "recommendation", "failed",
        "所引用的企业推荐与申请人信息（身份证件号码或姓名和手机号码）不符",
        "The referenced recommendation does not match the applicant's profile (identity "
        "number, or name and mobile).",
    )


class Readable(Protocol):
    """What the visibility rules look at: an ORM application or its response model."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def applicant_id(self) -> str: ...
    @property
    def society_code(self) -> str: ...
    @property
    def status(self) -> str: ...


async def get_application(
    session: AsyncSession, principal: Principal, application_id: uuid.UUID,
    *, for_update: bool = False,
) -> Application:
    """Applicants see their own; society staff their society's; examiners those on their panel;
    the secretariat all. Anything else is answered as not found, so nothing leaks."""
    application = await repository.get(session, application_id, for_update=for_update)
    return await _readable(session, principal, application_id, application)


async def read_application(
    connection: AsyncConnection, principal: Principal, application_id: uuid.UUID,
) -> ApplicationOut:
    """`get_application` for `GET /v1/applications/{id}`, the hot read: one Core SELECT of the
    response's columns on a read connection (no ORM session, no instance, no decryption of
    the profile snapshot the response does not carry), the same visibility rules."""
    row = await repository.get_out_row(connection, application_id, OUT_COLUMNS)
    application = None if row is None else ApplicationOut.model_validate(row)
    return await _readable(connection, principal, application_id, application)


# The columns `read_application` selects: the response's stored fields (its computed
# `status_words` is derived from `status`).
OUT_COLUMNS = tuple(ApplicationOut.model_fields)
_Readable = TypeVar("_Readable", bound=Readable)


async def _readable(
    db: AsyncSession | AsyncConnection, principal: Principal, application_id: uuid.UUID,
    application: _Readable | None,
) -> _Readable:
    if application is None or not await can_read(db, principal, application):
        if application is not None and principal.role is Role.EXAMINER and \
                application.society_code == principal.society and \
                application.status in UNDER_REVIEW:
            raise PanelAccessPending(
                "您尚未在该申请的考官组中：如刚声明无利益冲突，查阅权限将在考官组确定后开通，请"
                "稍后重试 / You are not on this application's panel yet: if you have just "
                "declared no conflict, access opens once the panel is assigned; retry in a few "
                "seconds.",
                retry_after_seconds=2,
            )
        raise ApplicationNotFound(f"申请 {application_id} 不存在 / No such application.")
    return application


async def can_read(db: AsyncSession | AsyncConnection, principal: Principal,
                   application: Readable) -> bool:
    if principal.role is Role.APPLICANT:
        return application.applicant_id == principal.subject
    if application.status == "draft":
        # A draft is the applicant's own until submitted.
        return False
    if principal.role is Role.SOCIETY_ADMIN:
        return application.society_code == principal.society
    if principal.role is Role.EXAMINER:
        return application.society_code == principal.society and await repository.is_on_panel(
            db, application.id, principal.subject
        )
    return principal.role is Role.SECRETARIAT


async def own_editable(session: AsyncSession, principal: Principal, application_id: uuid.UUID
                       ) -> Application:
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status not in EDITABLE:
        zh, en = status_words(application.status)
        raise ApplicationLocked(
            f"该申请{zh}，只有草稿或被退回的申请可以修改 / This application is {en} and can no "
            "longer be edited; only drafts and returned applications can."
        )
    return application


async def withdraw_draft(session: AsyncSession, principal: Principal,
                         application_id: uuid.UUID) -> list[str]:
    """The applicant deletes a draft and everything uploaded to it; returns the storage keys
    of its files. Once submitted an application stays (returned ones lapse instead)."""
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status != "draft":
        words_zh, words_en = status_words(application.status)
        raise ApplicationLocked(
            f"该申请{words_zh}，只有未提交的草稿可以撤回删除 / This application is {words_en}; "
            "only a draft that was never submitted can be withdrawn."
        )
    keys = await repository.delete_draft(session, application)
    await session.flush()
    return keys


async def change_application(session: AsyncSession, principal: Principal,
                             application_id: uuid.UUID, change: ApplicationChange) -> Application:
    application = await own_editable(session, principal, application_id)
    if change.level is not None:
        application.level = change.level
    if change.specialty_code is not None:
        await require_specialty(session, application.field_code, change.specialty_code)
        application.specialty_code = change.specialty_code
    await session.flush()
    return application


async def save_statement(session: AsyncSession, principal: Principal, application_id: uuid.UUID,
                         statement: StatementIn) -> Application:
    """Saved as a draft even when incomplete; the rules are checked on submit and shown by the
    eligibility endpoint."""
    application = await own_editable(session, principal, application_id)
    application.statement = [part.model_dump() for part in statement.parts]
    await session.flush()
    return application


def statement_characters(application: Application) -> int:
    return count_characters("".join(str(p.get("text", "")) for p in application.statement))


async def sign_commitment(session: AsyncSession, principal: Principal, application_id: uuid.UUID,
                          commitment: CommitmentIn) -> Application:
    application = await own_editable(session, principal, application_id)
    if commitment.version != CURRENT_VERSION:
        raise CommitmentVersionOutdated(
            f"承诺书已更新为 {CURRENT_VERSION}，请阅读后重新签署 / The commitment letter is now "
            f"version {CURRENT_VERSION}; read it (GET /v1/reference/commitment) and sign that."
        )
    application.commitment_version = commitment.version
    application.commitment_signed_at = clock.now()
    application.publish_employer = commitment.publication.show_employer
    application.publish_contact = commitment.publication.show_contact
    await session.flush()
    return application


async def assessed_profile(session: AsyncSession, application: Application, *,
                           by_applicant: bool = True) -> ApplicantProfile | None:
    """The live profile while the applicant can still change the application; once submitted,
    the profile as submitted (what the society and the examiners assess) [DOMAIN §6.1]. A
    returned application is being corrected: its applicant sees the live profile, everyone
    else what was last submitted."""
    frozen = application.status not in EDITABLE or not by_applicant
    if frozen and application.profile_snapshot is not None:
        return from_snapshot(application.profile_snapshot)
    return await applicants.get(session, application.applicant_id)


async def readiness(session: AsyncSession, application: Application, *,
                    by_applicant: bool = True) -> tuple[Assessment, list[RuleResult]]:
    """Eligibility, and the checklist of the application's own completeness."""
    profile = await assessed_profile(session, application, by_applicant=by_applicant)
    assessment = await assess_application(session, application, profile)
    items = checklist(application, profile, await evidence.kinds_of(session, application.id))
    if application.status in EDITABLE:
        owner = Principal(subject=application.applicant_id, role=Role.APPLICANT,
                          name=application.applicant_name)
        rule = await recommendation_rule(session, owner, application, profile)
        if rule is not None:
            items.append(rule)
    return assessment, items


def checklist(application: Application, profile: ApplicantProfile | None,
              kinds: Sequence[str]) -> list[RuleResult]:
    items: list[RuleResult] = []
    if profile is None:
        items.append(RuleResult("profile", "failed", "尚未填写申请人信息（PUT /v1/applicants/me）",
                                "No applicant profile yet (PUT /v1/applicants/me)."))
    else:
        items.append(RuleResult("profile", "passed", "已填写申请人信息", "Profile completed."))
    parts = [StatementPart(str(p["text"]), tuple(p["competencies"])) for p in application.statement]
    findings = check_statement(parts) if parts else None
    if findings is None:
        items.append(RuleResult("statement", "failed", "尚未填写工作情况自述",
                                "The self-statement is missing."))
    elif findings:
        items.extend(RuleResult(f.code, "failed", f.message_zh, f.message_en) for f in findings)
    else:
        items.append(RuleResult("statement", "passed", "工作情况自述符合要求",
                                "The self-statement meets the requirements."))
    missing = missing_kinds(kinds)
    if missing:
        items.append(RuleResult(
            "evidence", "failed",
            "缺少必需的佐证材料：" + "、".join(KINDS[k][0] for k in missing),
            "Required evidence is missing: " + ", ".join(KINDS[k][1] for k in missing) + ".",
        ))
    else:
        items.append(RuleResult("evidence", "passed", "必需的佐证材料已上传",
                                "The required evidence is uploaded."))
    if application.commitment_signed_at is None or application.commitment_version != \
            CURRENT_VERSION:
        items.append(RuleResult("commitment", "failed", "尚未签署工程会员承诺书",
                                "The commitment letter is not signed."))
    else:
        items.append(RuleResult("commitment", "passed", "已签署工程会员承诺书",
                                "The commitment letter is signed."))
    return items


async def submit(session: AsyncSession, principal: Principal, application_id: uuid.UUID
                 ) -> Application:
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status not in EDITABLE:
        zh, en = status_words(application.status)
        raise InvalidTransition(
            f"该申请{zh}，不能再次提交 / This application is {en} and cannot be submitted."
        )
    now = clock.now()
    if application.status == "returned" and application.resubmit_by is not None and has_lapsed(
        application.resubmit_by, now
    ):
        raise ResubmissionOverdue(
            f"重新提交期限 {application.resubmit_by} 已过，申请已失效 / The resubmission deadline "
            f"{application.resubmit_by} has passed; the application has lapsed."
        )
    await _refuse_if_barred(session, application.applicant_id)
    assessment, items = await readiness(session, application)
    # Each failed item, with where GET …/eligibility lists it: the checklist or the rules.
    blocking = [(r, "checklist") for r in items if r.blocks]
    blocking += [(r, "rules") for r in assessment.rules if r.blocks]
    if blocking:
        raise SubmissionBlocked(
            "申请尚不能提交：" + "；".join(r.message_zh for r, _ in blocking)
            + " / The application cannot be submitted yet: "
            + " ".join(r.message_en for r, _ in blocking),
            errors=[{"code": r.code, "message_zh": r.message_zh, "message_en": r.message_en,
                     "location": ["eligibility", where]} for r, where in blocking],
        )
    profile = await applicants.get(session, application.applicant_id)
    assert profile is not None
    application.status = "submitted"
    application.submitted_at = now
    application.fee_cny = await fees.fee_for(session, application.society_code,
                                             application.level)
    application.profile_snapshot = snapshot(profile, now)
    # The name filed is the one in the applicant's own profile, never one typed elsewhere.
    application.applicant_name = profile.name
    application.eligibility = assessment_json(assessment)
    application.fast_track = assessment.fast_track
    if application.candidate_id is None:
        found = await _own_accepted_candidate(session, principal, profile,
                                              application.field_code, application.level)
        if found is not None and found.society_code == application.society_code:
            application.candidate_id = found.id
    if application.candidate_id is not None:
        await link_identity(session, application.candidate_id, profile.id_number_index)
    await outbox.emit(
        session,
        ApplicationSubmitted(
            application_id=application.id, applicant_id=application.applicant_id,
            society_code=application.society_code, level=application.level,
            field_code=application.field_code,
        ),
        subject=_subject(application),
    )
    await session.flush()
    return application


def assessment_json(assessment: Assessment) -> dict[str, object]:
    return {
        "eligible": assessment.eligible,
        "needs_judgement": assessment.needs_judgement,
        "fast_track": assessment.fast_track,
        "international_titles": assessment.international_titles,
        "experience": vars(assessment.experience),
        "rules": [vars(rule) for rule in assessment.rules],
    }


async def formal_check(
    session: AsyncSession, principal: Principal, application_id: uuid.UUID, check: FormalCheckIn,
    *, working_days: int = 10,
) -> Application:
    """Accept (locks the application, emits `application.accepted`) or return with reasons
    (emits `application.returned` with the resubmission deadline)."""
    application = await get_application(session, principal, application_id, for_update=True)
    if application.status != "submitted":
        zh, en = status_words(application.status)
        raise InvalidTransition(
            f"只有已提交的申请可以初审，该申请{zh} / Only a submitted application can be "
            f"checked; this one is {en}."
        )
    now = clock.now()
    if check.decision == "returned":
        if not check.reasons:
            raise ReturnNeedsReasons("退回时必须说明理由 / A return needs reasons.")
        application.status = "returned"
        application.check_reasons = check.reasons
        application.returned_at = now
        application.resubmit_by = resubmission_deadline(now, working_days)
        await outbox.emit(
            session,
            ApplicationReturned(
                application_id=application.id, applicant_id=application.applicant_id,
                society_code=application.society_code, reasons=check.reasons,
                resubmit_by=application.resubmit_by,
            ),
            subject=_subject(application),
        )
        await session.flush()
        return application
    profile = await applicants.get(session, application.applicant_id)
    if await bans.is_barred(session, application.applicant_id,
                            profile.id_number_index if profile else None):
        raise InvalidTransition(
            "申请人已被终身取消申请资格，不能受理 / The applicant has been barred for life; the "
            "application cannot be accepted."
        )
    application.status = "accepted"
    application.accepted_at = now
    application.check_reasons = check.reasons or None
    enterprise = await _recommending_enterprise(session, application)
    work = (application.profile_snapshot or {}).get("work_history") or []
    employers = list(dict.fromkeys(str(w["employer"]) for w in work))
    titles = [str(t) for t in (application.eligibility or {}).get("international_titles") or []]
    assert application.submitted_at is not None
    await outbox.emit(
        session,
        ApplicationAccepted(
            application_id=application.id, applicant_id=application.applicant_id,
            applicant_name=application.applicant_name, society_code=application.society_code,
            level=application.level,
            field_code=application.field_code, specialty_code=application.specialty_code,
            candidate_id=application.candidate_id, recommending_enterprise=enterprise,
            submitted_at=application.submitted_at, accepted_at=now,
            employers=employers, international_titles=titles,
            fast_track=application.fast_track,
            publication_consent=publication_consent(application),
        ),
        subject=_subject(application),
    )
    await session.flush()
    return application


def publication_consent(application: Application) -> PublicationConsent:
    """The consent given with the commitment; the employer and e-mail travel only when it
    was given, taken from the profile as submitted."""
    submitted = application.profile_snapshot or {}
    employer = current_employer(submitted.get("work_history") or [])
    return PublicationConsent(
        show_employer=application.publish_employer,
        show_contact=application.publish_contact,
        employer=employer if application.publish_employer else None,
        contact_email=submitted.get("email") if application.publish_contact else None,
    )


async def lapse_overdue(session: AsyncSession, now: datetime) -> int:
    """The scheduled job: returned applications not resubmitted in time lapse [003 Q19]."""
    lapsed = 0
    for application in await repository.overdue_returns(session, china_date(now)):
        application.status = "lapsed"
        application.lapsed_at = now
        await outbox.emit(
            session,
            ApplicationLapsed(application_id=application.id,
                              applicant_id=application.applicant_id,
                              society_code=application.society_code),
            subject=_subject(application),
        )
        lapsed += 1
    await session.flush()
    return lapsed


async def remind_resubmissions(session: AsyncSession, now: datetime, *,
                               working_days: int = 3) -> int:
    """The scheduled job: `reminder.due` (resubmission_due) for each returned application
    whose deadline is `working_days` working days away or nearer, once per return."""
    today = china_date(now)
    sent = 0
    last_day = add_working_days(today, working_days)
    for application in await repository.returned_due_by(session, today, last_day):
        assert application.resubmit_by is not None
        assert application.returned_at is not None
        if not resubmission_reminder_due(today, application.resubmit_by, working_days):
            continue
        # Each return is its own occasion: returned again later, the applicant is reminded again.
        occasion = f"resubmission_due:{application.id}:{application.returned_at.isoformat()}"
        if not await repository.record_reminder(session, occasion, "resubmission_due", now):
            continue
        await outbox.emit(
            session,
            ReminderDue(
                kind="resubmission_due", occasion=occasion,
                recipient_subject=application.applicant_id, recipient_role="applicant",
                society_code=application.society_code, due_on=application.resubmit_by,
                subject_kind="application", subject_id=str(application.id),
                details={"reasons": application.check_reasons or "",
                         "returned_on": china_date(application.returned_at).isoformat(),
                         "level": application.level, "field_code": application.field_code},
            ),
            subject=_subject(application),
        )
        sent += 1
    await session.flush()
    return sent


async def _recommending_enterprise(session: AsyncSession, application: Application) -> str | None:
    if application.candidate_id is None:
        return None
    candidate = await recommendations.get_candidate(session, application.candidate_id)
    if candidate is None:
        return None
    recommendation = await recommendations.get(session, candidate.recommendation_id)
    return recommendation.enterprise_name if recommendation else None


# ── the outcome, from evaluation's and registry's events ───────────────────────────────


async def record_progress(session: AsyncSession, application_id: uuid.UUID, status: str,
                          **facts: Any) -> Application | None:
    """Move an accepted application forward to `status` and record what the event says; a
    late or repeated event changes nothing it should not."""
    application = await repository.get(session, application_id, for_update=True)
    if application is None:
        log.warning("outcome_for_unknown_application", application_id=str(application_id),
                    status=status)
        return None
    for name, value in facts.items():
        if value is not None:
            setattr(application, name, value)
    if moves_forward(application.status, status):
        application.status = status
    await session.flush()
    return application


async def record_registration_refused(session: AsyncSession, case_id: uuid.UUID, reason: str,
                                      at: datetime) -> Application | None:
    """The register refused the approved case: no certificate; the reason is the applicant's."""
    application = await repository.by_case(session, case_id)
    if application is None:
        log.warning("refusal_for_unknown_case", case_id=str(case_id))
        return None
    return await record_progress(session, application.id, "registration_refused",
                                 decision_reasons=reason, decided_at=at)


async def close_supplement_wait(session: AsyncSession, application_id: uuid.UUID
                                ) -> Application | None:
    """No longer waiting for the applicant: back with the reviewers."""
    application = await repository.get(session, application_id, for_update=True)
    if application is not None and application.status == "supplement_requested":
        application.status = "under_evaluation"
        await session.flush()
    return application


async def record_registration(
    session: AsyncSession, *, applicant_id: str, society_code: str, level: str,
    field_code: str, certificate_number: str, registered_at: datetime,
    application_id: uuid.UUID | None = None,
) -> Application | None:
    """A certificate issued: the application it came from is registered, with its number.
    The event names that application; one published before it did is matched by applicant,
    society, level and field."""
    if application_id is None:
        application = await repository.registered_by(
            session, applicant_id=applicant_id, society_code=society_code, level=level,
            field_code=field_code)
    else:
        application = await repository.get(session, application_id, for_update=True)
        # Not someone else's, and not one already registered under another number.
        if application is not None and (
                application.applicant_id != applicant_id
                or application.certificate_number not in (None, certificate_number)):
            application = None
    if application is None:
        return None
    application.certificate_number = certificate_number
    application.registered_at = registered_at
    if moves_forward(application.status, "registered"):
        application.status = "registered"
    await session.flush()
    return application


# ── supplementary material (补充材料) ─────────────────────────────────────────────────


async def record_supplement_request(
    session: AsyncSession, *, application_id: uuid.UUID, case_id: uuid.UUID, round_: int,
    requests: str, deadline: datetime,
) -> SupplementRequest | None:
    application = await repository.get(session, application_id)
    if application is None:
        return None
    existing = await repository.supplement(session, application_id, round_)
    if existing is not None:
        return existing
    request = SupplementRequest(
        id=uuid.uuid4(), application_id=application_id, case_id=case_id, round=round_,
        requests=requests, deadline=deadline, requested_at=clock.now(),
    )
    session.add(request)
    if application.status in IN_EVALUATION:
        application.status = "supplement_requested"
        application.case_id = case_id
    await session.flush()
    return request


async def supplement_window(session: AsyncSession, application: Application
                            ) -> SupplementRequest:
    """The open request under which evidence may be added to a locked application."""
    request = await repository.open_supplement(session, application.id)
    if request is None:
        raise SupplementNotOpen(
            "申请已受理并锁定，目前没有待补充材料的要求 / The application is locked and no "
            "supplementary material has been requested."
        )
    if clock.now() > request.deadline:
        raise SupplementNotOpen(
            f"补充材料截止时间 {request.deadline.isoformat()} 已过 / The deadline for "
            f"supplementary material ({request.deadline.isoformat()}) has passed."
        )
    return request


async def list_supplements(session: AsyncSession, principal: Principal,
                           application_id: uuid.UUID) -> list[SupplementRequest]:
    application = await get_application(session, principal, application_id)
    return list(await repository.supplements(session, application.id))


async def submit_supplement(session: AsyncSession, principal: Principal,
                            application_id: uuid.UUID, round_: int) -> SupplementRequest:
    application = await get_application(session, principal, application_id, for_update=True)
    request = await repository.supplement(session, application.id, round_, for_update=True)
    if request is None:
        raise SupplementNotFound(f"没有第 {round_} 轮补充材料要求 / No supplement round {round_}.")
    if request.submitted_at is not None:
        raise SupplementNotOpen(f"第 {round_} 轮补充材料已提交 / Round {round_} was already "
                                "submitted.")
    if clock.now() > request.deadline:
        raise SupplementNotOpen(
            f"补充材料截止时间 {request.deadline.isoformat()} 已过 / The deadline "
            f"({request.deadline.isoformat()}) has passed."
        )
    files = await evidence.of_round(session, application.id, round_)
    if not files:
        raise SupplementEmpty("请先上传补充材料 / Upload the supplementary files first.")
    request.submitted_at = clock.now()
    if application.status == "supplement_requested":
        # Handed in: back with the reviewers (a later round asks again).
        application.status = "under_evaluation"
    await outbox.emit(
        session,
        ApplicationSupplementSubmitted(
            application_id=application.id, case_id=request.case_id,
            applicant_id=application.applicant_id, society_code=application.society_code,
            round=round_, evidence_ids=[f.id for f in files],
        ),
        subject=_subject(application),
    )
    await session.flush()
    return request
