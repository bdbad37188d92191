"""Scheduled reminders (`reminder.due`, once per occasion): a member behind pace in the current
year of validity, and a year that ended short of its hours."""

from datetime import date, datetime, timedelta

from cse_contracts.events import ReminderDue, ReminderKind
from kit.clock import china_date
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.compliance import service as compliance
from cpd.events import outbox
from cpd.ledgers import repository as ledgers
from cpd.ledgers.rules import ValidityYear
from cpd.models import CpdLedger
from cpd.reminders import repository
from cpd.reminders.rules import behind_pace, ended_short, expected_hours, occasion

BATCH = 200


async def _remind(session: AsyncSession, ledger: CpdLedger, kind: ReminderKind,
                  year: ValidityYear, now: datetime, due_on: date, details: dict[str, str]
                  ) -> bool:
    key = occasion(kind, ledger.certificate_number, year)
    if not await repository.mark_sent(session, key, kind, now):
        return False
    await outbox.emit(session, ReminderDue(
        kind=kind,
        occasion=key, recipient_subject=ledger.applicant_id, recipient_role="applicant",
        society_code=ledger.society_code,
        due_on=due_on, subject_kind="cpd_ledger",
        subject_id=ledger.certificate_number,
        details={"certificate_number": ledger.certificate_number, "year": str(year.index),
                 "year_start": year.start.isoformat(), "year_end": year.end.isoformat(),
                 **details},
    ), subject=f"ledgers/{ledger.certificate_number}")
    return True


async def send_reminders(session: AsyncSession, now: datetime) -> int:
    today = china_date(now)
    sent = 0
    after = None
    while True:
        batch = await ledgers.open_ledgers(session, after, BATCH)
        if not batch:
            return sent
        after = batch[-1].id
        for ledger in batch:
            state = await compliance.compute(session, ledger)
            for result in state.result.years:
                year = result.year
                terms = state.book.terms_for_year(year)
                done = result.credited + result.deferred
                if behind_pace(year, today, required=result.required, done=done,
                               pace_reminder_day=terms.pace_reminder_day):
                    sent += await _remind(session, ledger, "cpd_behind_pace", year, now, year.end, {
                        "required_hours": str(result.required), "credited_hours": str(done),
                        "expected_hours": str(expected_hours(year, today, result.required)),
                    })
                elif ended_short(year, today, result.shortfall, terms.grace_days):
                    closes = year.end + timedelta(days=terms.grace_days)
                    sent += await _remind(
                        session, ledger, "cpd_year_shortfall", year, now, closes, {
                            "required_hours": str(result.required),
                            "credited_hours": str(result.credited),
                            "deferred_hours": str(result.deferred),
                            "shortfall_hours": str(result.shortfall),
                            "record_until": closes.isoformat(),
                        })
