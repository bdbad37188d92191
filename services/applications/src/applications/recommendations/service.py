"""Enterprise recommendations and the committee's pre-screening (初筛)."""

import hashlib
import json
import unicodedata
import uuid
from collections.abc import Sequence
from typing import TypeVar, cast

from cse_contracts.events import RecommendationReceived, RecommendationScreened
from kit import clock
from kit.auth import Principal, Role
from kit.crypto import cipher
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import configure_mappers
from sqlalchemy.orm.attributes import set_committed_value

from applications.applicants.service import identity_index
from applications.eligibility.rules import RuleResult
from applications.events import outbox
from applications.models import (
    ApplicantProfile,
    Base,
    Candidate,
    OverseasProject,
    Recommendation,
    RecommendedEngineer,
)
from applications.recommendations import repository
from applications.recommendations.errors import (
    AlreadyScreened,
    CandidateNotFound,
    ClaimCodeUnknown,
    ClaimedByAnother,
    IdempotencyKeyReused,
    NotAnEnterprise,
    RecommendationNotFound,
    ScreeningIncomplete,
    SocietyNotAuthorizedForField,
    UnknownFields,
)
from applications.recommendations.rules import (
    CandidateFacts,
    assess_candidate,
    candidate_status_words,
    new_claim_code,
    normalise_claim_code,
)
from applications.recommendations.schemas import CandidateIn, RecommendationBody, ScreeningIn
from applications.reference import repository as reference
from applications.reference.service import require_field, require_society


def request_hash(payload: RecommendationBody) -> str:
    canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def name_mobile_index(name: str, mobile: str) -> str:
    """Blind index of one person: the name as written (NFKC, no spaces) and the E.164 mobile."""
    folded = "".join(unicodedata.normalize("NFKC", name).split())
    return cipher().blind_index(f"engineer|{folded}|{mobile}")


def claim_code_index(code: str) -> str:
    return cipher().blind_index(f"claim|{normalise_claim_code(code)}")


def require_enterprise(principal: Principal) -> str:
    if principal.enterprise is None:
        raise NotAnEnterprise(
            "令牌未关联企业，无法提交推荐 / This token is not bound to an enterprise."
        )
    return principal.enterprise


def _located(payload: RecommendationBody) -> list[tuple[list[str], CandidateIn]]:
    """Every candidate of a push with where it stands in the body, in storing order."""
    located: list[tuple[list[str], CandidateIn]] = [
        (["body", "projects", str(p), "candidates", str(i)], c)
        for p, project in enumerate(payload.projects)
        for i, c in enumerate(project.candidates)
    ]
    located += [(["body", "candidates", str(i)], c) for i, c in enumerate(payload.candidates)]
    located += [(["body", "planned_candidates", str(i)], c)
                for i, c in enumerate(payload.planned_candidates)]
    return located


def check_fields(located: Sequence[tuple[list[str], CandidateIn]], known: set[str]) -> None:
    """Every candidate's field must be one of the `known` codes; all unknown ones are reported
    at once."""
    errors: list[dict[str, object]] = []
    unknown: set[str] = set()
    for location, candidate in sorted(located, key=_body_order):
        if candidate.field_code not in known:
            unknown.add(candidate.field_code)
            errors.append({
                "location": [*location, "field_code"], "code": "unknown_field",
                "message_zh": f"未知的工程技术领域代码 {candidate.field_code!r}",
                "message_en": f"unknown field code {candidate.field_code!r}",
            })
    if errors:
        codes = ", ".join(sorted(unknown))
        raise UnknownFields(
            f"未知的工程技术领域代码 {codes}，请从 /v1/reference/fields 中选择 / Unknown field "
            f"code(s) {codes}; choose from /v1/reference/fields.",
            errors=errors,
        )


_SECTION_ORDER = {"candidates": 0, "planned_candidates": 1, "projects": 2}


def _body_order(item: tuple[list[str], CandidateIn]) -> tuple[int, int, int]:
    """Errors listed candidates, planned candidates, then projects' candidates (as before)."""
    location = item[0]
    if location[1] == "projects":
        return (2, int(location[2]), int(location[4]))
    return (_SECTION_ORDER[location[1]], int(location[2]), 0)


