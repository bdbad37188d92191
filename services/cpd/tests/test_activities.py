from datetime import date, timedelta

import httpx
from cpd_factories import activity, events, member, open_ledger, record, staff
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from sqlalchemy.ext.asyncio import AsyncSession


async def test_timed_and_untimed_activities_earn_hours(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    hours = []
    for body in (activity(minutes=44), activity(minutes=45), activity(minutes=90),
                 activity("standards_drafting", None, title="GB/T 某标准起草"),
                 activity("paper", None, title="论文：桥梁抗震")):
        response = await record(client, number, body)
        assert response.status_code == 201, response.text
        hours.append(response.json()["credited_hours"])
    assert hours == [0, 1, 2, 20, 10]
    compliance = (await client.get(f"/v1/cpd/ledgers/{number}/compliance",
                                   headers=member())).json()
    first = compliance["years"][0]
    assert (first["required_hours"], first["credited_hours"], first["shortfall_hours"]) == (
        50, 33, 17)
    emitted = await events(session, "cpd.compliance_changed")
    # The 44-minute activity changed nothing, so it emitted nothing.
    assert [e["credited_hours"] for e in emitted] == [0, 1, 3, 23, 33]
    assert emitted[-1]["years"][0]["credited_hours"] == 33
    assert (await client.get("/v1/cpd/ledgers?compliant=true", headers=staff())
            ).json() == {"items": [], "next_cursor": None}
    [listed] = (await client.get("/v1/cpd/ledgers?compliant=false", headers=staff())
                ).json()["items"]
    assert (listed["credited_hours"], listed["shortfall_hours"], listed["compliant"]) == (
        33, 217, False)


async def test_what_cannot_be_recorded(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    cases = [
        activity(minutes=None),
        activity("paper", 60),
        activity(starts_on="2027-01-12", ends_on="2027-01-10"),
        activity(ends_on="2027-03-02"),
        activity(starts_on="2026-01-01", ends_on="2026-01-01"),
        activity(minutes=24 * 60 + 1),
        activity(kind="party"),
        {**activity(), "extra": 1},
    ]
    for body in cases:
        response = await record(client, number, body)
        assert response.status_code == 422, body
        assert response.headers["content-type"] == "application/problem+json"


async def test_only_the_member_records_in_their_own_ledger(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    assert (await record(client, number, activity(),
                         KEYS.headers(Role.APPLICANT, "user-li"))).status_code == 404
    assert (await record(client, number, activity(), staff())).status_code == 403
    assert (await client.get(f"/v1/cpd/ledgers/{number}/activities",
                             headers=staff("ciesc"))).status_code == 404
    assert (await client.get(f"/v1/cpd/ledgers/{number}/activities",
                             headers=staff("cces"))).status_code == 200


async def test_editable_until_the_year_closes(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    created = (await record(client, number, activity(minutes=44))).json()
    url = f"/v1/cpd/ledgers/{number}/activities/{created['id']}"
    edited = await client.patch(url, json={"minutes": 45}, headers=member())
    assert edited.status_code == 200
    assert edited.json()["credited_hours"] == 1
    untimed = await client.patch(url, json={"kind": "paper"}, headers=member())
    assert untimed.status_code == 422
    assert [(e["location"], e["code"]) for e in untimed.json()["errors"]] == [
        (["body", "minutes"], "minutes_not_allowed")]
    # A patch is merged into the activity and validated whole: its errors, the same shape.
    too_long = await client.patch(url, json={"title": None}, headers=member())
    assert too_long.status_code == 422
    [item] = too_long.json()["errors"]
    assert set(item) == {"location", "field", "code", "message_zh", "message_en"}
    # Year 1 ends 2027-11-21; the default grace is 30 days.
    frozen.at = clock.china_midnight(date(2027, 12, 21)) + timedelta(hours=12)
    assert (await client.patch(url, json={"reflection": "补充"}, headers=member())
            ).status_code == 200
    frozen.at = clock.china_midnight(date(2027, 12, 22)) + timedelta(hours=1)
    closed = await client.patch(url, json={"reflection": "再补充"}, headers=member())
    assert closed.status_code == 409
    assert "closed" in closed.json()["detail"]
    assert (await client.delete(url, headers=member())).status_code == 409
    late = await record(client, number, activity(starts_on="2027-11-01", ends_on="2027-11-01"))
    assert late.status_code == 409
    listed = (await client.get(f"/v1/cpd/ledgers/{number}/activities", headers=member())
              ).json()["items"]
    assert [a["editable"] for a in listed] == [False]


async def test_society_staff_review_activities(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    created = (await record(client, number, activity(minutes=900))).json()
    url = f"/v1/cpd/ledgers/{number}/activities/{created['id']}/review"
    no_reason = await client.post(url, json={"decision": "not_credited"}, headers=staff())
    assert no_reason.status_code == 422
    assert (await client.post(url, json={"decision": "accepted"},
                              headers=staff("ciesc"))).status_code == 404
    assert (await client.post(url, json={"decision": "accepted"},
                              headers=member())).status_code == 403
    refused = await client.post(url, json={"decision": "not_credited",
                                           "reason": "与专业无关 / not related to engineering"},
                                headers=staff())
    assert refused.status_code == 200
    assert refused.json()["status"] == "not_credited"
    assert refused.json()["credited_hours"] == 0
    emitted = await events(session, "cpd.compliance_changed")
    assert [e["credited_hours"] for e in emitted][-2:] == [20, 0]
    locked = await client.patch(f"/v1/cpd/ledgers/{number}/activities/{created['id']}",
                                json={"minutes": 950}, headers=member())
    assert locked.status_code == 409


async def test_dates_are_written_as_dates_never_numbers(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    """A JSON number is not a day (pydantic would read 0 as 1970-01-01): every date a request
    carries, in its body or its query, is refused unless written YYYY-MM-DD."""
    number = await open_ledger(session)
    for field in ("starts_on", "ends_on"):
        refused = await record(client, number, {**activity(), field: 0})
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["location"] == ["body", field]
    recorded = await record(client, number, activity())
    url = f"/v1/cpd/ledgers/{number}/activities/{recorded.json()['id']}"
    assert (await client.patch(url, json={"ends_on": 20270110}, headers=member())
            ).status_code == 422
    for path in ("activities", "record-sheet", "summary/document"):
        assert (await client.get(f"/v1/cpd/ledgers/{number}/{path}", params={"from": "0"},
                                 headers=member())).status_code == 422, path
    assert (await client.post("/v1/cpd/policies/cces", headers=staff(), json={
        "effective_from": 0, "hours_per_year": 60})).status_code == 422
    course = {"provider_code": "prov-a", "provider_name": "某培训中心", "title": "讲座",
              "minutes": 90, "starts_on": "2027-02-10", "ends_on": 0}
    assert (await client.post("/v1/cpd/courses", headers=staff(), json=course)
            ).status_code == 422
    course["ends_on"] = "2027-02-10"
    course_id = (await client.post("/v1/cpd/courses", headers=staff(), json=course)).json()["id"]
    pushed = await client.post(
        f"/v1/cpd/courses/{course_id}/attendance",
        json={"attendees": [{"certificate_number": number, "attended_on": 0}]},
        headers={**KEYS.headers(Role.PROVIDER, "client-prov-a", organisation="prov-a"),
                 "Idempotency-Key": "k1"})
    assert pushed.status_code == 422
