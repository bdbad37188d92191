"""Reminders: each occasion becomes messages once, even from two replicas at the same time."""

import asyncio
import uuid

import httpx
from cse_contracts.events import ReminderDue
from kit.auth import Role
from kit.events import Envelope
from kit.testing import KEYS
from notifications.inbox.handlers import on_any_event
from notifications.webhooks.handlers import on_any_event as on_any_event_for_webhooks
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


def reminder(occasion: str, **fields: object) -> Envelope:
    data = ReminderDue.model_validate({
        "kind": "review_due", "occasion": occasion, "due_on": "2026-12-20",
        "subject_kind": "case", "subject_id": str(uuid.uuid4()), **fields})
    return Envelope.wrap(data, source="/services/evaluation", subject="cases/x")


async def test_one_message_per_occasion(session: AsyncSession, client: httpx.AsyncClient
                                        ) -> None:
    me = KEYS.headers(Role.EXAMINER, "exam-r1", society="cces")
    await client.put("/v1/notifications/preferences", headers=me,
                     json={"email": "exam@example.com"})
    # The owner's job ran twice (two replicas, or a retry after a crash): two events.
    for _ in range(2):
        await on_any_event(session, reminder("review_due:case-1:exam-r1:7d",
                                             recipient_subject="exam-r1",
                                             recipient_role="examiner"))
    await on_any_event(session, reminder("review_due:case-1:exam-r1:1d",
                                         recipient_subject="exam-r1", due_on="2026-12-14"))
    items = (await client.get("/v1/notifications", headers=me)).json()["items"]
    # One transaction here, so one creation time: compare without order.
    assert sorted(n["title_zh"] for n in items) == ["材料审查提醒：请于2026年12月14日前完成",
                                                    "材料审查提醒：请于2026年12月20日前完成"]
    assert {n["kind"] for n in items} == {"reminder.review_due"}
    mails = (await session.execute(text(
        "SELECT count(*) FROM mail_messages WHERE recipient_subject = 'exam-r1'"))).scalar()
    assert mails == 2


async def test_a_reminder_without_a_person_goes_to_the_society(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    await on_any_event(session, reminder("case_at_risk:case-2", kind="case_at_risk",
                                         society_code="cces"))
    staff = KEYS.headers(Role.SOCIETY_ADMIN, "s-1", society="cces")
    [item] = (await client.get("/v1/notifications", headers=staff)).json()["items"]
    assert item["title_en"] == "Case at risk of the 6-month limit: 20 December 2026"
    other = KEYS.headers(Role.SOCIETY_ADMIN, "s-2", society="cmes")
    assert (await client.get("/v1/notifications", headers=other)).json()["items"] == []


async def test_two_replicas_at_once_still_one_message(engine: AsyncEngine) -> None:
    subject = f"exam-{uuid.uuid4().hex[:8]}"
    occasion = f"score_due:case-3:{subject}"
    events = [reminder(occasion, kind="score_due", recipient_subject=subject) for _ in range(2)]

    async def replica(envelope: Envelope) -> None:
        async with AsyncSession(engine) as session, session.begin():
            await on_any_event(session, envelope)
            await on_any_event_for_webhooks(session, envelope)

    try:
        await asyncio.gather(*(replica(e) for e in events))
        async with AsyncSession(engine) as session:
            count = (await session.execute(text(
                "SELECT count(*) FROM notifications WHERE recipient_id = :s"), {"s": subject}
            )).scalar()
            assert count == 1
    finally:
        async with AsyncSession(engine) as session, session.begin():
            await session.execute(text("DELETE FROM notifications WHERE recipient_id = :s"),
                                  {"s": subject})
            await session.execute(text("DELETE FROM reminder_occasions WHERE occasion = :o"),
                                  {"o": occasion})