async def create_recommendation(
    session: AsyncSession, principal: Principal, payload: RecommendationBody,
    idempotency_key: str | None, *, source: str = "api",
) -> tuple[Recommendation, bool]:
    """Store a recommendation and emit `recommendation.received`; returns (it, created).
    A retried push with the same Idempotency-Key returns the first result and stores nothing.

    The hot path of enterprise pushes, in Core: after BEGIN, one statement does the
    recommendation's `INSERT … ON CONFLICT DO NOTHING` (a retry, even one racing the first
    request, finds the key taken and replays) and finds the push's known field codes and its
    engineers with their open candidates (`repository.insert_and_look_up`); then the inserts
    of engineers, projects, candidates and the outbox row (one statement for a small push,
    one per table for a large one; see `repository.insert_push`); then COMMIT."""
    enterprise_id = require_enterprise(principal)
    digest = request_hash(payload)
    recommendation = _transient(Recommendation, {
        "id": uuid.uuid4(), "enterprise_id": enterprise_id,
        "enterprise_name": payload.enterprise.name,
        "contact_name": payload.enterprise.contact_name,
        "contact_mobile": payload.enterprise.contact_mobile, "source": source,
        "idempotency_key": idempotency_key, "request_hash": digest,
    })
    rows = _rows(recommendation, payload)
    located = _located(payload)
    found = await repository.insert_and_look_up(
        session, recommendation, {c.field_code for _, c in located},
        {r.name_index for r in rows}, {r.identity for r in rows if r.identity is not None})
    if found.created_at is None:
        # The key is taken (committed, or by a concurrent request that has now committed).
        existing = await repository.get_by_key(session, enterprise_id, idempotency_key or "")
        if existing is None:  # pragma: no cover - the conflicting row was just seen
            raise IdempotencyKeyReused(
                "该 Idempotency-Key 正被另一请求使用，请稍后重试 / This Idempotency-Key is in use "
                "by another request; retry shortly."
            )
        return _replay(existing, digest), False
    created_at = recommendation.created_at = found.created_at
    check_fields(located, found.known_field_codes)
    linker = _EngineerLinker(found.engineers)
    candidates: list[dict[str, object]] = []
    for row in rows:
        engineer_id, linked_to = linker.link(row)
        row.values.update(engineer_id=engineer_id, linked_candidate_id=linked_to,
                          status="linked" if linked_to else "pending")
        candidates.append(row.values)
    # The response shows transient ORM objects of what is stored (never added to the session).
    set_committed_value(recommendation, "candidates", [
        _transient(Candidate, {**values, "created_at": created_at}) for values in candidates])
    projects = [_project_values(p) for p in recommendation.projects]
    engineers = linker.new
    event, event_parameters, _ = outbox.insert(
        RecommendationReceived(
            recommendation_id=recommendation.id,
            enterprise_id=recommendation.enterprise_id,
            enterprise_name=recommendation.enterprise_name,
            candidate_count=len(recommendation.candidates),
        ),
        subject=f"recommendations/{recommendation.id}",
    )
    await repository.insert_push(session, engineers=engineers, identities=linker.identified,
                                 projects=projects, candidates=candidates, outbox=event,
                                 outbox_parameters=event_parameters)
    return recommendation, True


class _Row:
    """One candidate of a push: the values of its row and its indexes."""

    __slots__ = ("identity", "name", "name_index", "values")

    def __init__(self, values: dict[str, object], data: CandidateIn) -> None:
        self.values = values
        self.name = data.name
        self.name_index = name_mobile_index(data.name, data.mobile)
        self.identity = identity_index("cn_ric", data.id_number) if data.id_number else None


_Model = TypeVar("_Model", bound=Base)


