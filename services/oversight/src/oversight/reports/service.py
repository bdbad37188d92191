"""Pilot reports (试点报告): per pilot unit and in total, for a month, a half year or a year, new
and cumulative figures against the targets, with the funnel and the cycle times [000, 002]."""

import uuid
from collections import defaultdict
from datetime import datetime

from cse_contracts.events import PilotReportReady
from cse_contracts.reference import load_societies
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.events import outbox
from oversight.pipeline import service as pipeline
from oversight.reports import metrics, reference, repository, rules
from oversight.reports.errors import PeriodInvalid, TargetInvalid
from oversight.reports.schemas import (
    GbaRecognitionsIn,
    MetricFigure,
    PilotReportOut,
    TargetIn,
    UnitFigures,
)

SOCIETY_METRICS = (metrics.REGISTERED_MEMBERS, metrics.TRAINED_EXAMINERS,
                   metrics.QUALITY_CPD_COURSES, metrics.BILATERAL_RECOGNITIONS)
GBA_METRICS = (metrics.GBA_ACCESS, metrics.GBA_NON_ACCESS)


def period_of(text: str) -> rules.Period:
    """The period a report covers, its kind read from how it is written."""
    kind = rules.kind_of(text)
    period = rules.parse_period(kind, text) if kind else None
    if period is None:
        raise PeriodInvalid(
            f"报告期 {text!r} 无效：月报如 2026-11，半年报如 2026-H2，年报如 2026 / Invalid "
            f"period {text!r}: use 2026-11 (a month), 2026-H2 (a half year) or 2026 (a year)."
        )
    return period


async def seed_targets(session: AsyncSession) -> None:
    """The documents' targets as the default year's rows; a later edit is never overwritten."""
    await repository.upsert_targets(session, [
        {"year": rules.DEFAULT_YEAR, "unit_code": unit, "metric": metric,
         "new_target": target.new, "cumulative_target": target.cumulative,
         "comparison": target.comparison}
        for (unit, metric), target in rules.DEFAULT_TARGETS.items()
    ], overwrite=False)


def _item(location: list[str | int], code: str, zh: str, en: str) -> dict[str, object]:
    """One itemised error in the platform's one shape (kit.openapi.PROBLEM_ITEM_SCHEMA)."""
    where = [str(part) for part in location]
    return {"code": code, "message_zh": zh, "message_en": en, "location": ["body", *where],
            "field": ".".join(where)}


def _refuse(items: list[dict[str, object]]) -> TargetInvalid:
    first = items[0]
    return TargetInvalid(f"{first['message_zh']} / {first['message_en']}", errors=items)


def latest_of_each(targets: list[TargetIn]) -> list[TargetIn]:
    """One target per year, unit and metric, the last given winning (as if sent one by one),
    in that order."""
    chosen = {(t.year, t.unit_code, t.metric): t for t in targets}
    return [chosen[key] for key in sorted(chosen)]


async def set_targets(session: AsyncSession, targets: list[TargetIn]) -> list[TargetIn]:
    """Writes the targets and returns them as written (see latest_of_each)."""
    units = {code for code, _ in reference.pilot_units()} | {rules.TOTAL_UNIT}
    problems: list[dict[str, object]] = []
    for index, target in enumerate(targets):
        if target.unit_code not in units:
            problems.append(_item([index, "unit_code"], "unknown_unit",
                                  f"未知的试点单位 {target.unit_code}",
                                  f"Unknown pilot unit {target.unit_code}."))
        if target.new_target is None and target.cumulative_target is None:
            problems.append(_item([index, "new_target"], "target_required",
                                  "请至少填写新增或累计目标之一",
                                  "Give a new or a cumulative target, or both."))
    if problems:
        raise _refuse(problems)
    written = latest_of_each(targets)
    await repository.upsert_targets(session, [t.model_dump() for t in written], overwrite=True)
    return written


async def record_gba(session: AsyncSession, body: GbaRecognitionsIn) -> int:
    # Each field belongs to its kind's list: the schema checks it.
    await metrics.record_many(session, [
        (metrics.GBA_ACCESS if item.kind == "access" else metrics.GBA_NON_ACCESS,
         item.reference, rules.GBA_UNIT, item.recognised_on)
        for item in body.recognitions
    ])
    return len(body.recognitions)


