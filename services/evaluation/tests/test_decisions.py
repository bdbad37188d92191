"""Deliberation, public notice, objections, approval (by hand and by the job), fast track."""

from datetime import UTC, datetime, timedelta

import httpx
from evaluation.decisions.service import approve_ended_notices
from evaluation.models import outbox
from evaluation_factories import (
    clear_panel,
    create_case,
    events,
    full_review,
    secretariat,
    set_policy,
    staff,
    submit_review,
    to_deliberation,
)
from kit import clock
from kit.clock import FrozenClock
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

# Friday 20 November 2026, 10:00 in Beijing: five working days end on Friday 27 November.
PUBLISHED = datetime(2026, 11, 20, 2, tzinfo=UTC)
OBJECTION = {"objector_name": "王五", "contact": "wangwu@example.cn",
             "text": "据我所知，申请人所述仰光大桥项目的主桥设计并非由其本人负责。"}


async def test_pass_publishes_a_notice_and_the_job_approves_when_it_ends(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    frozen = FrozenClock(PUBLISHED)
    with clock.use(frozen):
        case_id = await to_deliberation(client, session)
        passed = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                                   json={"outcome": "passed", "reasons": "各项能力均达到要求"})
        assert passed.status_code == 200, passed.text
        assert passed.json()["status"] == "notice"
        published = await events(session, "evaluation.notice_published")
        assert published[0]["data"]["notice_until"] == "2026-11-27"
        listed = (await client.get("/v1/public-notices")).json()["items"]
        assert [set(n) for n in listed] == [{
            "id", "applicant_name", "society_code", "society_name", "society_name_en",
            "field_code", "field_name", "field_name_en", "level", "level_name",
            "level_name_en", "notice_until"}]
        assert listed[0]["applicant_name"] == "张三"
        assert (listed[0]["society_name"], listed[0]["society_name_en"]) == (
            "中国土木工程学会", "China Civil Engineering Society")
        assert (listed[0]["level_name"], listed[0]["level_name_en"]) == (
            "专业工程会员", "professional")
        assert (listed[0]["field_name"], listed[0]["field_name_en"]) == (
            "土木工程类", "Civil engineering")
        early = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
        assert early.status_code == 409
        assert early.json()["type"].endswith("/notice-still-running")

        frozen.advance(timedelta(days=7, hours=13))  # Friday 27 Nov, 23:00 in Beijing
        assert await approve_ended_notices(session, clock.now()) == 0
        frozen.advance(timedelta(hours=2))  # Saturday 28 Nov, 01:00 in Beijing
        assert await approve_ended_notices(session, clock.now()) == 1
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert case["status"] == "approved"
        approved = await events(session, "evaluation.approved")
        assert approved[0]["data"]["applicant_name"] == "张三"
        assert approved[0]["data"]["level"] == "professional"
        assert (await client.get("/v1/public-notices")).json()["items"] == []
        again = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
        assert again.json()["status"] == "approved"
        assert len(await events(session, "evaluation.approved")) == 1


async def test_objection_during_the_notice_blocks_approval_until_resolved(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    frozen = FrozenClock(PUBLISHED)
    with clock.use(frozen):
        case_id = await to_deliberation(client, session)
        await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                          json={"outcome": "passed"})
        notice_id = (await client.get("/v1/public-notices")).json()["items"][0]["id"]
        bad_contact = await client.post(f"/v1/public-notices/{notice_id}/objections",
                                        json={**OBJECTION, "contact": "ask around"})
        assert bad_contact.status_code == 422
        lodged = await client.post(f"/v1/public-notices/{notice_id}/objections", json=OBJECTION)
        assert lodged.status_code == 201, lodged.text
        assert "received" in lodged.json()["message"]
        stored = await session.scalar(text("SELECT contact FROM objections"))
        assert stored is not None
        assert "wangwu" not in stored

        frozen.advance(timedelta(days=10))
        late = await client.post(f"/v1/public-notices/{notice_id}/objections", json=OBJECTION)
        assert late.status_code == 409
        assert await approve_ended_notices(session, clock.now()) == 0
        blocked = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
        assert blocked.status_code == 409
        assert blocked.json()["type"].endswith("/objections-open")
        objections = (await client.get(f"/v1/cases/{case_id}/objections",
                                       headers=staff())).json()["items"]
        assert objections[0]["contact"] == "wangwu@example.cn"
        resolved = await client.post(
            f"/v1/cases/{case_id}/objections/{objections[0]['id']}/resolution",
            headers=staff(), json={"outcome": "dismissed",
                                   "reasons": "经核实项目负责人证明，主桥设计由申请人负责。"})
        assert resolved.json()["status"] == "dismissed"
        [told] = list(await session.scalars(
            select(outbox.c.envelope).where(outbox.c.type == "evaluation.objection_resolved")))
        # The objector, who has no account, is told the outcome at the address they left.
        assert told["data"]["contact_email"] == "wangwu@example.cn"
        assert told["data"]["outcome"] == "dismissed"
        assert await approve_ended_notices(session, clock.now()) == 1
        assert (await client.get(f"/v1/cases/{case_id}", headers=staff())
                ).json()["status"] == "approved"


