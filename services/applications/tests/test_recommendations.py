import httpx
from applications.models import Recommendation, outbox
from applications_factories import committee, enterprise, recommendation_body
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def outbox_types(session: AsyncSession) -> list[str]:
    return list((await session.scalars(select(outbox.c.type).order_by(outbox.c.seq))).all())


async def test_push_stores_and_emits_received(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations", json=recommendation_body(),
                                 headers=enterprise())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["candidates"][0]["status"] == "pending"
    assert body["candidates"][0]["mobile"] == "+8613800000000"
    assert await outbox_types(session) == ["recommendation.received"]


async def test_retry_with_same_idempotency_key_creates_nothing_twice(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    headers = {**enterprise(), "Idempotency-Key": "push-42"}
    first = await client.post("/v1/recommendations", json=recommendation_body(), headers=headers)
    again = await client.post("/v1/recommendations", json=recommendation_body(), headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert await session.scalar(select(func.count()).select_from(Recommendation)) == 1
    assert await outbox_types(session) == ["recommendation.received"]


async def test_same_key_with_other_content_is_a_conflict(client: httpx.AsyncClient) -> None:
    headers = {**enterprise(), "Idempotency-Key": "push-43"}
    await client.post("/v1/recommendations", json=recommendation_body(), headers=headers)
    other = await client.post(
        "/v1/recommendations", json=recommendation_body(name="李四"), headers=headers
    )
    assert other.status_code == 409
    assert other.headers["content-type"] == "application/problem+json"


async def test_invalid_candidate_is_rejected_and_nothing_stored(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    body = recommendation_body(mobile="12345", practice="字" * 301)
    response = await client.post("/v1/recommendations", json=body, headers=enterprise())
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    locations = {".".join(e["location"]) for e in problem["errors"]}
    assert {"body.candidates.0.mobile", "body.candidates.0.practice"} <= locations
    unknown_field = await client.post(
        "/v1/recommendations", json=recommendation_body(field_code="alchemy"),
        headers=enterprise(),
    )
    assert unknown_field.status_code == 422
    assert "alchemy" in unknown_field.json()["detail"]
    assert await session.scalar(select(func.count()).select_from(Recommendation)) == 0


async def test_enterprise_sees_only_its_own(client: httpx.AsyncClient) -> None:
    mine = await client.post("/v1/recommendations", json=recommendation_body(),
                             headers=enterprise("ent-a"))
    other = await client.get(f"/v1/recommendations/{mine.json()['id']}",
                             headers=enterprise("ent-b"))
    assert other.status_code == 404
    listed = await client.get("/v1/recommendations", headers=enterprise("ent-b"))
    assert listed.json()["items"] == []
    own = await client.get("/v1/recommendations", headers=enterprise("ent-a"))
    assert own.json()["items"][0]["candidates"][0]["mobile"] == "+86138****0000"


async def test_only_enterprises_push_and_only_committee_screens(
    client: httpx.AsyncClient,
) -> None:
    assert (await client.post("/v1/recommendations", json=recommendation_body())).status_code == 401
    denied = await client.post("/v1/recommendations", json=recommendation_body(),
                               headers=committee())
    assert denied.status_code == 403
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id = created.json()["candidates"][0]["id"]
    by_enterprise = await client.post(f"/v1/candidates/{candidate_id}/screening",
                                      json={"decision": "accepted"}, headers=enterprise())
    assert by_enterprise.status_code == 403


async def test_committee_accepts_and_assigns_the_field_society(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id = created.json()["candidates"][0]["id"]
    screened = await client.post(f"/v1/candidates/{candidate_id}/screening",
                                 json={"decision": "accepted"}, headers=committee())
    assert screened.status_code == 200, screened.text
    assert screened.json()["society_code"] == "cces"
    twice = await client.post(f"/v1/candidates/{candidate_id}/screening",
                              json={"decision": "rejected", "reason": "x"}, headers=committee())
    assert twice.status_code == 409
    assert await outbox_types(session) == ["recommendation.received", "recommendation.screened"]


async def test_rejection_needs_a_reason(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id = created.json()["candidates"][0]["id"]
    response = await client.post(f"/v1/candidates/{candidate_id}/screening",
                                 json={"decision": "rejected"}, headers=committee())
    assert response.status_code == 422
