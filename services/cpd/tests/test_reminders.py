from datetime import UTC, date, datetime

import httpx
from cpd.ledgers.rules import validity_years
from cpd.reminders.rules import behind_pace, ended_short, expected_hours
from cpd.spec import REMINDER_JOB
from cpd_factories import activity, events, member, open_ledger, record
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession

YEAR = validity_years(date(2026, 11, 22), date(2031, 11, 21))[0]


def test_pace_is_the_elapsed_share_of_the_year() -> None:
    assert expected_hours(YEAR, date(2026, 11, 22), 50) == 1
    assert expected_hours(YEAR, date(2027, 5, 22), 50) == 25
    assert expected_hours(YEAR, date(2027, 11, 21), 50) == 50
    day_270 = date(2027, 8, 18)
    assert not behind_pace(YEAR, date(2027, 8, 17), required=50, done=0, pace_reminder_day=270)
    assert behind_pace(YEAR, day_270, required=50, done=36, pace_reminder_day=270)
    assert not behind_pace(YEAR, day_270, required=50, done=37, pace_reminder_day=270)
    assert not ended_short(YEAR, date(2027, 11, 21), 10, 30)
    assert ended_short(YEAR, date(2027, 11, 22), 10, 30)
    assert not ended_short(YEAR, date(2027, 11, 22), 0, 30)
    assert not ended_short(YEAR, date(2027, 12, 22), 10, 30)


async def test_reminders_once_per_occasion(
    session: AsyncSession, client: httpx.AsyncClient, frozen: clock.FrozenClock
) -> None:
    behind = await open_ledger(session)
    on_pace = await open_ledger(session, "CSE-2026-P-000002", applicant="user-li")
    frozen.at = datetime(2027, 8, 20, 4, tzinfo=UTC)
    done = await record(client, on_pace, activity(minutes=45 * 45, starts_on="2027-08-01",
                                                  ends_on="2027-08-03"), member("user-li"))
    assert done.status_code == 201, done.text
    assert await REMINDER_JOB.run(session, clock.now()) == 1
    assert await REMINDER_JOB.run(session, clock.now()) == 0
    [reminder] = await events(session, "reminder.due")
    assert reminder["kind"] == "cpd_behind_pace"
    assert reminder["recipient_subject"] == "user-zhang"
    assert reminder["subject_id"] == behind
    assert reminder["details"]["expected_hours"] == "38"

    frozen.at = datetime(2027, 11, 23, 4, tzinfo=UTC)
    assert await REMINDER_JOB.run(session, clock.now()) == 2
    assert await REMINDER_JOB.run(session, clock.now()) == 0
    shortfalls = [e for e in await events(session, "reminder.due")
                  if e["kind"] == "cpd_year_shortfall"]
    assert sorted((e["subject_id"], e["details"]["shortfall_hours"]) for e in shortfalls) == [
        (behind, "50"), (on_pace, "5")]
    assert shortfalls[0]["due_on"] == "2027-12-21"
