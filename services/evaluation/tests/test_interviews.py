"""Written test and interview: scheduling, scoring with If-Match, aggregation, pass marks."""

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from evaluation.interviews import service as interviews
from evaluation.interviews.schemas import CompetencyScores, ScoresIn
from evaluation.models import AuditEntry, Case, Examiner, Interview, PanelSeat
from evaluation_factories import (
    COMPETENCIES,
    backend_pid,
    events,
    examiner,
    schedule_interview,
    score,
    set_policy,
    staff,
    to_assessment,
    wait_until_blocked,
)
from kit import clock
from kit.auth import Principal, Role
from kit.clock import FrozenClock
from kit.errors import PreconditionFailed
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

LI, WANG = "exam-li", "exam-wang"


@pytest.mark.parametrize(
    ("level", "li", "wang", "outcome"),
    [
        # professional: knowledge mean 21 passes, 20.5 fails; ethics 12 / 11.5; total 60 / 59.5
        ("professional", (21, 12, 9, 9, 9), (21, 12, 9, 9, 9), "passed"),
        ("professional", (21, 12, 9, 9, 9), (20, 12, 10, 10, 10), "failed"),
        ("professional", (25, 12, 9, 9, 9), (25, 11, 9, 9, 9), "failed"),
        ("professional", (21, 12, 9, 9, 9), (21, 12, 9, 9, 8), "failed"),
        # senior: knowledge 18 passes, 17.5 fails, even with a high total
        ("senior", (18, 12, 10, 10, 10), (18, 12, 10, 10, 10), "passed"),
        ("senior", (18, 14, 12, 12, 16), (17, 14, 12, 12, 16), "failed"),
        ("senior", (20, 12, 10, 10, 10), (20, 11.5, 10, 10, 10), "failed"),
        ("senior", (18, 12, 10, 10, 10), (18, 12, 10, 10, 9), "failed"),
    ],
)
async def test_interview_pass_marks_just_above_and_below(
    client: httpx.AsyncClient, session: AsyncSession, level: str,
    li: tuple[float, ...], wang: tuple[float, ...], outcome: str,
) -> None:
    case_id = await to_assessment(client, session, level=level)
    await schedule_interview(client, case_id)
    first = await score(client, case_id, LI, li)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "scheduled"
    # Independent scoring: the other examiner does not see the first one's line yet.
    assert (await client.get(f"/v1/cases/{case_id}/interview",
                             headers=examiner(WANG))).json()["lines"] == []
    last = await score(client, case_id, WANG, wang)
    assert last.status_code == 200, last.text
    sheet = last.json()
    assert sheet["status"] == "scored"
    assert sheet["passed"] is (outcome == "passed")
    assert bool(sheet["shortfalls"]) is (outcome == "failed")
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (case["interview_outcome"], case["status"]) == (outcome, "deliberation")
    if outcome == "failed":
        refused = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                                    json={"outcome": "passed"})
        assert refused.status_code == 409
        bare_fail = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                                      json={"outcome": "failed"})
        assert bare_fail.status_code == 422
        assert bare_fail.json()["suggested_reasons"] == "\n".join(sheet["shortfalls"])


async def test_two_examiners_saving_the_sheet_at_once(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session)
    await schedule_interview(client, case_id)
    url = f"/v1/cases/{case_id}/interview"
    li_etag = (await client.get(url, headers=examiner(LI))).headers["ETag"]
    wang_etag = (await client.get(url, headers=examiner(WANG))).headers["ETag"]
    assert li_etag == wang_etag
    body = {"scores": dict.fromkeys(COMPETENCIES, 12), "comment": ""}
    saved = await client.put(f"{url}/scores/mine", json=body,
                             headers={**examiner(LI), "If-Match": li_etag})
    assert saved.status_code == 200
    assert saved.headers["ETag"] != li_etag
    stale = await client.put(f"{url}/scores/mine", json=body,
                             headers={**examiner(WANG), "If-Match": wang_etag})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    missing = await client.put(f"{url}/scores/mine", json=body, headers=examiner(WANG))
    assert missing.status_code == 428
    fresh = (await client.get(url, headers=examiner(WANG))).headers["ETag"]
    retried = await client.put(f"{url}/scores/mine", json=body,
                               headers={**examiner(WANG), "If-Match": fresh})
    assert retried.status_code == 200
    lines = (await client.get(url, headers=staff())).json()["lines"]
    assert sorted(line["examiner_name"] for line in lines) == [LI, WANG]


