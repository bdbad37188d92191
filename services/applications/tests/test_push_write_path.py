"""The write path of recommendation pushes: a retry racing the first request, large pushes and
pushes rejected by one bad candidate, and engineers linked across pushes in one query."""

import asyncio
import uuid
from typing import Any

import httpx
from applications.models import Candidate, Recommendation, RecommendedEngineer, outbox
from applications_factories import HARNESS, enterprise, recommendation_body
from sqlalchemy import delete, func, select
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


def candidate(number: int, **changes: Any) -> dict[str, Any]:
    return {
        "name": f"工程师{number}", "mobile": f"138{number:08d}", "field_code": "civil",
        "location": "缅甸", "level": "professional",
        "practice": "曾参与仰光大桥工程项目，负责主桥结构设计与施工技术方案。", **changes,
    }


def big_push(count: int, **bad: Any) -> dict[str, Any]:
    body = recommendation_body()
    body["candidates"] = [candidate(n) for n in range(count)]
    if bad:
        body["candidates"][count // 2].update(bad)
    return body


async def count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def remove_pushes(engine: AsyncEngine, enterprise_id: str) -> None:
    """What a test's pushes committed through the real unit of work: removed, with their
    engineers and outbox rows, so that the other tests' counts hold."""
    async with AsyncSession(engine) as session, session.begin():
        ids = select(Recommendation.id).where(Recommendation.enterprise_id == enterprise_id)
        engineers = select(Candidate.engineer_id).where(Candidate.recommendation_id.in_(ids))
        subjects = [f"recommendations/{i}" for i in (await session.scalars(ids)).all()]
        engineer_ids = (await session.scalars(engineers)).all()
        await session.execute(delete(outbox).where(outbox.c.subject.in_(subjects)))
        await session.execute(delete(Candidate).where(Candidate.recommendation_id.in_(ids)))
        await session.execute(delete(RecommendedEngineer).where(
            RecommendedEngineer.id.in_(engineer_ids)))
        await session.execute(delete(Recommendation).where(
            Recommendation.enterprise_id == enterprise_id))


async def test_a_retry_racing_the_first_request_stores_once(engine: AsyncEngine) -> None:
    """Through the real unit of work (a session and a commit per request), four requests with
    one key at once: the first stores, the others wait for its commit and replay it."""
    enterprise_id = f"ent-race-{uuid.uuid4().hex[:8]}"
    headers = {**enterprise(enterprise_id), "Idempotency-Key": "race-1"}
    try:
        async with HARNESS.committing_client() as (_, client):
            responses = await asyncio.gather(*(
                client.post("/v1/recommendations", json=recommendation_body(), headers=headers)
                for _ in range(4)))
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200, 200, 200, 201], [r.text for r in responses]
        assert len({r.json()["id"] for r in responses}) == 1
        assert {len(r.json()["candidates"]) for r in responses} == {1}
        async with AsyncSession(engine) as session:
            stored = (await session.scalars(select(Recommendation.id).where(
                Recommendation.enterprise_id == enterprise_id))).all()
            assert [str(i) for i in stored] == [responses[0].json()["id"]]
            assert await session.scalar(select(func.count()).select_from(Candidate).where(
                Candidate.recommendation_id == stored[0])) == 1
            assert await session.scalar(select(func.count()).select_from(outbox).where(
                outbox.c.subject == f"recommendations/{stored[0]}")) == 1
    finally:  # committed for real: removed so the other tests' counts hold
        await remove_pushes(engine, enterprise_id)


async def test_a_one_candidate_push_is_two_statements_in_its_transaction(
    engine: AsyncEngine,
) -> None:
    """Through the real unit of work: the recommendation's INSERT, the field check and the
    engineer lookup go as one statement, the rows as another (BEGIN and COMMIT go through
    the driver's transaction calls, not as statements). Counted on the app's own engine, so
    one more round trip added to the hot path fails here."""
    enterprise_id = f"ent-trips-{uuid.uuid4().hex[:8]}"
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement.split(None, 1)[0])

    try:
        async with HARNESS.committing_client() as (app, client):
            app_engine = app.state.engine.sync_engine
            sqlalchemy_event.listen(app_engine, "before_cursor_execute", note)
            pushed = await client.post("/v1/recommendations", json=recommendation_body(),
                                       headers=enterprise(enterprise_id))
            sqlalchemy_event.remove(app_engine, "before_cursor_execute", note)
        assert pushed.status_code == 201, pushed.text
        assert statements == ["WITH", "WITH"], statements
    finally:
        await remove_pushes(engine, enterprise_id)


async def test_the_same_key_of_another_enterprise_is_another_push(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    for enterprise_id in ("ent-a", "ent-b"):
        response = await client.post(
            "/v1/recommendations", json=recommendation_body(),
            headers={**enterprise(enterprise_id), "Idempotency-Key": "shared-key"})
        assert response.status_code == 201, response.text
    assert await count(session, Recommendation) == 2


async def test_five_hundred_candidates_in_one_push(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations", json=big_push(500),
                                 headers=enterprise())
    assert response.status_code == 201, response.text
    body = response.json()
    assert [c["status"] for c in body["candidates"]] == ["pending"] * 500
    assert [c["name"] for c in body["candidates"]][:2] == ["工程师0", "工程师1"]
    assert len({c["claim_code"] for c in body["candidates"]}) == 500
    assert await count(session, Candidate) == 500
    assert await count(session, RecommendedEngineer) == 500
    assert await count(session, outbox) == 1
    positions = (await session.scalars(
        select(Candidate.position).order_by(Candidate.position))).all()
    assert list(positions) == list(range(1, 501))


async def test_one_bad_candidate_of_five_hundred_stores_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    unknown = await client.post("/v1/recommendations", json=big_push(500, field_code="alchemy"),
                                headers={**enterprise(), "Idempotency-Key": "bad-field"})
    assert unknown.status_code == 422, unknown.text
    [error] = unknown.json()["errors"]
    assert error["location"] == ["body", "candidates", "250", "field_code"]
    invalid = await client.post("/v1/recommendations", json=big_push(500, mobile="12345"),
                                headers=enterprise())
    assert invalid.status_code == 422
    for model in (Recommendation, Candidate, RecommendedEngineer, outbox):
        assert await count(session, model) == 0
    # The rejected push did not take its key: corrected, it is stored.
    fixed = await client.post("/v1/recommendations", json=big_push(3),
                              headers={**enterprise(), "Idempotency-Key": "bad-field"})
    assert fixed.status_code == 201, fixed.text


async def test_engineers_are_linked_across_pushes_and_within_one(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = await client.post("/v1/recommendations", json=recommendation_body(),
                              headers=enterprise("ent-a"))
    # The same engineer again, now with an identity number, twice in one push.
    body = recommendation_body(id_number="11010519491231002X")
    body["candidates"].append({**body["candidates"][0], "mobile": "13911112222"})
    second = await client.post("/v1/recommendations", json=body, headers=enterprise("ent-b"))
    assert second.status_code == 201, second.text
    [one] = first.json()["candidates"]
    two, three = second.json()["candidates"]
    assert one["engineer_id"] == two["engineer_id"] == three["engineer_id"]
    assert (two["status"], two["linked_candidate_id"]) == ("linked", one["id"])
    assert (three["status"], three["linked_candidate_id"]) == ("linked", one["id"])
    engineer = await session.get(RecommendedEngineer, one["engineer_id"])
    assert engineer is not None
    assert engineer.identity_index is not None
    assert await count(session, RecommendedEngineer) == 1
