"""Scheduled reminders (`reminder.due`, once per occasion): a member behind pace in the current
year of validity, and a year that ended short of its hours."""

from datetime import date, datetime, timedelta

from cse_contracts.events import ReminderDue, ReminderKind
from kit.clock import china_date
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.compliance import service as compliance
from cpd.events import outbox
from cpd.ledgers import repository as ledgers
from cpd.ledgers.rules import ValidityYear, validity_years
from cpd.models import CpdLedger
from cpd.policies.service import PolicyBook, policy_book
from cpd.reminders import repository
from cpd.reminders.rules import (
    behind_pace,
    ended_short,
    expected_hours,
    in_pace_window,
    in_shortfall_window,
    occasion,
)

BATCH = 200


async def _remind(session: AsyncSession, ledger: CpdLedger, kind: ReminderKind,
                  year: ValidityYear, now: datetime, due_on: date, details: dict[str, str]
                  ) -> bool:
    key = occasion(kind, ledger.certificate_number, year)
    if not await repository.mark_sent(session, key, kind, now):
        return False
    await outbox.emit(session, ReminderDue(
        kind=kind, occasion=key, recipient_subject=ledger.applicant_id,
        recipient_role="applicant", society_code=ledger.society_code, due_on=due_on,
        subject_kind="cpd_ledger", subject_id=ledger.certificate_number,
        details={"certificate_number": ledger.certificate_number, "year": str(year.index),
                 "year_start": year.start.isoformat(), "year_end": year.end.isoformat(),
                 **details},
    ), subject=f"ledgers/{ledger.certificate_number}")
    return True


def _candidates(ledger: CpdLedger, book: PolicyBook, today: date
                ) -> list[tuple[ReminderKind, ValidityYear]]:
    """The occasions the dates alone make possible, before any hours are counted: most
    ledgers have none on most days, so their hours are never read."""
    found: list[tuple[ReminderKind, ValidityYear]] = []
    for year in validity_years(ledger.valid_from, ledger.valid_until):
        terms = book.terms_for_year(year)
        if in_pace_window(year, today, terms.pace_reminder_day):
            found.append(("cpd_behind_pace", year))
        elif in_shortfall_window(year, today, terms.grace_days):
            found.append(("cpd_year_shortfall", year))
    return found


async def send_reminders(session: AsyncSession, now: datetime) -> int:
    today = china_date(now)
    books: dict[str, PolicyBook] = {}
    sent = 0
    after = None
    while True:
        batch = await ledgers.open_ledgers(session, after, BATCH)
        if not batch:
            return sent
        after = batch[-1].id
        due: dict[str, list[tuple[ReminderKind, ValidityYear]]] = {}
        for ledger in batch:
            if ledger.society_code not in books:
                books[ledger.society_code] = await policy_book(session, ledger.society_code)
            due[ledger.certificate_number] = _candidates(ledger, books[ledger.society_code],
                                                         today)
        done = await repository.sent(session, [
            occasion(kind, number, year) for number, items in due.items()
            for kind, year in items])
        for ledger in batch:
            pending = {year.index: kind for kind, year in due[ledger.certificate_number]
                       if occasion(kind, ledger.certificate_number, year) not in done}
            if not pending:
                continue
            book = books[ledger.society_code]
            state = await compliance.compute(session, ledger, book)
            for result in state.result.years:
                year, kind = result.year, pending.get(result.year.index)
                terms = book.terms_for_year(year)
                credited = result.credited + result.deferred
                if kind == "cpd_behind_pace" and behind_pace(
                        year, today, required=result.required, done=credited,
                        pace_reminder_day=terms.pace_reminder_day):
                    sent += await _remind(session, ledger, kind, year, now, year.end, {
                        "required_hours": str(result.required),
                        "credited_hours": str(credited),
                        "expected_hours": str(expected_hours(year, today, result.required)),
                    })
                elif kind == "cpd_year_shortfall" and ended_short(
                        year, today, result.shortfall, terms.grace_days):
                    closes = year.end + timedelta(days=terms.grace_days)
                    sent += await _remind(session, ledger, kind, year, now, closes, {
                        "required_hours": str(result.required),
                        "credited_hours": str(result.credited),
                        "deferred_hours": str(result.deferred),
                        "shortfall_hours": str(result.shortfall),
                        "record_until": closes.isoformat(),
                    })