async def test_scores_above_a_maximum_are_refused_and_submitted_scores_locked(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session, level="senior")
    await schedule_interview(client, case_id)
    too_high = await score(client, case_id, LI, (31, 12, 10, 10, 21))
    assert too_high.status_code == 422
    problem = too_high.json()
    assert problem["type"].endswith("/score-above-maximum")
    assert problem["errors"] == [
        {"code": "score_above_maximum", "location": ["body", "scores", "knowledge"],
         "message_zh": "工程知识与专业能力得分 31 分，超过满分 30 分",
         "message_en": "Engineering knowledge & professional ability: 31 is above the maximum "
         "of 30."},
        {"code": "score_above_maximum", "location": ["body", "scores", "leadership"],
         "message_zh": "组织领导与项目管理能力得分 21 分，超过满分 20 分",
         "message_en": "Leadership & project management: 21 is above the maximum of 20."},
    ]
    assert problem["maxima"]["knowledge"] == 30
    negative = await score(client, case_id, LI, (-1, 12, 10, 10, 10))
    assert negative.status_code == 422
    assert negative.json()["type"].endswith("/validation-error")
    staff_sheet = (await client.get(f"/v1/cases/{case_id}/interview", headers=staff())).json()
    assert staff_sheet["lines"] == []  # nothing refused was stored
    assert (await score(client, case_id, LI, (20, 12, 10, 10, 10))).status_code == 200
    locked = await score(client, case_id, LI, (21, 12, 10, 10, 10))
    assert locked.status_code == 409
    assert locked.json()["type"].endswith("/interview-scores-locked")
    lines = (await client.get(f"/v1/cases/{case_id}/interview", headers=staff())).json()["lines"]
    assert [Decimal(line["scores"]["knowledge"]) for line in lines] == [Decimal(20)]
    assert lines[0]["submitted_at"] is not None


async def test_median_and_a_society_rubric(client: httpx.AsyncClient, session: AsyncSession
                                           ) -> None:
    await set_policy(client, aggregation="median")
    rubric = await client.put("/v1/cases/policy/rubrics/professional", headers=staff(), json={
        "maxima": {"knowledge": 40, "ethics": 20, "teamwork": 15, "development": 10,
                   "leadership": 15},
        "minima": {"knowledge": 24, "ethics": 12}, "pass_total": 60})
    assert rubric.status_code == 200, rubric.text
    bad = await client.put("/v1/cases/policy/rubrics/senior", headers=staff(), json={
        "maxima": {"knowledge": 30}, "pass_total": 60})
    assert bad.status_code == 422
    case_id = await to_assessment(client, session)
    await schedule_interview(client, case_id)
    await score(client, case_id, LI, (23, 12, 10, 8, 10))
    sheet = (await score(client, case_id, WANG, (24, 12, 10, 8, 10))).json()
    assert sheet["aggregation"] == "median"
    assert Decimal(sheet["aggregated"]["knowledge"]) == Decimal("23.5")
    assert sheet["passed"] is False


async def test_written_test_where_the_society_uses_one(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session)
    unused = await client.post(f"/v1/cases/{case_id}/written-test", headers=staff(),
                               json={"score": 70})
    assert unused.status_code == 409
    await set_policy(client, uses_written_test=True, written_test_pass_mark=60)
    below = await client.post(f"/v1/cases/{case_id}/written-test", headers=staff(),
                              json={"score": 59.5})
    assert below.status_code == 200
    assert below.json()["written_test_passed"] is False
    assert below.json()["status"] == "deliberation"
    other = await to_assessment(client, session, subjects=("exam-zhou", "exam-sun"))
    at_mark = await client.post(f"/v1/cases/{other}/written-test", headers=staff(),
                                json={"score": 60})
    assert at_mark.json()["written_test_passed"] is True
    assert at_mark.json()["status"] == "assessment"  # the interview is still to come


