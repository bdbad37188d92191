"""Life after issue [003 Q31]: suspend, restore, cancel, revoke, expire; history and events."""

from datetime import date, timedelta

import httpx
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from registry.certificates.service import expire_ended, remind_reregistration
from registry.models import outbox
from registry_factories import issue
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "cse-1")
CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")
CMES = KEYS.headers(Role.SOCIETY_ADMIN, "cmes-1", society="cmes")


async def events(session: AsyncSession, kind: str) -> list[dict[str, object]]:
    rows = await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == kind).order_by(outbox.c.seq))
    return [row["data"] for row in rows]


async def change(client: httpx.AsyncClient, number: str, action: str,
                 headers: dict[str, str], **extra: str) -> httpx.Response:
    body = {"action": action, "reason": f"{action}: 违反职业道德 / breach", **extra}
    return await client.post(f"/v1/certificates/{number}/status-changes", json=body,
                             headers=headers)


async def test_suspend_restore_then_revoke_for_good(session: AsyncSession,
                                                    client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-l")
    number = certificate.number
    assert (await change(client, number, "suspend", CMES)).status_code == 403
    assert (await change(client, number, "suspend",
                         KEYS.headers(Role.APPLICANT, "user-l"))).status_code == 403
    suspended = await change(client, number, "suspend", CCES)
    assert suspended.status_code == 200, suspended.text
    assert suspended.json()["status"] == "suspended"
    public = (await client.get(f"/v1/certificates/{number}")).json()
    assert (public["status"], public["status_since"]) == ("suspended", str(clock.today()))
    assert (await change(client, number, "restore", CCES)).json()["status"] == "valid"
    assert (await change(client, number, "revoke", SECRETARIAT)).json()["status"] == "revoked"
    final = await change(client, number, "restore", SECRETARIAT)
    assert final.status_code == 409
    assert "final" in final.json()["detail"]
    changed = await events(session, "certificate.status_changed")
    assert [(e["previous_status"], e["status"]) for e in changed] == [
        ("valid", "suspended"), ("suspended", "valid"), ("valid", "revoked")]
    assert all(e["reason"] for e in changed)
    history = await client.get(f"/v1/certificates/{number}/history",
                               headers=KEYS.headers(Role.APPLICANT, "user-l"))
    assert [c["kind"] for c in history.json()["changes"]] == [
        "issued", "suspended", "restored", "revoked"]
    assert (await client.get(f"/v1/certificates/{number}/history",
                             headers=KEYS.headers(Role.APPLICANT, "user-x"))).status_code == 403
    assert (await client.get(f"/v1/certificates/{number}/history",
                             headers=CMES)).status_code == 403


async def test_effective_date_is_checked(session: AsyncSession,
                                         client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-d")
    tomorrow = str(clock.today() + timedelta(days=1))
    future = await change(client, certificate.number, "suspend", CCES, effective_on=tomorrow)
    assert future.status_code == 422
    assert future.headers["content-type"].startswith("application/problem+json")
    earlier = str(clock.today() - timedelta(days=1))
    before_issue = await change(client, certificate.number, "cancel", CCES,
                                effective_on=earlier)
    assert before_issue.status_code == 422
    short = await client.post(f"/v1/certificates/{certificate.number}/status-changes",
                              json={"action": "suspend", "reason": ""}, headers=CCES)
    assert short.status_code == 422


async def test_cancelled_cannot_be_suspended_or_restored(session: AsyncSession,
                                                         client: httpx.AsyncClient) -> None:
    certificate = await issue(session, "user-k")
    assert (await change(client, certificate.number, "cancel", CCES)).status_code == 200
    assert (await change(client, certificate.number, "suspend", CCES)).status_code == 409
    assert (await change(client, certificate.number, "restore", CCES)).status_code == 409


async def test_expiry_job_expires_at_the_end_of_the_china_date(session: AsyncSession,
                                                               client: httpx.AsyncClient
                                                               ) -> None:
    certificate = await issue(session, "user-e")
    last_day = certificate.valid_until
    # 23:59 in Beijing on the last day: still valid.
    evening = clock.china_midnight(last_day + timedelta(days=1)) - timedelta(minutes=1)
    assert await expire_ended(session, evening) == 0
    with clock.use(clock.FrozenClock(evening + timedelta(minutes=2))):
        # Before the job runs the public register already says expired, never valid.
        public = (await client.get(f"/v1/certificates/{certificate.number}")).json()
        assert public["status"] == "expired"
        assert await expire_ended(session, clock.now()) == 1
        assert await expire_ended(session, clock.now()) == 0
    [expired] = await events(session, "certificate.status_changed")
    assert expired["status"] == "expired"
    assert expired["effective_on"] == str(last_day + timedelta(days=1))


async def test_reregistration_reminders_once_per_occasion(session: AsyncSession) -> None:
    certificate = await issue(session, "user-m")
    end = certificate.valid_until
    opens = clock.china_midnight(date(end.year, end.month, 1) - timedelta(days=62))
    just_before = opens - timedelta(days=30)
    assert await remind_reregistration(session, just_before) == 0
    window = clock.china_midnight(end - timedelta(days=80))
    assert await remind_reregistration(session, window) == 1
    assert await remind_reregistration(session, window + timedelta(days=1)) == 0
    last_month = clock.china_midnight(end - timedelta(days=10))
    assert await remind_reregistration(session, last_month) == 1
    kinds = [e["kind"] for e in await events(session, "reminder.due")]
    assert kinds == ["reregistration_open", "reregistration_last_month"]
