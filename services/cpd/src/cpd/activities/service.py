"""Activities: recorded and edited by the member until their year closes, reviewed by the
society's staff at re-registration [003 Q26]."""

import uuid
from collections.abc import Sequence
from datetime import date

from kit import clock
from kit.auth import Principal
from kit.pagination import PageParams
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.activities import repository
from cpd.activities.errors import ActivityLocked, ActivityNotFound, InvalidActivity, YearClosed
from cpd.activities.rules import activity_hours, is_timed
from cpd.activities.schemas import ActivityIn, ActivityOut, ActivityPatch, ReviewIn
from cpd.compliance import service as compliance
from cpd.ledgers import service as ledgers
from cpd.ledgers.rules import ValidityYear, validity_years, year_closed, year_of
from cpd.models import CpdActivity, CpdLedger
from cpd.policies.service import PolicyBook, policy_book
from cpd.problems import body_item, from_validation


def _invalid(field: str, code: str, zh: str, en: str) -> InvalidActivity:
    return InvalidActivity(f"{zh} / {en}", errors=[body_item(field, code, zh, en)])


def check_activity(ledger: CpdLedger, book: PolicyBook, data: ActivityIn, today: date
                   ) -> ValidityYear:
    """The year the activity counts for, or why it cannot be recorded."""
    if data.starts_on > data.ends_on:
        raise _invalid("ends_on", "ends_before_start",
                       "结束日期早于开始日期", "The activity ends before it starts.")
    if data.ends_on > today:
        raise _invalid("ends_on", "ends_in_future",
                       f"结束日期 {data.ends_on} 在未来，请在活动完成后记录",
                       f"The activity ends on {data.ends_on}, in the future; record it once "
                       "it is done.")
    if is_timed(data.kind):
        if data.minutes is None:
            raise _invalid("minutes", "minutes_required",
                           "有时长的活动须填写分钟数（每学时不少于 45 分钟）",
                           f"A {data.kind} needs its minutes (one hour is at least 45 minutes).")
        days = (data.ends_on - data.starts_on).days + 1
        if data.minutes > days * 24 * 60:
            raise _invalid("minutes", "minutes_exceed_days",
                           f"{data.minutes} 分钟超过 {days} 天的长度",
                           f"{data.minutes} minutes do not fit in {days} day(s).")
    elif data.minutes is not None:
        raise _invalid("minutes", "minutes_not_allowed",
                       f"{data.kind} 没有时长，按学会规定的学时认定 [003 Q24]",
                       f"A {data.kind} has no duration; it earns the society's fixed credit "
                       "[003 Q24]. Leave minutes out.")
    years = validity_years(ledger.valid_from, ledger.valid_until)
    year = year_of(years, data.ends_on)
    if year is None:
        raise _invalid("ends_on", "outside_validity", f"活动结束日期 {data.ends_on} 不在证书有效期 "
                       f"{ledger.valid_from}–{ledger.valid_until} 内",
                       f"{data.ends_on} is outside the certificate's validity "
                       f"{ledger.valid_from} to {ledger.valid_until}.")
    _check_open(book, year, today)
    return year


def _check_open(book: PolicyBook, year: ValidityYear, today: date) -> None:
    grace = book.terms_for_year(year).grace_days
    if year_closed(year, today, grace):
        raise YearClosed(
            f"第 {year.index} 年度（{year.start}–{year.end}）已于结束后 {grace} 天关闭，"
            f"记录不能再改动 / Year {year.index} ({year.start} to {year.end}) closed {grace} "
            "days after it ended; its record can no longer change.")


def _check_current(ledger: CpdLedger, book: PolicyBook, activity: CpdActivity, today: date
                   ) -> None:
    """An activity of a past validity (before a re-registration) is part of the record that
    was examined: frozen, like a closed year."""
    year = year_of(validity_years(ledger.valid_from, ledger.valid_until), activity.ends_on)
    if year is None:
        raise YearClosed(
            f"该活动属于以往的有效期（{ledger.valid_from} 之前），记录不能再改动 / The activity "
            f"belongs to an earlier validity (before {ledger.valid_from}); it can no longer "
            "change.")
    _check_open(book, year, today)


def activity_out(ledger: CpdLedger, book: PolicyBook, activity: CpdActivity, today: date
                 ) -> ActivityOut:
    years = validity_years(ledger.valid_from, ledger.valid_until)
    year = year_of(years, activity.ends_on)
    hours = 0
    editable = False
    if year is not None:
        terms = book.terms_for_year(year)
        hours = activity_hours(activity.kind, activity.minutes, activity.status,
                               terms.fixed_credits, terms.minutes_per_hour)
        editable = (not year_closed(year, today, terms.grace_days)
                    and activity.status in ("recorded", "verified"))
    return ActivityOut(
        id=activity.id, kind=activity.kind, title=activity.title, provider=activity.provider,
        starts_on=activity.starts_on, ends_on=activity.ends_on, minutes=activity.minutes,
        reflection=activity.reflection, status=activity.status, source=activity.source,
        course_id=activity.course_id, review_reason=activity.review_reason,
        reviewed_at=activity.reviewed_at, year=year.index if year else None,
        credited_hours=hours, editable=editable, created_at=activity.created_at,
    )


async def outs(session: AsyncSession, ledger: CpdLedger, items: Sequence[CpdActivity]
               ) -> list[ActivityOut]:
    book = await policy_book(session, ledger.society_code)
    today = clock.today()
    return [activity_out(ledger, book, a, today) for a in items]


