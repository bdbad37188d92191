"""The engineer finds their recommendation, by the enterprise's claim code or by the identity
number in their profile, and applies on it."""

import re

import httpx
from applications_factories import (
    RESIDENT_ID,
    applicant,
    committee,
    complete_application,
    draft,
    enterprise,
    profile_body,
    recommendation_body,
)

CODE = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")
LI = {"name": "李四", "mobile": "13911112222"}


async def push(client: httpx.AsyncClient, **candidate: object) -> dict[str, str]:
    pushed = await client.post("/v1/recommendations", json=recommendation_body(**candidate),
                               headers=enterprise())
    assert pushed.status_code == 201, pushed.text
    result: dict[str, str] = pushed.json()["candidates"][0]
    return result


async def test_the_push_returns_a_claim_code_per_candidate_for_the_enterprise_only(
    client: httpx.AsyncClient,
) -> None:
    candidate = await push(client)
    assert CODE.match(candidate["claim_code"])
    own = await client.get(f"/v1/candidates/{candidate['id']}", headers=enterprise())
    assert own.json()["claim_code"] == candidate["claim_code"]
    seen_by_committee = await client.get(f"/v1/candidates/{candidate['id']}",
                                         headers=committee())
    assert seen_by_committee.json()["claim_code"] is None


async def test_a_claimed_recommendation_is_found_and_applied_on(
    client: httpx.AsyncClient,
) -> None:
    candidate = await push(client, **LI)
    li = applicant("user-li", "李四")
    await client.put("/v1/applicants/me",
                     json=profile_body(name="李四", mobile="13911112222", id_type="passport",
                                       id_number="E12345678", nationality="SG"), headers=li)
    assert (await client.get("/v1/applicants/me/recommendations",
                             headers=li)).json() == {"items": [], "next_cursor": None}
    typed = candidate["claim_code"].replace("-", " ").lower()
    claimed = await client.post("/v1/applicants/me/recommendations/claim",
                                json={"code": typed}, headers=li)
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["candidate_id"] == candidate["id"]
    assert claimed.json()["found_by"] == "claim_code"
    assert claimed.json()["enterprise_name"] == "中国路桥工程有限责任公司"
    assert claimed.json()["status_words"] == {"zh": "待初筛", "en": "awaiting pre-screening"}
    [listed] = (await client.get("/v1/applicants/me/recommendations", headers=li)).json()["items"]
    assert listed["candidate_id"] == candidate["id"]

    taken = await client.post("/v1/applicants/me/recommendations/claim",
                              json={"code": candidate["claim_code"]},
                              headers=applicant("user-wang", "王五"))
    assert taken.status_code == 409
    assert taken.json()["type"].endswith("recommendation-claimed-by-another")
    unknown = await client.post("/v1/applicants/me/recommendations/claim",
                                json={"code": "AAAA-BBBB-CCCC"}, headers=li)
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("claim-code-unknown")

    await client.post(f"/v1/candidates/{candidate['id']}/screening",
                      json={"decision": "accepted"}, headers=committee())
    application_id = await draft(client, li, candidate_id=candidate["id"])
    [listed] = (await client.get("/v1/applicants/me/recommendations", headers=li)).json()["items"]
    assert listed["application_id"] == application_id
    assert listed["status"] == "accepted"
    # Nobody else can apply on it, not even with the same name.
    other = await client.post("/v1/applications", json={
        "level": "professional", "field_code": "civil", "candidate_id": candidate["id"]},
        headers=applicant("user-li-2", "李四"))
    assert other.status_code == 422


async def test_the_identity_number_finds_and_links_the_recommendation(
    client: httpx.AsyncClient,
) -> None:
    # The HR system knew the ID number but had an old mobile.
    candidate = await push(client, id_number=RESIDENT_ID, mobile="13600000000")
    await client.post(f"/v1/candidates/{candidate['id']}/screening",
                      json={"decision": "accepted"}, headers=committee())
    await client.put("/v1/applicants/me", json=profile_body(), headers=applicant())
    [found] = (await client.get("/v1/applicants/me/recommendations",
                                headers=applicant())).json()["items"]
    assert (found["candidate_id"], found["found_by"]) == (candidate["id"], "identity_number")
    # Applying in that field and level without naming it links it all the same.
    application_id = await draft(client)
    shown = await client.get(f"/v1/applications/{application_id}", headers=applicant())
    assert shown.json()["candidate_id"] == candidate["id"]
    await complete_application(client, application_id, applicant())
    submitted = await client.post(f"/v1/applications/{application_id}/submit",
                                  headers=applicant())
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["candidate_id"] == candidate["id"]
    # Someone else's profile finds nothing.
    await client.put("/v1/applicants/me", json=profile_body(
        name="李四", id_type="passport", id_number="E12345678", nationality="SG"),
        headers=applicant("user-li", "李四"))
    assert (await client.get("/v1/applicants/me/recommendations",
                             headers=applicant("user-li", "李四"))).json()["items"] == []


async def test_a_recommendation_that_does_not_match_the_profile_blocks_submission(
    client: httpx.AsyncClient,
) -> None:
    candidate = await push(client)
    await client.post(f"/v1/candidates/{candidate['id']}/screening",
                      json={"decision": "accepted"}, headers=committee())
    # Accepted on the account's name while there is no profile yet ...
    application_id = await draft(client, candidate_id=candidate["id"])
    # ... but the profile is someone else's mobile: the recommendation is not theirs.
    await complete_application(client, application_id, applicant(),
                               profile_body(mobile="13911112222"))
    refused = await client.post(f"/v1/applications/{application_id}/submit",
                                headers=applicant())
    assert refused.status_code == 409
    assert "recommendation" in {e["code"] for e in refused.json()["errors"]}