def _transient(model: type[_Model], values: dict[str, object]) -> _Model:
    """An ORM object holding `values`, made as SQLAlchemy makes the objects it loads: without
    the instrumented constructor's attribute events, which cost ~0.3 ms an object (3 s for a
    workbook of 5,000 candidates and their engineers). For the response only: the rows are
    inserted in Core. The mappers are configured first, as the constructor would (a no-op
    once they are)."""
    configure_mappers()
    instance = cast(_Model, model.__mapper__.class_manager.new_instance())
    instance.__dict__.update(values)
    return instance


def _rows(recommendation: Recommendation, payload: RecommendationBody) -> list[_Row]:
    """The push's projects (transient ORM objects on `recommendation`, as the response shows
    them) and its candidates' row values with their indexes, in storing order."""
    rows: list[_Row] = []
    projects: list[OverseasProject] = []

    def add(data: CandidateIn, **extra: object) -> None:
        code = new_claim_code()
        values: dict[str, object] = {
            "id": uuid.uuid4(), "recommendation_id": recommendation.id,
            "position": len(rows) + 1, "claim_code": code,
            "claim_code_index": claim_code_index(code), "claimed_by": None,
            "society_code": None, "screening_reason": None, "screened_by": None,
            "screened_at": None, "name": data.name, "mobile": data.mobile,
            "field_code": data.field_code, "location": data.location, "level": data.level,
            "practice": data.practice, **extra,
        }
        rows.append(_Row(values, data))

    for index, project_in in enumerate(payload.projects, start=1):
        project = _transient(OverseasProject, {
            "id": uuid.uuid4(), "recommendation_id": recommendation.id, "position": index,
            **project_in.model_dump(exclude={"candidates", "country"}),
            "country_code": project_in.country,
        })
        projects.append(project)
        for data in project_in.candidates:
            add(data, section="deployed", project_id=project.id, planned_project=None,
                planned_country=None)
    for data in payload.candidates:
        add(data, section="deployed", project_id=None, planned_project=None,
            planned_country=None)
    for planned in payload.planned_candidates:
        add(planned, section="planned", project_id=None, planned_project=planned.planned_project,
            planned_country=planned.planned_country)
    set_committed_value(recommendation, "projects", projects)
    return rows


_PROJECT_COLUMNS = tuple(c.key for c in OverseasProject.__table__.columns)


def _project_values(project: OverseasProject) -> dict[str, object]:
    return {key: getattr(project, key) for key in _PROJECT_COLUMNS}


class _EngineerLinker:
    """The same engineer recommended twice (by name + mobile, or identity number when known)
    is one RecommendedEngineer; a second candidate while one is open is linked, not screened
    again. Everything a push needs is loaded up front, in one query whatever its size."""

    def __init__(self, engineers: Sequence[repository.KnownEngineer]) -> None:
        self.by_index: dict[str, uuid.UUID] = {}
        self.identity_of: dict[uuid.UUID, str | None] = {}
        self.open_candidates: dict[uuid.UUID, uuid.UUID] = {}
        for engineer in engineers:  # oldest first: the first holder of an index keeps it
            self.by_index.setdefault(engineer.name_mobile_index, engineer.id)
            if engineer.identity_index:
                self.by_index.setdefault(engineer.identity_index, engineer.id)
            self.identity_of[engineer.id] = engineer.identity_index
            if engineer.open_candidate_id is not None:
                self.open_candidates[engineer.id] = engineer.open_candidate_id
        # New engineers, as the values of their rows.
        self.new: list[dict[str, object]] = []
        self._new_by_id: dict[uuid.UUID, dict[str, object]] = {}
        # Known engineers whose identity number this push tells for the first time.
        self.identified: dict[uuid.UUID, str] = {}

    def link(self, row: _Row) -> tuple[uuid.UUID, uuid.UUID | None]:
        by_name, by_identity = row.name_index, row.identity
        engineer_id = (self.by_index.get(by_identity) if by_identity else None) or \
            self.by_index.get(by_name)
        if engineer_id is None:
            engineer_id = uuid.uuid4()
            engineer: dict[str, object] = {"id": engineer_id, "name": row.name,
                                           "name_mobile_index": by_name,
                                           "identity_index": by_identity}
            self.new.append(engineer)
            self._new_by_id[engineer_id] = engineer
            self.identity_of[engineer_id] = by_identity
        elif by_identity and self.identity_of.get(engineer_id) is None:
            self.identity_of[engineer_id] = by_identity
            if engineer_id in self._new_by_id:
                self._new_by_id[engineer_id]["identity_index"] = by_identity
            else:
                self.identified[engineer_id] = by_identity
        self.by_index[by_name] = engineer_id
        if by_identity:
            self.by_index[by_identity] = engineer_id
        linked_to = self.open_candidates.get(engineer_id)
        if linked_to is None:
            self.open_candidates[engineer_id] = cast(uuid.UUID, row.values["id"])
        return engineer_id, linked_to


