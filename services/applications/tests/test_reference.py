import httpx


async def test_fields_are_seeded_with_specialties_and_societies(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/reference/fields")
    assert response.status_code == 200
    fields = {f["code"]: f for f in response.json()["items"]}
    assert response.json()["next_cursor"] is None
    assert fields["civil"]["name_zh"] == "土木工程类"
    assert fields["civil"]["society_code"] == "cces"
    names = [s["name_zh"] for s in fields["civil"]["specialties"]]
    assert names == ["结构工程", "岩土工程", "其他"]
    societies = (await client.get("/v1/reference/societies")).json()["items"]
    assert len(societies) == 14
