"""Materials review (材料审查): one locked record per examiner and round; supplementary
material requests close a round and the applicant's supplement opens the next."""

import uuid
from datetime import date, datetime

from cse_contracts.events import (
    ApplicationSupplementSubmitted,
    EvaluationReviewSubmitted,
    EvaluationSupplementLapsed,
    EvaluationSupplementRequested,
)
from kit import clock
from kit.auth import Principal, Role
from kit.pagination import Page, PageParams
from kit.versioning import check_version, stale_write
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from evaluation.audit import service as audit
from evaluation.cases import repository as case_repository
from evaluation.cases import service as cases
from evaluation.cases.rules import add_working_days, end_of_china_day, last_day_of
from evaluation.events import outbox
from evaluation.examiners import service as examiners
from evaluation.models import Case, Examiner, MaterialsReview, ReviewRound
from evaluation.paging import after_position, by_position
from evaluation.panels import repository as panels
from evaluation.policies.service import policy_for
from evaluation.problems import items
from evaluation.reviews import repository
from evaluation.reviews.errors import (
    DeadlineInPast,
    ReviewIncomplete,
    ReviewLocked,
    ReviewNotFound,
    RoundClosed,
)
from evaluation.reviews.rules import review_problems, round_outcome
from evaluation.reviews.schemas import ReviewIn, ReviewOut, RoundOut
from evaluation.vocabulary import api_recommendation, stored_recommendation


def review_out(review: MaterialsReview, examiner: Examiner, number: int) -> ReviewOut:
    return ReviewOut(
        id=review.id, round=number, examiner_id=examiner.id, examiner_name=examiner.name,
        competencies=review.competencies,
        recommendation=api_recommendation(review.recommendation),
        follow_up_needed=review.follow_up_needed, follow_up_points=review.follow_up_points,
        supplement_requests=review.supplement_requests,
        supplement_deadline=review.supplement_deadline, status=review.status,
        submitted_at=review.submitted_at, updated_by=review.updated_by,
        updated_at=review.updated_at, version=review.version,
    )


async def list_rounds(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                      params: PageParams) -> Page[RoundOut]:
    """The rounds by number with their records: society staff see all, an examiner their
    own."""
    case = await cases.get_case(session, principal, case_id)
    only: uuid.UUID | None = None
    if principal.role is Role.EXAMINER:
        only = (await examiners.me(session, principal)).id
    rows = await repository.reviews_of_case(session, case.id, examiner_id=only)
    result = []
    rounds, cursor = by_position(
        await repository.rounds(session, case.id, after_number=after_position(params),
                                limit=params.limit + 1),
        params, lambda r: r.number)
    for review_round in rounds:
        result.append(RoundOut(
            number=review_round.number, status=review_round.status,
            opened_because=review_round.opened_because,
            outcome=review_round.outcome, requests=review_round.requests,
            supplement_deadline=review_round.supplement_deadline,
            supplement_last_day=None if review_round.supplement_deadline is None
            else last_day_of(review_round.supplement_deadline),
            opened_at=review_round.opened_at, closed_at=review_round.closed_at,
            reviews=[review_out(r, e, review_round.number) for r, e in rows
                     if r.round_id == review_round.id],
        ))
    return Page(items=result, next_cursor=cursor)


async def _my_current(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                      *, lock_round: bool = False
                      ) -> tuple[Case, ReviewRound, MaterialsReview, Examiner]:
    case = await cases.get_case(session, principal, case_id)
    examiner = await examiners.me(session, principal)
    # Submissions lock the round so the last of two simultaneous ones sees the other.
    latest = await repository.latest_round(session, case.id, for_update=lock_round)
    review = None if latest is None else await repository.review_of(session, latest.id,
                                                                     examiner.id)
    if latest is None or review is None:
        raise ReviewNotFound("本轮没有您的审查记录 / You have no review record in this round.")
    return case, latest, review, examiner


async def my_review(session: AsyncSession, principal: Principal, case_id: uuid.UUID
                    ) -> ReviewOut:
    _, review_round, review, examiner = await _my_current(session, principal, case_id)
    return review_out(review, examiner, review_round.number)


def _editable(review_round: ReviewRound, review: MaterialsReview) -> None:
    if review.status == "submitted":
        raise ReviewLocked(
            "已提交的审查记录不能修改；如需补充，请在下一轮审查中记录 / A submitted record "
            "cannot be edited; record changes in the next round."
        )
    if review_round.status != "open":
        raise RoundClosed(
            f"第 {review_round.number} 轮审查已结束 / Review round {review_round.number} is "
            "closed."
        )