async def test_concurrent_saves_of_one_sheet_cannot_both_win(engine: AsyncEngine) -> None:
    """Two transactions read version 1 and save at the same moment: the row version check
    in the UPDATE lets exactly one through. The first holds its write uncommitted until the
    second is seen waiting for the row, so the race happens every run (committed data,
    cleaned up afterwards)."""
    case_id, society = uuid.uuid4(), "cces"
    subjects = [f"race-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    async with AsyncSession(engine) as setup, setup.begin():
        setup.add(Case(id=case_id, application_id=uuid.uuid4(), applicant_id="race-applicant",
                       applicant_name="赵六", society_code=society, level="professional",
                       field_code="civil", employers=[], international_titles=[],
                       fast_track=False, status="assessment", materials_outcome="passed",
                       deadline=date(2027, 1, 1), submitted_at=datetime(2026, 7, 1, tzinfo=UTC)))
        await setup.flush()
        for subject in subjects:
            member = Examiner(id=uuid.uuid4(), society_code=society, subject=subject,
                              name=subject, employer="同济大学", fields=["civil"], specialties=[],
                              levels=["professional"], status="active")
            setup.add(member)
            await setup.flush()
            setup.add(PanelSeat(id=uuid.uuid4(), case_id=case_id, examiner_id=member.id,
                                status="cleared", assigned_by="staff",
                                assigned_at=datetime.now(UTC)))
        setup.add(Interview(id=uuid.uuid4(), case_id=case_id, status="scheduled",
                            scheduled_at=datetime.now(UTC), mode="online", location="x",
                            scheduled_by="staff"))

    def principal(subject: str) -> Principal:
        return Principal(subject=subject, role=Role.EXAMINER, name=subject, society=society)

    body = ScoresIn(scores=CompetencyScores(knowledge=Decimal(21), ethics=Decimal(12),
                                            teamwork=Decimal(9), development=Decimal(9),
                                            leadership=Decimal(9)))

    async def second_save(own: AsyncSession) -> str:
        try:
            await interviews.save_scores(own, principal(subjects[1]), case_id, 1, body)
            return "saved"
        except PreconditionFailed:
            return "412"

    try:
        async with (AsyncSession(engine, expire_on_commit=False) as first,
                    AsyncSession(engine, expire_on_commit=False) as second):
            async with first.begin():
                # The first save has written version 2 and holds the row, uncommitted.
                await interviews.save_scores(first, principal(subjects[0]), case_id, 1, body)
                pid = await backend_pid(second)
                racing = asyncio.create_task(second_save(second))
                # The second save read version 1 too and now waits for the row.
                await wait_until_blocked(engine, pid)
            assert await asyncio.wait_for(racing, timeout=10) == "412"
            await second.rollback()
        async with AsyncSession(engine) as check:
            sheet = await check.scalar(select(Interview).where(Interview.case_id == case_id))
            assert sheet is not None
            assert sheet.version == 2
            assert sheet.updated_by == subjects[0]
    finally:
        async with AsyncSession(engine) as cleanup, cleanup.begin():
            await cleanup.execute(delete(Case).where(Case.id == case_id))
            await cleanup.execute(delete(AuditEntry).where(AuditEntry.case_id == case_id))
            await cleanup.execute(delete(Examiner).where(Examiner.subject.in_(subjects)))


async def test_scores_are_refused_before_the_interview_begins(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session)
    await schedule_interview(client, case_id)  # 20 October 2026, 09:00 in Beijing
    frozen = FrozenClock(datetime(2026, 10, 20, 0, 59, tzinfo=UTC))
    with clock.use(frozen):
        early = await score(client, case_id, LI, (28, 16, 12, 12, 12))
        assert early.status_code == 409, early.text
        assert early.headers["content-type"] == "application/problem+json"
        assert early.json()["type"].endswith("/interview-not-held-yet")
        assert "2026年10月20日 09:00" in early.json()["detail"]
        assert "2026-10-20 09:00 Beijing time" in early.json()["detail"]
        draft = await score(client, case_id, LI, (28, 16, 12, 12, 12), submit=False)
        assert draft.status_code == 409
        frozen.advance(timedelta(minutes=1))
        on_time = await score(client, case_id, LI, (28, 16, 12, 12, 12))
        assert on_time.status_code == 200, on_time.text
        assert on_time.json()["lines"][0]["submitted_at"] is not None


async def test_submitted_reviews_scores_and_trainings_are_published_for_oversight(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session)
    await schedule_interview(client, case_id)
    await score(client, case_id, LI, (28, 16, 12, 12, 12), submit=False)
    assert await events(session, "evaluation.interview_scored") == []  # a draft is not news
    await score(client, case_id, LI, (28, 16, 12, 12, 12))
    scored = [e["data"] for e in await events(session, "evaluation.interview_scored")]
    assert [(s["examiner_id"], s["total"], s["level"]) for s in scored] == [
        (LI, 80.0, "professional")]
    assert scored[0]["scores"]["knowledge"] == 28.0
    reviews = [e["data"] for e in await events(session, "evaluation.review_submitted")]
    assert sorted((r["examiner_id"], r["competencies_achieved"], r["recommendation"])
                  for r in reviews) == [(LI, 5, "pass"), (WANG, 5, "pass")]
    trained = [e["data"] for e in await events(session, "examiner.trained")]
    assert {(t["examiner_id"], t["society_code"], t["completed_on"]) for t in trained} == {
        (LI, "cces", "2026-03-15"), (WANG, "cces", "2026-03-15")}
