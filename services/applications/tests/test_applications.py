import httpx
from applications.models import outbox
from applications_factories import (
    applicant,
    committee,
    enterprise,
    recommendation_body,
    society_admin,
)
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession


async def accepted_candidate(client: httpx.AsyncClient) -> str:
    created = await client.post("/v1/recommendations", json=recommendation_body(),
                                headers=enterprise())
    candidate_id: str = created.json()["candidates"][0]["id"]
    await client.post(f"/v1/candidates/{candidate_id}/screening", json={"decision": "accepted"},
                      headers=committee())
    return candidate_id


async def test_draft_submit_and_accept_emit_what_evaluation_needs(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id = await accepted_candidate(client)
    draft = await client.post(
        "/v1/applications",
        json={"level": "professional", "field_code": "civil",
              "specialty_code": "civil.structural", "candidate_id": candidate_id},
        headers=applicant(),
    )
    assert draft.status_code == 201, draft.text
    application_id = draft.json()["id"]
    assert draft.json()["society_code"] == "cces"
    submitted = await client.post(f"/v1/applications/{application_id}/submit",
                                  headers=applicant())
    assert submitted.json()["status"] == "submitted"
    accepted = await client.post(f"/v1/applications/{application_id}/formal-check",
                                 json={"decision": "accept"}, headers=society_admin("cces"))
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    event = (await session.execute(
        select(outbox.c.envelope).where(outbox.c.type == "application.accepted")
    )).scalar_one()
    assert event["data"]["application_id"] == application_id
    assert event["data"]["recommending_enterprise"] == "中国路桥工程有限责任公司"
    assert event["subject"] == f"applications/{application_id}"
    locked = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert locked.status_code == 409


async def test_other_society_and_other_applicant_cannot_see_it(client: httpx.AsyncClient) -> None:
    draft = await client.post("/v1/applications", json={"level": "senior", "field_code": "civil"},
                              headers=applicant())
    application_id = draft.json()["id"]
    await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    for headers in (society_admin("csee"), applicant("user-li", "李四")):
        response = await client.get(f"/v1/applications/{application_id}", headers=headers)
        assert response.status_code == 404
    check = await client.post(f"/v1/applications/{application_id}/formal-check",
                              json={"decision": "accept"}, headers=society_admin("csee"))
    assert check.status_code == 404
    listed = await client.get("/v1/applications", headers=society_admin("csee"))
    assert listed.json()["items"] == []
    own = await client.get("/v1/applications", headers=society_admin("cces"))
    assert [a["id"] for a in own.json()["items"]] == [application_id]


async def test_return_needs_reasons_and_allows_resubmission(client: httpx.AsyncClient) -> None:
    draft = await client.post("/v1/applications",
                              json={"level": "professional", "field_code": "civil"},
                              headers=applicant())
    application_id = draft.json()["id"]
    await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    no_reason = await client.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "return"}, headers=society_admin())
    assert no_reason.status_code == 422
    returned = await client.post(f"/v1/applications/{application_id}/formal-check",
                                 json={"decision": "return", "reasons": "学历证明不清晰"},
                                 headers=society_admin())
    assert returned.json()["status"] == "returned"
    again = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert again.json()["status"] == "submitted"


async def test_candidate_of_someone_else_cannot_be_referenced(client: httpx.AsyncClient) -> None:
    candidate_id = await accepted_candidate(client)
    response = await client.post(
        "/v1/applications",
        json={"level": "professional", "field_code": "civil", "candidate_id": candidate_id},
        headers=applicant("user-li", "李四"),
    )
    assert response.status_code == 422