async def link_identity(session: AsyncSession, candidate_id: uuid.UUID, identity: str) -> None:
    """Once an applicant's identity number is known, later recommendations that carry it are
    linked to the same engineer."""
    candidate = await repository.get_candidate(session, candidate_id)
    if candidate is None:
        return
    engineer = await repository.get_engineer(session, candidate.engineer_id)
    if engineer is None or engineer.identity_index == identity:
        return
    holder = await repository.engineer_by_identity(session, identity)
    if holder is None and engineer.identity_index is None:
        engineer.identity_index = identity
        await session.flush()


def _replay(existing: Recommendation, digest: str) -> Recommendation:
    if existing.request_hash != digest:
        raise IdempotencyKeyReused(
            "该 Idempotency-Key 已用于内容不同的推荐；请为新推荐使用新的键 / This Idempotency-Key "
            "was already used for a different recommendation; use a new key for a new one."
        )
    return existing


async def get_recommendation(
    session: AsyncSession, principal: Principal, recommendation_id: uuid.UUID
) -> Recommendation:
    recommendation = await repository.get(session, recommendation_id)
    # An enterprise must not learn that another enterprise's recommendation exists.
    if recommendation is None or (
        principal.role is Role.ENTERPRISE and recommendation.enterprise_id != principal.enterprise
    ):
        raise RecommendationNotFound(f"推荐 {recommendation_id} 不存在 / No such recommendation.")
    return recommendation


async def get_candidate(
    session: AsyncSession, principal: Principal, candidate_id: uuid.UUID
) -> Candidate:
    candidate = await repository.get_candidate(session, candidate_id)
    if candidate is not None and principal.role is Role.ENTERPRISE:
        recommendation = await repository.get(session, candidate.recommendation_id)
        if recommendation is None or recommendation.enterprise_id != principal.enterprise:
            candidate = None
    if candidate is None:
        raise CandidateNotFound(f"候选人 {candidate_id} 不存在 / No such candidate.")
    return candidate


async def assess(session: AsyncSession, candidate: Candidate
                 ) -> tuple[list[RuleResult], str | None]:
    """The pre-screening assessment and the society the field suggests."""
    field = await reference.get_field(session, candidate.field_code)
    others = [c for c in await repository.candidates_of(session, candidate.engineer_id)
              if c.id != candidate.id]
    facts = CandidateFacts(
        level=candidate.level,
        field_known=field is not None,
        field_has_society=field is not None and field.society_code is not None,
        practice=candidate.practice,
        section=candidate.section,
        has_project=candidate.project_id is not None,
        location=candidate.location,
        other_statuses=tuple(c.status for c in others),
    )
    return assess_candidate(facts), field.society_code if field else None