async def _flush(session: AsyncSession, review: MaterialsReview) -> None:
    try:
        await session.flush()
    except StaleDataError as exc:
        # Someone saved between our read and our write: the version check in the UPDATE.
        raise stale_write() from exc


async def save_review(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                      expected: int, body: ReviewIn) -> ReviewOut:
    """Save the examiner's draft; If-Match must carry the version they edited."""
    _, review_round, review, examiner = await _my_current(session, principal, case_id)
    _editable(review_round, review)
    check_version(review.version, expected)
    if body.supplement_deadline is not None and body.supplement_deadline <= clock.today():
        raise DeadlineInPast("补充材料截止日期须晚于今天 / The supplement deadline must be "
                             "after today.")
    review.competencies = {k: v.model_dump() for k, v in body.competencies.items()}
    review.recommendation = stored_recommendation(body.recommendation)
    review.follow_up_needed = body.follow_up_needed
    review.follow_up_points = body.follow_up_points
    review.supplement_requests = body.supplement_requests
    review.supplement_deadline = body.supplement_deadline
    review.updated_by = principal.subject
    review.updated_at = clock.now()
    await _flush(session, review)
    await audit.record(session, "review.saved", principal=principal, case_id=case_id,
                       society_code=principal.society, round=review_round.number,
                       review_id=review.id, version=review.version, record=body.model_dump())
    return review_out(review, examiner, review_round.number)


async def submit_review(session: AsyncSession, principal: Principal, case_id: uuid.UUID,
                        expected: int) -> ReviewOut:
    """Submit and lock the record; the round concludes once the panel has spoken."""
    case, review_round, review, examiner = await _my_current(session, principal, case_id,
                                                             lock_round=True)
    _editable(review_round, review)
    check_version(review.version, expected)
    problems = review_problems(
        competencies=review.competencies, recommendation=review.recommendation,
        follow_up_needed=review.follow_up_needed, follow_up_points=review.follow_up_points,
        supplement_requests=review.supplement_requests,
        supplement_allowed=review_round.opened_because != "supplement_lapsed",
    )
    if problems:
        raise ReviewIncomplete(
            "请补全后再提交：" + "；".join(p.split(" / ")[0] for p in problems)
            + " / Complete the record before submitting: "
            + " ".join(p.split(" / ")[-1] for p in problems),
            errors=items("review_incomplete", problems),
        )
    now = clock.now()
    review.status = "submitted"
    review.submitted_at = now
    review.updated_by = principal.subject
    review.updated_at = now
    await _flush(session, review)
    await audit.record(session, "review.submitted", principal=principal, case_id=case.id,
                       society_code=case.society_code, round=review_round.number,
                       review_id=review.id, recommendation=review.recommendation)
    # For the supervision committee's calibration of examiners (oversight).
    await outbox.emit(
        session,
        EvaluationReviewSubmitted(
            case_id=case.id, society_code=case.society_code, round=review_round.number,
            examiner_id=examiner.subject,
            competencies_achieved=sum(1 for entry in review.competencies.values()
                                      if (entry or {}).get("achieved") is True),
            recommendation=review.recommendation,
            submitted_at=now,
        ),
        subject=f"cases/{case.id}",
    )
    await _conclude_round(session, case, review_round)
    return review_out(review, examiner, review_round.number)


