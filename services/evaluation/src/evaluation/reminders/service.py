"""Reminders (reminder.due) of the deadlines evaluation owns; notifications words them.

- review_due: an examiner's materials review record still open N days before the case's
  deadline (the society's `examiner_reminder_days`, 14 by default);
- score_due: the same for an interview line, once the interview has taken place;
- supplement_due: the applicant's supplement deadline in `supplement_reminder_days` (3);
- case_at_risk: to the society, a case within `at_risk_days` (30) of its 6-month limit.

Each goes out once per occasion: the occasion's row in `reminders_sent` is claimed in the
same transaction as the outbox row, so two worker replicas, or a job run twice, send one.
"""

from datetime import datetime, timedelta

from cse_contracts.events import ReminderDue, ReminderKind
from kit import clock
from kit.auth import Role
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.cases.rules import last_day_of
from evaluation.events import outbox
from evaluation.interviews import repository as interviews
from evaluation.models import Case
from evaluation.panels import repository as panels
from evaluation.policies.service import policy_for
from evaluation.reminders import repository, rules
from evaluation.reviews import repository as reviews


async def _remind(session: AsyncSession, now: datetime, case: Case, *, kind: ReminderKind,
                  occasion: str, due_on: datetime | None = None, recipient_subject: str | None,
                  recipient_role: Role, details: dict[str, str],
                  about_application: bool = False) -> int:
    day = clock.china_date(due_on) if due_on is not None else case.deadline
    recipient = recipient_subject or f"{recipient_role.value}:{case.society_code}"
    if not await repository.claim_occasion(session, occasion=occasion, kind=kind,
                                           case_id=case.id, recipient=recipient, due_on=day,
                                           now=now):
        return 0
    await outbox.emit(
        session,
        ReminderDue(kind=kind, occasion=occasion, recipient_subject=recipient_subject,
                    recipient_role=recipient_role.value, society_code=case.society_code,
                    due_on=day,
                    # The applicant acts on their application; examiners and staff on the case.
                    subject_kind="application" if about_application else "case",
                    subject_id=str(case.application_id if about_application else case.id),
                    details={"case_status": case.status, "level": case.level,
                             "field_code": case.field_code, **details}),
        subject=f"cases/{case.id}",
    )
    return 1


async def _examiner_work(session: AsyncSession, now: datetime) -> int:
    sent = 0
    for case in await repository.cases_with_examiner_work_due(session, clock.china_date(now)):
        cleared = {examiner.id: examiner for seat, examiner in await panels.seats(session, case.id)
                   if seat.status == "cleared"}
        if case.status == "materials_review":
            latest = await reviews.latest_round(session, case.id)
            if latest is None or latest.status != "open":
                continue
            done = {r.examiner_id for r in await reviews.reviews_of_round(session, latest.id)
                    if r.status == "submitted"}
            for examiner_id, examiner in cleared.items():
                if examiner_id not in done:
                    sent += await _remind(
                        session, now, case, kind="review_due",
                        occasion=rules.review_due_occasion(case.id, latest.number,
                                                           examiner.subject),
                        recipient_subject=examiner.subject, recipient_role=Role.EXAMINER,
                        details={"round": str(latest.number),
                                 "applicant_name": case.applicant_name})
        else:
            interview = await interviews.for_case(session, case.id)
            # Scores can only be given once the interview has taken place.
            if interview is None or interview.status != "scheduled" \
                    or interview.scheduled_at > now:
                continue
            done = {line.examiner_id for line, _ in await interviews.lines(session, interview.id)
                    if line.submitted_at is not None}
            for examiner_id, examiner in cleared.items():
                if examiner_id not in done:
                    sent += await _remind(
                        session, now, case, kind="score_due",
                        occasion=rules.score_due_occasion(case.id, interview.id,
                                                          examiner.subject),
                        recipient_subject=examiner.subject, recipient_role=Role.EXAMINER,
                        details={"applicant_name": case.applicant_name})
    return sent


async def _supplements(session: AsyncSession, now: datetime) -> int:
    sent = 0
    for case in await repository.cases_awaiting_supplement(session):
        asked = await reviews.latest_round(session, case.id)
        if asked is None or asked.supplement_deadline is None or asked.supplement_deadline <= now:
            continue
        # The deadline is the end of a China day: that day is the last one to act on.
        last_day = last_day_of(asked.supplement_deadline)
        policy = await policy_for(session, case.society_code)
        if not rules.window_open(last_day, clock.china_date(now),
                                 policy.supplement_reminder_days):
            continue
        sent += await _remind(
            session, now, case, kind="supplement_due",
            occasion=rules.supplement_due_occasion(case.id, asked.number),
            due_on=asked.supplement_deadline - timedelta(seconds=1),
            recipient_subject=case.applicant_id, recipient_role=Role.APPLICANT,
            about_application=True, details={"case_id": str(case.id),
                                             "round": str(asked.number),
                     "deadline": asked.supplement_deadline.isoformat()})
    return sent


async def _at_risk(session: AsyncSession, now: datetime) -> int:
    sent = 0
    today = clock.china_date(now)
    for case in await repository.cases_at_risk(session, today):
        sent += await _remind(
            session, now, case, kind="case_at_risk",
            occasion=rules.case_at_risk_occasion(case.id, case.deadline),
            recipient_subject=None, recipient_role=Role.SOCIETY_ADMIN,
            details={"applicant_name": case.applicant_name,
                     "days_left": str((case.deadline - today).days)})
    return sent


async def send_reminders(session: AsyncSession, now: datetime) -> int:
    """Scheduled: every reminder due now that has not gone out for its occasion yet."""
    return (await _examiner_work(session, now) + await _supplements(session, now)
            + await _at_risk(session, now))
