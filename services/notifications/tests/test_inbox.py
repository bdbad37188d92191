import uuid

import httpx
from cse_contracts.events import RecommendationScreened
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from notifications.inbox.handlers import on_any_event
from notifications.inbox.templates import TEMPLATES, render
from sqlalchemy.ext.asyncio import AsyncSession


def test_every_contract_event_has_a_template() -> None:
    from cse_contracts.events import ALL_EVENTS

    assert {e.event_type for e in ALL_EVENTS} <= set(TEMPLATES)


def test_unknown_events_reach_the_secretariat() -> None:
    assert render("something.new", {})[2] == [("secretariat", "all")]


async def test_each_recipient_gets_its_message_once(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    screened = Envelope.wrap(
        RecommendationScreened(
            recommendation_id=uuid.uuid4(), candidate_id=uuid.uuid4(), enterprise_id="ent-1",
            candidate_name="张三", decision="accepted", society_code="cces", reason="",
        ),
        source="/services/applications", subject="x",
    )
    await on_any_event(session, screened)
    await on_any_event(session, screened)
    mine = await client.get("/v1/notifications",
                            headers=KEYS.headers(Role.ENTERPRISE, "c", enterprise="ent-1"))
    assert [n["title_zh"] for n in mine.json()] == ["张三的初筛结果：accepted"]
    other = await client.get("/v1/notifications",
                             headers=KEYS.headers(Role.ENTERPRISE, "c", enterprise="ent-2"))
    assert other.json() == []
    assert (await client.get("/v1/notifications")).status_code == 401