async def test_upheld_objection_reverses_the_decision(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    with clock.use(FrozenClock(PUBLISHED)):
        case_id = await to_deliberation(client, session)
        await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                          json={"outcome": "passed"})
        notice_id = (await client.get("/v1/public-notices")).json()["items"][0]["id"]
        lodged = await client.post(f"/v1/public-notices/{notice_id}/objections", json=OBJECTION)
        reasons = "经核实，仰光大桥主桥设计负责人另有其人，申请材料中的个人贡献不属实。"
        upheld = await client.post(
            f"/v1/cases/{case_id}/objections/{lodged.json()['id']}/resolution",
            headers=staff(), json={"outcome": "upheld", "reasons": reasons})
        assert upheld.status_code == 200, upheld.text
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert (case["status"], case["outcome"], case["reasons"]) == ("failed", "failed", reasons)
        decided = await events(session, "evaluation.decided")
        assert [d["data"]["outcome"] for d in decided] == ["passed", "failed"]
        assert (await client.get("/v1/public-notices")).json()["items"] == []
        actions = [e["action"] for e in (await client.get(f"/v1/cases/{case_id}/audit",
                                                          headers=staff())).json()["items"]]
        assert actions[-2:] == ["objection.upheld", "decision.reversed"]


async def test_the_shortest_notice_is_one_working_day(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """A society at the CSE's floor (1 working day, the setting the e2e test uses): the pass
    is registered only after that working day has ended in Beijing."""
    await set_policy(client, notice_working_days=1)
    frozen = FrozenClock(PUBLISHED)  # Friday: the one working day is Monday 23 November
    with clock.use(frozen):
        case_id = await to_deliberation(client, session)
        await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                          json={"outcome": "passed"})
        published = await events(session, "evaluation.notice_published")
        assert published[0]["data"]["notice_until"] == "2026-11-23"
        early = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
        assert early.status_code == 409, early.text
        assert early.json()["type"].endswith("/notice-still-running")
        frozen.advance(timedelta(days=3, hours=13, minutes=59))  # Monday 23:59 in Beijing
        assert (await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
                ).status_code == 409
        frozen.advance(timedelta(minutes=2))
        approved = await client.post(f"/v1/cases/{case_id}/approval", headers=staff())
        assert approved.status_code == 200, approved.text
        assert approved.json()["status"] == "approved"
    types = [e["type"] for e in await events(session)]
    assert types[-3:] == ["evaluation.decided", "evaluation.notice_published",
                          "evaluation.approved"]


async def test_fast_track_is_materials_only_and_needs_the_secretariat(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session, fast_track=True, international_titles=["APEC Engineer"])
    await clear_panel(client, case_id, ["exam-li", "exam-wang"])
    for subject in ("exam-li", "exam-wang"):
        await submit_review(client, case_id, subject, full_review())
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (case["status"], case["interview_outcome"]) == ("deliberation", "not_required")
    refused = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                                json={"outcome": "passed"})
    assert refused.status_code == 409
    assert "secretariat" in refused.json()["detail"]
    assert (await client.post(f"/v1/cases/{case_id}/fast-track-confirmation",
                              headers=staff())).status_code == 403
    confirmed = await client.post(f"/v1/cases/{case_id}/fast-track-confirmation",
                                  headers=secretariat())
    assert confirmed.json()["fast_track_confirmed_at"] is not None
    passed = await client.post(f"/v1/cases/{case_id}/decision", headers=staff(),
                               json={"outcome": "passed"})
    assert passed.status_code == 200, passed.text
    normal = await create_case(session)
    assert (await client.post(f"/v1/cases/{normal}/fast-track-confirmation",
                              headers=secretariat())).status_code == 409
