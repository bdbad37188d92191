"""Reminders: examiners before the case deadline, the applicant before a supplement deadline,
the society before the 6-month limit; once per occasion, even with two worker replicas."""

import asyncio
import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx
from evaluation.models import Case, ReminderSent
from evaluation.reminders import repository
from evaluation.spec import SPEC
from evaluation_factories import (
    backend_pid,
    clear_panel,
    create_case,
    events,
    full_review,
    schedule_interview,
    score,
    staff,
    submit_review,
    to_assessment,
    wait_until_blocked,
)
from kit import clock
from kit.clock import FrozenClock
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

LI, WANG = "exam-li", "exam-wang"
SEND = next(j for j in SPEC.jobs if j.name == "evaluation.send_reminders").run


def beijing(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=clock.CHINA).astimezone(UTC)


async def reminders(session: AsyncSession, kind: str) -> list[dict[str, Any]]:
    return [e["data"] for e in await events(session, "reminder.due") if e["data"]["kind"] == kind]


async def test_review_due_goes_to_each_examiner_who_has_not_submitted_once(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)  # deadline 28 February 2027
    await clear_panel(client, case_id, [LI, WANG])
    assert (await submit_review(client, case_id, LI, full_review())).status_code == 200
    await SEND(session, beijing(date(2027, 2, 13)))  # 15 days before
    assert await reminders(session, "review_due") == []
    await SEND(session, beijing(date(2027, 2, 14)))  # 14 days before
    await SEND(session, beijing(date(2027, 2, 15)))
    due = await reminders(session, "review_due")
    assert len(due) == 1
    assert {k: due[0][k] for k in ("recipient_subject", "recipient_role", "society_code",
                                   "due_on", "subject_kind", "subject_id")} == {
        "recipient_subject": WANG, "recipient_role": "examiner", "society_code": "cces",
        "due_on": "2027-02-28", "subject_kind": "case", "subject_id": case_id}
    assert due[0]["details"]["round"] == "1"
    assert due[0]["occasion"] == f"review_due:{case_id}:1:{WANG}"


async def test_score_due_once_the_interview_has_taken_place(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await to_assessment(client, session)
    await schedule_interview(client, case_id)  # 20 October 2026, 09:00 in Beijing
    assert (await score(client, case_id, LI, (28, 16, 12, 12, 12))).status_code == 200
    await SEND(session, beijing(date(2027, 2, 20)))
    await SEND(session, beijing(date(2027, 2, 21)))
    due = await reminders(session, "score_due")
    assert [d["recipient_subject"] for d in due] == [WANG]


async def test_supplement_due_to_the_applicant_before_the_deadline(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    with clock.use(FrozenClock(datetime(2026, 9, 30, 2, tzinfo=UTC))):
        case_id = await create_case(session)
        await clear_panel(client, case_id, [LI, WANG])
        asked = await submit_review(client, case_id, LI, full_review(
            "supplement", supplement_requests="请补充竣工验收证明"))
        assert asked.status_code == 200, asked.text
    # The last day to send it is 20 October; three days before is 17 October.
    assert await SEND(session, beijing(date(2026, 10, 16), 23)) == 0
    assert await SEND(session, beijing(date(2026, 10, 17), 0)) == 1
    assert await SEND(session, beijing(date(2026, 10, 20), 23)) == 0
    due = await reminders(session, "supplement_due")
    assert [(d["recipient_subject"], d["recipient_role"], d["due_on"]) for d in due] == [
        ("user-zhang", "applicant", "2026-10-20")]
    assert "applicant_name" not in due[0]["details"]
    # The applicant acts on their application (applications owns it); the case is named too.
    case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
    assert (due[0]["subject_kind"], due[0]["subject_id"]) == (
        "application", case["application_id"])
    assert due[0]["details"]["case_id"] == case_id


async def test_case_at_risk_to_the_society_once(session: AsyncSession) -> None:
    case_id = await create_case(session)  # deadline 28 February 2027, 30 at-risk days
    assert await SEND(session, beijing(date(2027, 1, 28))) == 0
    assert await SEND(session, beijing(date(2027, 1, 29))) == 1
    assert await SEND(session, beijing(date(2027, 3, 10))) == 0
    due = await reminders(session, "case_at_risk")
    assert [(d["recipient_subject"], d["recipient_role"], d["society_code"], d["subject_id"])
            for d in due] == [(None, "society_admin", "cces", case_id)]
    assert due[0]["details"]["days_left"] == "30"


async def test_two_replicas_claiming_one_occasion_send_one_reminder(engine: AsyncEngine
                                                                    ) -> None:
    """The second claim waits on the first one's uncommitted row, then finds it taken."""
    case_id = uuid.uuid4()
    async with AsyncSession(engine) as setup, setup.begin():
        setup.add(Case(id=case_id, application_id=uuid.uuid4(), applicant_id="race-applicant",
                       applicant_name="赵六", society_code="cces", level="professional",
                       field_code="civil", employers=[], international_titles=[],
                       fast_track=False, status="materials_review", deadline=date(2027, 1, 1),
                       submitted_at=datetime(2026, 7, 1, tzinfo=UTC)))
    claim: dict[str, Any] = {
        "occasion": f"case_at_risk:{case_id}:2027-01-01", "kind": "case_at_risk",
        "case_id": case_id, "recipient": "society_admin:cces", "due_on": date(2027, 1, 1),
        "now": datetime.now(UTC)}
    try:
        async with AsyncSession(engine) as first, AsyncSession(engine) as second:
            async with first.begin():
                assert await repository.claim_occasion(first, **claim)
                pid = await backend_pid(second)
                waiting = asyncio.create_task(repository.claim_occasion(second, **claim))
                await wait_until_blocked(engine, pid)
            assert await asyncio.wait_for(waiting, timeout=10) is False
            await second.rollback()
    finally:
        async with AsyncSession(engine) as cleanup, cleanup.begin():
            await cleanup.execute(delete(ReminderSent).where(ReminderSent.case_id == case_id))
            await cleanup.execute(delete(Case).where(Case.id == case_id))