async def screen_candidate(
    session: AsyncSession, principal: Principal, candidate_id: uuid.UUID, decision: ScreeningIn
) -> Candidate:
    """Accept (and assign to a society) or reject one candidate; emits `recommendation.screened`,
    which invites an accepted candidate to apply."""
    candidate = await repository.get_candidate(session, candidate_id, for_update=True)
    if candidate is None:
        raise CandidateNotFound(f"候选人 {candidate_id} 不存在 / No such candidate.")
    if candidate.status == "linked":
        raise AlreadyScreened(
            f"该工程师已在候选人 {candidate.linked_candidate_id} 中处理，请在该记录上初筛 / This "
            f"engineer is already under consideration as candidate "
            f"{candidate.linked_candidate_id}; screen that one."
        )
    if candidate.status != "pending":
        zh, en = candidate_status_words(candidate.status)
        raise AlreadyScreened(
            f"该候选人已初筛（{zh}） / This candidate was already screened ({en})."
        )
    society_code: str | None = None
    if decision.decision == "accepted":
        if decision.field_code and decision.field_code != candidate.field_code:
            candidate.field_code = (await require_field(session, decision.field_code)).code
        field = await require_field(session, candidate.field_code)
        society_code = decision.society_code or field.society_code
        if society_code is None:
            raise ScreeningIncomplete(
                "该领域没有默认的授权学会，请指定 society_code / This field has no default "
                "authorized society; give society_code."
            )
        society = await require_society(session, society_code)
        if field.society_code is not None and field.code not in society.field_codes:
            raise SocietyNotAuthorizedForField(
                f"学会 {society_code} 未获授权评价领域 {field.code}（应为 {field.society_code}） / "
                f"Society {society_code} is not authorized for field {field.code} (that is "
                f"{field.society_code})."
            )
    elif not decision.reason:
        raise ScreeningIncomplete("不通过初筛时必须说明理由 / A rejection needs a reason.")
    candidate.status = decision.decision
    candidate.society_code = society_code
    candidate.screening_reason = decision.reason or None
    candidate.screened_by = principal.subject
    candidate.screened_at = clock.now()
    recommendation = await repository.get(session, candidate.recommendation_id)
    assert recommendation is not None
    await outbox.emit(
        session,
        RecommendationScreened(
            recommendation_id=candidate.recommendation_id,
            candidate_id=candidate.id,
            enterprise_id=recommendation.enterprise_id,
            candidate_name=candidate.name,
            decision=decision.decision,
            society_code=society_code,
            reason=decision.reason,
        ),
        subject=f"candidates/{candidate.id}",
    )
    await session.flush()
    return candidate


# ── the engineer's side: finding and claiming their recommendation ────────────────────


def belongs_to(candidate: Candidate, engineer: RecommendedEngineer | None, principal: Principal,
               profile: ApplicantProfile | None) -> bool:
    """Whether a recommendation is this applicant's: claimed with its code, or the same person
    by identity number, or (with no identity number on it) by name and mobile. Without a
    profile yet only a claim or the account's name can tell; submitting checks again."""
    if candidate.claimed_by is not None:
        return candidate.claimed_by == principal.subject
    if profile is None:
        return candidate.name == principal.name
    if engineer is not None and engineer.identity_index is not None:
        return engineer.identity_index == profile.id_number_index
    return engineer is not None and engineer.name_mobile_index == name_mobile_index(
        profile.name, profile.mobile)


async def own_candidates(session: AsyncSession, principal: Principal,
                         profile: ApplicantProfile | None) -> Sequence[Candidate]:
    """The recommendations of the caller: claimed with a code, or carrying the identity number
    of their profile (validated by its checksum when they saved it)."""
    return await repository.claimed_or_identified(
        session, principal.subject, profile.id_number_index if profile else None)


async def claim(session: AsyncSession, principal: Principal, code: str,
                profile: ApplicantProfile | None) -> Candidate:
    candidate = await repository.by_claim_code(session, claim_code_index(code))
    if candidate is None:
        raise ClaimCodeUnknown(
            "推荐码不存在，请核对推荐单位提供的推荐码 / No recommendation has this code; check "
            "the code your enterprise gave you."
        )
    if candidate.claimed_by not in (None, principal.subject):
        raise ClaimedByAnother(
            "该推荐已被其他账户认领；如有疑问请联系推荐单位 / Another account has already claimed "
            "this recommendation; ask your enterprise if this is a mistake."
        )
    engineer = await repository.get_engineer(session, candidate.engineer_id)
    if profile is not None and engineer is not None and engineer.identity_index is not None \
            and engineer.identity_index != profile.id_number_index:
        raise ClaimedByAnother(
            "该推荐所载身份证件号码与您的个人信息不符 / This recommendation carries another "
            "identity number than your profile."
        )
    candidate.claimed_by = principal.subject
    await session.flush()
    return candidate