def _figure(metric: str, new: int, ytd: int, cumulative: int, target: rules.Target | None
            ) -> MetricFigure:
    name_zh, name_en = rules.METRIC_NAMES[metric]
    target_new = target.new if target else None
    target_cumulative = target.cumulative if target else None
    comparison = target.comparison if target else ">="
    return MetricFigure(
        metric=metric, name_zh=name_zh, name_en=name_en, new=new, year_to_date=ytd,
        cumulative=cumulative, target_new=target_new, target_cumulative=target_cumulative,
        comparison=comparison, progress_new=rules.progress(ytd, target_new),
        progress_cumulative=rules.progress(cumulative, target_cumulative),
        met_new=rules.met(ytd, target_new, comparison),
        met_cumulative=rules.met(cumulative, target_cumulative, comparison),
    )


async def build(session: AsyncSession, period: rules.Period, society: str | None,
                now: datetime | None = None) -> PilotReportOut:
    """The report's figures; a society's staff get their own unit and the pilot's total."""
    rows = await repository.counts(session, period.start, period.end, period.year_start)
    stored = {(t.year, t.unit_code, t.metric): rules.Target(
        t.new_target, t.cumulative_target, t.comparison) for t in await repository.targets(session)}
    by_unit: dict[str, dict[str, tuple[int, int, int]]] = defaultdict(dict)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for metric, unit, new, ytd, cumulative in rows:
        by_unit[unit][metric] = (new, ytd, cumulative)
        for i, value in enumerate((new, ytd, cumulative)):
            totals[metric][i] += value
    year = period.start.year

    def unit_figures(code: str, name: str, codes: tuple[str, ...]) -> UnitFigures:
        return UnitFigures(unit_code=code, name_zh=name, metrics=[
            _figure(m, *by_unit[code].get(m, (0, 0, 0)),
                    rules.target_for(stored, year, code, m))
            for m in codes
        ])

    units = [unit_figures(s.code, s.name_zh, SOCIETY_METRICS) for s in load_societies()]
    units.append(unit_figures(rules.GBA_UNIT, rules.GBA_NAME[0], GBA_METRICS))
    # Facts of no pilot unit (e.g. a recognition whose member oversight never saw) count in
    # the total only.
    total = UnitFigures(unit_code=rules.TOTAL_UNIT, name_zh="全部试点单位", metrics=[
        _figure(m, totals[m][0], totals[m][1], totals[m][2],
                rules.target_for(stored, year, rules.TOTAL_UNIT, m))
        for m in (*SOCIETY_METRICS, *GBA_METRICS)
    ])
    if society is not None:
        units = [u for u in units if u.unit_code == society]
    return PilotReportOut(
        period_kind=period.kind, period=rules.period_code(period), label=period.label,
        period_start=period.start, period_end=period.end, generated_at=now or clock.now(),
        total=total, units=units,
        # Cumulative to the period's end: a month's flow alone makes conversions meaningless.
        funnel=await pipeline.funnel(session, society, end=period.end),
        cycle=await pipeline.cycle_times(session, society),
    )


async def make_ready(session: AsyncSession, now: datetime) -> int:
    """The scheduled job: every report due today is built, stored once and announced to the
    secretariat and the pilot units (pilot_report.ready)."""
    made = 0
    for period in rules.reports_due(clock.china_date(now)):
        if await repository.ready_report(session, period.kind, period.start) is not None:
            continue
        figures = await build(session, period, None, now)
        report_id = uuid.uuid4()
        if not await repository.add_report(session, {
            "id": report_id, "period_kind": period.kind, "period_start": period.start,
            "period_end": period.end, "figures": figures.model_dump(mode="json"),
            "ready_at": now,
        }):
            continue
        await outbox.emit(session, PilotReportReady(
            report_id=report_id, period_kind=period.kind,
            period_start=period.start, period_end=period.end,
            ready_by=rules.ready_by(period), units=[c for c, _ in reference.pilot_units()],
        ), subject=f"reports/{period.kind}/{rules.period_code(period)}")
        made += 1
    return made
