"""A society's evaluation fee per level (default none, 004 §6): shown before submission,
recorded on the application, settled as the society records it."""

import httpx
from applications_factories import applicant, draft, secretariat, society_admin, submitted


async def test_a_fee_is_shown_before_submission_recorded_and_marked_settled(
    client: httpx.AsyncClient,
) -> None:
    free = await draft(client, applicant("user-fee-0"))
    assert (await client.get(f"/v1/applications/{free}", headers=applicant("user-fee-0"))
            ).json()["fee_cny"] == "0.00"

    set_fee = await client.put("/v1/fees/cces/professional", headers=society_admin(),
                               json={"amount_cny": 800})
    other_society = await client.put("/v1/fees/csee/professional", headers=society_admin(),
                                     json={"amount_cny": 1})
    negative = await client.put("/v1/fees/cces/senior", headers=secretariat(),
                                json={"amount_cny": -5})
    assert set_fee.status_code == 200, set_fee.text
    assert other_society.status_code == 403
    assert negative.status_code == 422
    unknown = await client.put("/v1/fees/nosuch/senior", headers=secretariat(),
                               json={"amount_cny": 5})
    assert unknown.status_code == 404
    assert unknown.json()["type"].endswith("society-not-found")
    listed = await client.get("/v1/fees", params={"society": "cces"},
                              headers=applicant("user-fee-1"))
    assert [(f["level"], f["amount_cny"]) for f in listed.json()["items"]] == [
        ("professional", "800.00")]

    drafted = await draft(client, applicant("user-fee-1"))
    shown = await client.get(f"/v1/applications/{drafted}", headers=applicant("user-fee-1"))
    assert shown.json()["fee_cny"] == "800.00"
    application_id = await submitted(client, applicant("user-fee-2"))
    settled = await client.post(f"/v1/applications/{application_id}/fee-settlement",
                                headers=society_admin(), json={"settled": True})
    elsewhere = await client.post(f"/v1/applications/{application_id}/fee-settlement",
                                  headers=society_admin("csee"), json={"settled": True})

    assert settled.status_code == 200, settled.text
    assert settled.json()["fee_cny"] == "800.00"
    assert settled.json()["fee_settled"] is True
    assert elsewhere.status_code == 404
    read = await client.get(f"/v1/applications/{application_id}", headers=society_admin())
    assert (read.json()["fee_cny"], read.json()["fee_settled"]) == ("800.00", True)
