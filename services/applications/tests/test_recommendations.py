from typing import Any

import httpx
from applications.models import Candidate, Recommendation, RecommendedEngineer
from applications_factories import committee, enterprise, event_types, recommendation_body
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def test_push_stores_and_emits_received(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post("/v1/recommendations", json=recommendation_body(),
                                 headers=enterprise())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["candidates"][0]["status"] == "pending"
    assert body["candidates"][0]["mobile"] == "+8613800000000"
    assert await event_types(session) == ["recommendation.received"]


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
    assert await event_types(session) == ["recommendation.received"]


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
    [item] = unknown_field.json()["errors"]
    assert item.keys() == {"location", "code", "message_zh", "message_en"}
    assert (item["location"][-1], item["code"]) == ("field_code", "unknown_field")
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
    assert await event_types(session) == ["recommendation.received", "recommendation.screened"]


async def test_rejection_needs_a_reason(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id = created.json()["candidates"][0]["id"]
    for body in ({"decision": "rejected"}, {"decision": "rejected", "reason": "   "}):
        response = await client.post(f"/v1/candidates/{candidate_id}/screening", json=body,
                                     headers=committee())
        assert response.status_code == 422
        problem = response.json()
        assert problem["type"].endswith("screening-incomplete")
        assert "理由" in problem["detail"]
        assert "reason" in problem["detail"]
    # Nothing was decided: the candidate is still pending and nobody was told anything.
    still = await client.get(f"/v1/candidates/{candidate_id}", headers=committee())
    assert (still.json()["status"], still.json()["screened_at"]) == ("pending", None)
    assert await event_types(session) == ["recommendation.received"]
    rejected = await client.post(f"/v1/candidates/{candidate_id}/screening",
                                 json={"decision": "rejected", "reason": "无境外工程经历"},
                                 headers=committee())
    assert rejected.json()["screening_reason"] == "无境外工程经历"


def annex3_body() -> dict[str, Any]:
    body = recommendation_body()
    candidate = body.pop("candidates")[0]
    body["projects"] = [{
        "name": "仰光大桥项目", "country": "MM", "project_type": "contracting",
        "project_status": "under_construction", "chinese_engineers_abroad": 120,
        "foreign_engineers_hired": 300, "engineers_meeting_basics": 45,
        "candidates": [candidate],
    }]
    body["planned_candidates"] = [{
        **candidate, "name": "李四", "mobile": "13900000000", "location": "中国",
        "level": "senior", "planned_project": "蒙内铁路二期", "planned_country": "肯尼亚",
    }]
    return body


async def test_projects_and_planned_engineers_are_stored(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/recommendations", json=annex3_body(), headers=enterprise())
    assert response.status_code == 201, response.text
    body = response.json()
    [project] = body["projects"]
    assert project["country"] == "MM"
    deployed, planned = body["candidates"]
    assert deployed["project_id"] == project["id"]
    assert (planned["section"], planned["planned_country"]) == ("planned", "KE")
    bad = annex3_body()
    bad["projects"][0]["engineers_meeting_basics"] = 500
    bad["projects"][0]["project_type"] = "smuggling"
    rejected = await client.post("/v1/recommendations", json=bad, headers=enterprise())
    assert rejected.status_code == 422
    assert rejected.json()["errors"][0]["location"][-1] == "project_type"
    bad["projects"][0]["project_type"] = "aid"
    counts = await client.post("/v1/recommendations", json=bad, headers=enterprise())
    assert counts.status_code == 422
    assert "engineers meeting the basics cannot outnumber" in counts.text


async def test_the_same_engineer_recommended_twice_is_linked(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = await client.post("/v1/recommendations", json=recommendation_body(),
                              headers=enterprise("ent-a"))
    # Another enterprise, the mobile written differently: the same person.
    second = await client.post("/v1/recommendations",
                               json=recommendation_body(mobile="+86 138 0000 0000"),
                               headers=enterprise("ent-b"))
    one, two = first.json()["candidates"][0], second.json()["candidates"][0]
    assert one["engineer_id"] == two["engineer_id"]
    assert (two["status"], two["linked_candidate_id"]) == ("linked", one["id"])
    screening = await client.post(f"/v1/candidates/{two['id']}/screening",
                                  json={"decision": "accepted"}, headers=committee())
    assert screening.status_code == 409
    assessment = await client.get(f"/v1/candidates/{one['id']}/assessment", headers=committee())
    codes = {r["code"]: r["outcome"] for r in assessment.json()["rules"]}
    assert codes["other_recommendations"] == "judgement"
    assert codes["overseas"] == "passed"
    assert assessment.json()["suggested_society_code"] == "cces"
    assert await session.scalar(select(func.count()).select_from(Candidate)) == 2


async def test_the_same_engineer_twice_in_one_push_is_one_engineer(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    body = recommendation_body()
    body["candidates"].append({**body["candidates"][0], "mobile": "+86 138 0000 0000"})
    pushed = await client.post("/v1/recommendations", json=body, headers=enterprise())
    assert pushed.status_code == 201, pushed.text
    one, two = pushed.json()["candidates"]
    assert one["engineer_id"] == two["engineer_id"]
    assert (one["status"], two["status"]) == ("pending", "linked")
    assert two["linked_candidate_id"] == one["id"]
    assert await session.scalar(select(func.count()).select_from(RecommendedEngineer)) == 1


async def test_society_must_be_authorized_for_the_field(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id = created.json()["candidates"][0]["id"]
    wrong = await client.post(f"/v1/candidates/{candidate_id}/screening",
                              json={"decision": "accepted", "society_code": "csee"},
                              headers=committee())
    assert wrong.status_code == 422
    corrected = await client.post(
        f"/v1/candidates/{candidate_id}/screening",
        json={"decision": "accepted", "field_code": "electrical"}, headers=committee(),
    )
    assert corrected.json()["society_code"] == "csee"
    assert corrected.json()["field_code"] == "electrical"


async def test_enterprise_sees_only_its_own_candidates(client: httpx.AsyncClient) -> None:
    mine = await client.post("/v1/recommendations", json=recommendation_body(),
                             headers=enterprise("ent-a"))
    candidate_id = mine.json()["candidates"][0]["id"]
    other = await client.get(f"/v1/candidates/{candidate_id}", headers=enterprise("ent-b"))
    assert other.status_code == 404
    assert (await client.get("/v1/candidates", headers=enterprise("ent-b"))).json()["items"] == []
    own = await client.get(f"/v1/candidates/{candidate_id}", headers=enterprise("ent-a"))
    assert own.json()["status"] == "pending"
    denied = await client.get(f"/v1/candidates/{candidate_id}/assessment",
                              headers=enterprise("ent-a"))
    assert denied.status_code == 403


async def test_identity_number_links_an_engineer_whose_mobile_changed(
    client: httpx.AsyncClient,
) -> None:
    first = await client.post(
        "/v1/recommendations", json=recommendation_body(id_number="11010519491231002X"),
        headers=enterprise("ent-a"),
    )
    second = await client.post(
        "/v1/recommendations",
        json=recommendation_body(id_number="11010519491231002x", mobile="13911112222"),
        headers=enterprise("ent-b"),
    )
    one, two = first.json()["candidates"][0], second.json()["candidates"][0]
    assert one["engineer_id"] == two["engineer_id"]
    assert "id_number" not in two
    invalid = await client.post("/v1/recommendations",
                                json=recommendation_body(id_number="110105194912310021"),
                                headers=enterprise())
    assert invalid.status_code == 422
