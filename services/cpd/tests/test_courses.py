import httpx
from cpd_factories import events, member, open_ledger, provider, secretariat, staff
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession

COURSE = {"provider_code": "prov-a", "provider_name": "某培训中心", "title": "桥梁抗震新规范",
          "kind": "training", "minutes": 180, "starts_on": "2027-02-10",
          "ends_on": "2027-02-11", "quality": True}


async def test_plans_and_courses_are_published_by_cse_and_societies(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    plan = await client.post("/v1/cpd/plans", headers=secretariat(),
                             json={"year": 2027, "title": "2027 年度持续职业发展活动计划"})
    assert plan.status_code == 201
    assert plan.json()["publisher"] == "cse"
    again = await client.post("/v1/cpd/plans", headers=secretariat(),
                              json={"year": 2027, "title": "x"})
    assert again.status_code == 409
    society = await client.post("/v1/cpd/plans", headers=staff("cces"),
                                json={"year": 2027, "title": "土木学会 2027 计划"})
    assert society.json()["publisher"] == "cces"
    assert (await client.post("/v1/cpd/plans", headers=member(),
                              json={"year": 2027, "title": "x"})).status_code == 403
    foreign_plan = await client.post("/v1/cpd/courses", headers=staff("ciesc"),
                                     json={**COURSE, "plan_id": society.json()["id"]})
    assert foreign_plan.status_code == 404
    course = await client.post("/v1/cpd/courses", headers=staff("cces"),
                               json={**COURSE, "plan_id": society.json()["id"]})
    assert course.status_code == 201, course.text
    await client.post("/v1/cpd/courses", headers=secretariat(),
                      json={**COURSE, "provider_code": "prov-b", "quality": False})
    listed = await client.get("/v1/cpd/courses?quality=true", headers=member())
    assert [c["title"] for c in listed.json()["items"]] == ["桥梁抗震新规范"]
    own = await client.get("/v1/cpd/courses", headers=provider("prov-b"))
    assert [c["provider_code"] for c in own.json()["items"]] == ["prov-b"]
    assert (await client.get(f"/v1/cpd/courses/{course.json()['id']}",
                             headers=provider("prov-b"))).status_code == 404
    counts = (await client.get("/v1/cpd/reports/courses?year=2027",
                               headers=secretariat())).json()
    assert counts["next_cursor"] is None
    assert [(c["publisher"], c["courses"], c["quality_courses"]) for c in counts["items"]] == [
        ("cces", 1, 1), ("cse", 1, 0)]
    plans = (await client.get("/v1/cpd/plans?year=2027", headers=member())).json()
    assert sorted(p["publisher"] for p in plans["items"]) == ["cces", "cse"]
    published = await events(session, "cpd.course_published")
    assert [(e["publisher"], e["quality"]) for e in published] == [("cces", True),
                                                                   ("cse", False)]


async def test_a_provider_pushes_attendance_twice_and_it_is_one_activity(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    await open_ledger(session, "CSE-2026-P-000002", applicant="user-li")
    course_id = (await client.post("/v1/cpd/courses", headers=staff("cces"),
                                   json=COURSE)).json()["id"]
    url = f"/v1/cpd/courses/{course_id}/attendance"
    body = {"attendees": [{"certificate_number": number},
                          {"certificate_number": "CSE-2026-P-000002", "minutes": 100},
                          {"certificate_number": "CSE-2099-P-999999"},
                          {"certificate_number": number}]}
    missing_key = await client.post(url, json=body, headers=provider())
    assert missing_key.status_code == 422
    other = await client.post(url, json=body, headers={**provider("prov-b"),
                                                       "Idempotency-Key": "k1"})
    assert other.status_code == 404
    first = await client.post(url, json=body, headers={**provider(), "Idempotency-Key": "k1"})
    assert first.status_code == 201, first.text
    result = first.json()
    assert [r["outcome"] for r in result["results"]] == [
        "recorded", "recorded", "unknown_certificate", "already_recorded"]
    assert (result["recorded"], result["already_recorded"], result["not_matched"]) == (2, 1, 1)
    retry = await client.post(url, json=body, headers={**provider(), "Idempotency-Key": "k1"})
    assert retry.status_code == 200
    assert retry.json() == result
    reused = await client.post(url, json={"attendees": [{"certificate_number": number}]},
                               headers={**provider(), "Idempotency-Key": "k1"})
    assert reused.status_code == 409
    second = await client.post(url, json={"attendees": [{"certificate_number": number}]},
                               headers={**provider(), "Idempotency-Key": "k2"})
    assert second.json()["results"][0]["outcome"] == "already_recorded"
    activities = (await client.get(f"/v1/cpd/ledgers/{number}/activities",
                                   headers=member())).json()["items"]
    assert len(activities) == 1
    assert activities[0]["status"] == "verified"
    assert activities[0]["source"] == "provider"
    assert activities[0]["credited_hours"] == 4
    li = (await client.get("/v1/cpd/ledgers/CSE-2026-P-000002/activities",
                           headers=member("user-li"))).json()["items"]
    assert li[0]["credited_hours"] == 2
    # The member may add a reflection, not change what the provider verified.
    activity_url = f"/v1/cpd/ledgers/{number}/activities/{activities[0]['id']}"
    assert (await client.patch(activity_url, json={"minutes": 900}, headers=member())
            ).status_code == 409
    assert (await client.patch(activity_url, json={"reflection": "收获很大"}, headers=member())
            ).status_code == 200
    credited = [e["credited_hours"] for e in await events(session, "cpd.compliance_changed")
                if e["certificate_number"] == number]
    assert credited == [0, 4]