async def _conclude_round(session: AsyncSession, case: Case, review_round: ReviewRound) -> None:
    case = await case_repository.get(session, case.id, for_update=True) or case
    policy = await policy_for(session, case.society_code)
    cleared = {seat.examiner_id for seat, _ in await panels.seats(session, case.id)
               if seat.status == "cleared"}
    submitted = [r for r in await repository.reviews_of_round(session, review_round.id)
                 if r.status == "submitted" and r.examiner_id in cleared]
    panel_size = len(cleared) if len(cleared) >= policy.panel_min_size else 0
    outcome = round_outcome([str(r.recommendation) for r in submitted], panel_size)
    if outcome is None:
        return
    now = clock.now()
    review_round.status = "closed"
    review_round.closed_at = now
    review_round.outcome = outcome
    if outcome == "supplement_requested":
        asking = [r for r in submitted if r.recommendation == "supplement"]
        review_round.requests = "\n\n".join(str(r.supplement_requests) for r in asking)
        given: list[date] = [r.supplement_deadline for r in asking if r.supplement_deadline]
        last_day = max(given) if given else add_working_days(
            clock.china_date(now), policy.supplement_working_days)
        review_round.supplement_deadline = end_of_china_day(last_day)
        case.status = "supplement_requested"
        await outbox.emit(
            session,
            EvaluationSupplementRequested(
                case_id=case.id, application_id=case.application_id,
                applicant_id=case.applicant_id, society_code=case.society_code,
                round=review_round.number, requests=review_round.requests,
                deadline=review_round.supplement_deadline, last_day=last_day,
            ),
            subject=f"cases/{case.id}",
        )
    else:
        await cases.materials_concluded(
            session, case, passed=outcome == "passed",
            follow_up_needed=any(r.follow_up_needed for r in submitted),
        )
    await audit.record(session, "review.round_closed", case_id=case.id,
                       society_code=case.society_code, round=review_round.number,
                       outcome=outcome, requests=review_round.requests,
                       deadline=review_round.supplement_deadline)
    await session.flush()


async def supplement_submitted(session: AsyncSession, event: ApplicationSupplementSubmitted
                               ) -> None:
    """The applicant answered a request: the next round opens with fresh drafts; the
    earlier round's records stay locked and visible.

    A supplement submitted in time but delivered after the lapse job opened the round
    without it is still taken, as long as no examiner has concluded in that round."""
    case = await case_repository.get(session, event.case_id, for_update=True)
    if case is None:
        return
    latest = await repository.latest_round(session, case.id, for_update=True)
    if latest is None:
        return
    if (case.status == "materials_review" and latest.opened_because == "supplement_lapsed"
            and latest.number == event.round + 1):
        concluded = [r for r in await repository.reviews_of_round(session, latest.id)
                     if r.status == "submitted"]
        if not concluded:
            latest.opened_because = "supplement_submitted"
            await audit.record(session, "review.late_supplement_taken", actor=event.applicant_id,
                               role="applicant", case_id=case.id,
                               society_code=case.society_code, round=latest.number,
                               evidence_ids=event.evidence_ids)
            await session.flush()
        return
    if case.status != "supplement_requested" or latest.number != event.round:
        return
    await _open_next_round(session, case, latest, because="supplement_submitted")
    await audit.record(session, "review.round_opened", actor=event.applicant_id,
                       role="applicant", case_id=case.id, society_code=case.society_code,
                       round=latest.number + 1, evidence_ids=event.evidence_ids)
    await session.flush()


async def _open_next_round(session: AsyncSession, case: Case, latest: ReviewRound, *,
                           because: str) -> ReviewRound:
    review_round = ReviewRound(id=uuid.uuid4(), case_id=case.id, number=latest.number + 1,
                               status="open", opened_because=because, opened_at=clock.now())
    session.add(review_round)
    case.status = "materials_review"
    await session.flush()
    for seat, _ in await panels.seats(session, case.id):
        if seat.status == "cleared":
            await repository.ensure_draft(session, review_round, seat.examiner_id)
    return review_round


async def lapse_supplement_requests(session: AsyncSession, now: datetime) -> int:
    """Scheduled: where a supplement deadline passed with nothing submitted, the examiners
    conclude on the material they have (003 Q15-16: a request for supplement is followed by
    a re-review, not by an open-ended wait): a new round opens in which no further supplement
    can be asked, and the applicant and the society are told (evaluation.supplement_lapsed)."""
    lapsed = 0
    for case, asked in await repository.lapsed_supplement_requests(session, now):
        review_round = await _open_next_round(session, case, asked,
                                              because="supplement_lapsed")
        deadline = asked.supplement_deadline or now
        await audit.record(session, "review.supplement_lapsed", case_id=case.id,
                           society_code=case.society_code, round=asked.number,
                           deadline=deadline, next_round=review_round.number)
        await outbox.emit(
            session,
            EvaluationSupplementLapsed(
                case_id=case.id, application_id=case.application_id,
                applicant_id=case.applicant_id, society_code=case.society_code,
                round=asked.number, deadline=deadline, next_round=review_round.number,
            ),
            subject=f"cases/{case.id}",
        )
        lapsed += 1
    await session.flush()
    return lapsed
