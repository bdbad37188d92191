import httpx
from kit.auth import Role
from kit.testing import KEYS
from registry.models import outbox
from registry_factories import issue
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-1")


async def test_a_ban_revokes_certificates_and_tells_the_intake(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await issue(session, "user-zhang")
    ban = {"applicant_id": "user-zhang", "reason": "提供虚假材料 / false material"}
    response = await client.post("/v1/members/bans", json=ban, headers=SECRETARIAT)
    assert response.status_code == 201, response.text
    [number] = response.json()["revoked_certificates"]
    assert (await client.get(f"/v1/certificates/{number}")).json()["status"] == "revoked"
    barred = (await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == "member.barred")
    )).one()
    assert barred["data"]["applicant_id"] == "user-zhang"
    again = await client.post("/v1/members/bans", json=ban, headers=SECRETARIAT)
    assert again.status_code == 409


async def test_someone_never_registered_can_be_barred_too(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/members/bans", headers=SECRETARIAT,
                                 json={"applicant_id": "user-new", "reason": "伪造学历证明"})
    assert response.status_code == 201
    assert response.json()["member_id"] is None


async def test_only_the_secretariat_or_supervision_bars(client: httpx.AsyncClient) -> None:
    ban = {"applicant_id": "user-zhang", "reason": "提供虚假材料"}
    for headers in (KEYS.headers(Role.SOCIETY_ADMIN, "s", society="cces"),
                    KEYS.headers(Role.APPLICANT, "user-zhang"), {}):
        assert (await client.post("/v1/members/bans", json=ban,
                                  headers=headers)).status_code in (401, 403)
