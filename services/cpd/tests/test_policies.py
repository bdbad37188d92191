from datetime import timedelta

import httpx
from cpd_factories import activity, events, member, open_ledger, record, secretariat, staff
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession


async def test_policy_history_and_floors(client: httpx.AsyncClient,
                                         frozen: clock.FrozenClock) -> None:
    chemical = (await client.get("/v1/cpd/policies/ciesc", headers=member())).json()
    assert chemical["current"]["hours_per_year"] == 40
    assert chemical["own_figure_allowed"]
    civil = (await client.get("/v1/cpd/policies/cces", headers=member())).json()
    assert civil["current"]["hours_per_year"] == 50
    assert civil["floor_hours_per_year"] == 50
    assert (await client.get("/v1/cpd/policies/nope", headers=member())).status_code == 404

    looser = await client.post("/v1/cpd/policies/cces", headers=staff("cces"),
                               json={"effective_from": "2028-01-01", "hours_per_year": 40})
    assert looser.status_code == 422
    assert looser.headers["content-type"] == "application/problem+json"
    assert "003 Q22" in looser.json()["detail"]
    [item] = looser.json()["errors"]
    # The one item shape of every itemised error, nothing else.
    assert set(item) == {"location", "field", "code", "message_zh", "message_en"}
    assert (item["location"], item["field"], item["code"]) == (
        ["body", "hours_per_year"], "hours_per_year", "below_cse_floor")
    assert "003 Q22" in item["message_zh"]
    assert "003 Q22" in item["message_en"]
    chemical_40 = await client.post("/v1/cpd/policies/ciesc", headers=staff("ciesc"),
                                    json={"effective_from": "2028-01-01", "hours_per_year": 40})
    assert chemical_40.status_code == 201
    chemical_39 = await client.post("/v1/cpd/policies/ciesc", headers=staff("ciesc"),
                                    json={"effective_from": "2028-01-01", "hours_per_year": 39})
    assert chemical_39.status_code == 422
    assert "004" in chemical_39.json()["detail"]
    other = await client.post("/v1/cpd/policies/ciesc", headers=staff("cces"),
                              json={"effective_from": "2028-01-01", "hours_per_year": 60})
    assert other.status_code == 403
    past = await client.post("/v1/cpd/policies/cces", headers=staff("cces"),
                             json={"effective_from": "2027-02-01", "hours_per_year": 60})
    assert past.status_code == 422
    assert (await client.post("/v1/cpd/policies/cces", headers=member(),
                              json={"effective_from": "2028-01-01", "hours_per_year": 60})
            ).status_code == 403


async def test_a_change_from_next_year_reaches_the_years_that_start_after_it(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    assert (await record(client, number, activity("paper", None))).json()["credited_hours"] == 10
    changed = await client.post("/v1/cpd/policies/cces", headers=staff("cces"), json={
        "effective_from": "2028-01-01", "hours_per_year": 60,
        "fixed_credits": {"paper": 15}, "caps": {"self_study": 10}, "note": "2028 年起"})
    assert changed.status_code == 201, changed.text
    body = changed.json()
    assert body["current"]["hours_per_year"] == 50
    versions = (await client.get("/v1/cpd/policies/cces/versions", headers=member())).json()
    assert [v["hours_per_year"] for v in versions["items"]] == [50, 60]
    compliance = (await client.get(f"/v1/cpd/ledgers/{number}/compliance",
                                   headers=member())).json()
    # Years of validity start on 22 November: 2026, 2027 keep 50; 2028 onwards need 60.
    assert [y["required_hours"] for y in compliance["years"]] == [50, 50, 60, 60, 60]
    emitted = await events(session, "cpd.compliance_changed")
    assert emitted[-1]["required_hours"] == 280
    # The year-1 paper keeps year 1's credit of 10.
    listed = (await client.get(f"/v1/cpd/ledgers/{number}/activities", headers=member())
              ).json()["items"]
    assert listed[0]["credited_hours"] == 10
    frozen.advance(timedelta(days=366))
    again = (await client.get("/v1/cpd/policies/cces", headers=member())).json()
    assert again["current"]["hours_per_year"] == 60


async def test_a_correction_on_the_same_date_wins_and_caps_hold(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    number = await open_ledger(session)
    for minutes in (45 * 30, 45 * 30):
        await record(client, number, activity("self_study", minutes))
    for hours, caps in ((70, {}), (55, {"self_study": 20})):
        response = await client.post("/v1/cpd/policies/cces", headers=staff("cces"), json={
            "effective_from": "2027-03-01", "hours_per_year": hours, "caps": caps})
        assert response.status_code == 201, response.text
    assert (await client.post("/v1/cpd/policies/cces", headers=secretariat(), json={
        "effective_from": "2027-03-01", "hours_per_year": 60})).status_code == 403
    policy = (await client.get("/v1/cpd/policies/cces", headers=member())).json()
    assert policy["current"]["hours_per_year"] == 55
    url = "/v1/cpd/policies/cces/versions"
    first = (await client.get(url, headers=member(), params={"limit": 2})).json()
    rest = (await client.get(url, headers=member(),
                             params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [v["hours_per_year"] for v in first["items"] + rest["items"]] == [50, 70, 55]
    assert rest["next_cursor"] is None
    assert (await client.get(url, headers=member(), params={"cursor": "nonsense"})
            ).status_code == 422
    years = (await client.get(f"/v1/cpd/ledgers/{number}/compliance",
                              headers=member())).json()["years"]
    # Year 1 began under the seeded policy; year 2 on, the correction with its cap of 20.
    assert years[0]["credited_hours"] == 60
    assert [y["required_hours"] for y in years] == [50, 55, 55, 55, 55]
    unknown = await client.post("/v1/cpd/policies/cces", headers=staff("cces"), json={
        "effective_from": "2028-01-01", "hours_per_year": 60, "caps": {"party": 3},
        "fixed_credits": {"course": 3}})
    assert unknown.status_code == 422
    assert len(unknown.json()["errors"]) == 2