async def record(session: AsyncSession, principal: Principal, number: str, data: ActivityIn
                 ) -> tuple[CpdLedger, CpdActivity]:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    book = await policy_book(session, ledger.society_code)
    check_activity(ledger, book, data, clock.today())
    activity = CpdActivity(
        id=uuid.uuid4(), ledger_id=ledger.id, kind=data.kind, title=data.title,
        provider=data.provider, starts_on=data.starts_on, ends_on=data.ends_on,
        minutes=data.minutes, reflection=data.reflection, status="recorded", source="member",
        created_at=clock.now(),
    )
    await repository.add(session, activity)
    await compliance.refresh(session, ledger)
    return ledger, activity


async def _own_activity(session: AsyncSession, ledger: CpdLedger, activity_id: uuid.UUID
                        ) -> CpdActivity:
    activity = await repository.get(session, ledger.id, activity_id, for_update=True)
    if activity is None:
        raise ActivityNotFound(f"活动 {activity_id} 不存在 / No activity {activity_id}.")
    return activity


async def edit(session: AsyncSession, principal: Principal, number: str,
               activity_id: uuid.UUID, patch: ActivityPatch) -> tuple[CpdLedger, CpdActivity]:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    activity = await _own_activity(session, ledger, activity_id)
    book = await policy_book(session, ledger.society_code)
    today = clock.today()
    if activity.status in ("accepted", "not_credited"):
        raise ActivityLocked("学会已审核该活动，不能再修改 / The society has reviewed this "
                             "activity; it can no longer change.")
    changes = patch.model_dump(exclude_unset=True)
    if activity.source == "provider" and set(changes) - {"reflection"}:
        raise ActivityLocked("培训机构核实的活动只能补充心得 / An activity verified by its "
                             "provider can only get a reflection.")
    _check_current(ledger, book, activity, today)
    try:
        merged = ActivityIn.model_validate({
            "kind": activity.kind, "title": activity.title, "provider": activity.provider,
            "starts_on": activity.starts_on, "ends_on": activity.ends_on,
            "minutes": activity.minutes, "reflection": activity.reflection, **changes,
        })
    except ValidationError as exc:
        raise InvalidActivity(
            "修改后的活动无效 / The changed activity is invalid.",
            errors=[from_validation(e) for e in exc.errors()],
        ) from exc
    if activity.source == "member":
        check_activity(ledger, book, merged, today)
    for key, value in merged.model_dump().items():
        setattr(activity, key, value)
    activity.updated_at = clock.now()
    await session.flush()
    await compliance.refresh(session, ledger)
    return ledger, activity


async def remove(session: AsyncSession, principal: Principal, number: str,
                 activity_id: uuid.UUID) -> None:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    activity = await _own_activity(session, ledger, activity_id)
    if activity.source == "provider" or activity.status in ("accepted", "not_credited"):
        raise ActivityLocked("已核实或已审核的活动不能删除 / A verified or reviewed activity "
                             "cannot be removed.")
    _check_current(ledger, await policy_book(session, ledger.society_code), activity,
                   clock.today())
    activity.deleted_at = clock.now()
    await session.flush()
    await compliance.refresh(session, ledger)


async def review(session: AsyncSession, principal: Principal, number: str,
                 activity_id: uuid.UUID, data: ReviewIn) -> tuple[CpdLedger, CpdActivity]:
    """Accepted, or not credited with a reason; any time, typically at re-registration."""
    ledger = await ledgers.ledger_for_staff(session, principal, number)
    activity = await _own_activity(session, ledger, activity_id)
    if data.decision == "not_credited" and not data.reason:
        raise _invalid("reason", "reason_required",
                       "不予认定须说明理由", "Say why the activity is not credited.")
    activity.status = data.decision
    activity.review_reason = data.reason or None
    activity.reviewed_by = principal.subject
    activity.reviewed_at = clock.now()
    await session.flush()
    await compliance.refresh(session, ledger)
    return ledger, activity


async def list_activities(session: AsyncSession, principal: Principal, number: str,
                          params: PageParams, ended_from: date | None, ended_to: date | None
                          ) -> tuple[CpdLedger, Sequence[CpdActivity]]:
    ledger = await ledgers.get_ledger(session, principal, number)
    return ledger, await repository.page_of_ledger(session, ledger.id, params,
                                                   ended_from=ended_from,
                                                   ended_to=ended_to)


async def get_activity(session: AsyncSession, principal: Principal, number: str,
                       activity_id: uuid.UUID) -> tuple[CpdLedger, CpdActivity]:
    ledger = await ledgers.get_ledger(session, principal, number)
    activity = await repository.get(session, ledger.id, activity_id)
    if activity is None:
        raise ActivityNotFound(f"活动 {activity_id} 不存在 / No activity {activity_id}.")
    return ledger, activity


async def check_open(session: AsyncSession, ledger: CpdLedger, activity: CpdActivity) -> None:
    """The activity can still change: not reviewed, and its year not closed."""
    if activity.status in ("accepted", "not_credited"):
        raise ActivityLocked("学会已审核该活动，不能再修改 / The society has reviewed this "
                             "activity; it can no longer change.")
    _check_current(ledger, await policy_book(session, ledger.society_code), activity,
                   clock.today())
