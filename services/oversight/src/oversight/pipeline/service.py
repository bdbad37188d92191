"""The read model of the evaluation pipeline, fed by events, and the funnel and cycle-time
figures computed from it.

Why a read model: no service reads another's tables, and the pilot report must be computable
for any past period and per society without asking five services at report time; each event
already carries the state the figures need (event-carried state transfer)."""

import uuid
from collections import Counter
from datetime import date, datetime

import structlog
from cse_contracts.events import (
    ApplicationAccepted,
    ApplicationLapsed,
    ApplicationSubmitted,
    CertificateIssued,
    EvaluationApproved,
    EvaluationCaseOpened,
    EvaluationDecided,
    EvaluationWithdrawn,
    RecommendationReceived,
    RecommendationScreened,
)
from kit import clock
from kit.auth import Principal, Role
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.models import ApplicationFact, CandidateFact
from oversight.pipeline import repository, rules
from oversight.pipeline.errors import ReadModelBehind, ReportForbidden
from oversight.pipeline.schemas import (
    CycleFigures,
    CycleOut,
    FunnelOut,
    FunnelRow,
    OverdueCase,
)
from oversight.reports import metrics

log = structlog.get_logger()
UNASSIGNED = "—"


async def on_recommendation_received(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(RecommendationReceived)
    await repository.add_recommendation(session, {
        "recommendation_id": data.recommendation_id, "enterprise_id": data.enterprise_id,
        "candidate_count": data.candidate_count, "received_at": envelope.time,
    })


async def on_recommendation_screened(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(RecommendationScreened)
    await repository.add_candidate(session, {
        "candidate_id": data.candidate_id, "recommendation_id": data.recommendation_id,
        "society_code": data.society_code if data.decision == "accepted" else None,
        "decision": data.decision, "screened_at": envelope.time,
    })


async def on_application_submitted(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(ApplicationSubmitted)
    # A resubmission after a return keeps the first submission: the cycle runs from it.
    await repository.upsert_application(session, {
        "application_id": data.application_id, "applicant_id": data.applicant_id,
        "society_code": data.society_code, "level": data.level, "field_code": data.field_code,
        "submitted_at": envelope.time,
    }, update_on_conflict=())


async def on_application_accepted(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(ApplicationAccepted)
    await repository.upsert_application(session, {
        "application_id": data.application_id, "applicant_id": data.applicant_id,
        "society_code": data.society_code, "level": data.level, "field_code": data.field_code,
        "candidate_id": data.candidate_id, "submitted_at": data.submitted_at,
        "accepted_at": data.accepted_at,
    }, update_on_conflict=("candidate_id", "accepted_at", "field_code", "level"))


async def _set(session: AsyncSession, envelope: Envelope, application_id: uuid.UUID,
               **values: object) -> None:
    if not await repository.set_on_application(session, application_id, **values):
        # Its application's events have not arrived yet: fail, and the consumer retries.
        raise ReadModelBehind(f"{envelope.type} {envelope.id} before its application")


async def on_application_lapsed(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(ApplicationLapsed)
    await _set(session, envelope, data.application_id, lapsed_at=envelope.time)


async def on_withdrawn(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationWithdrawn)
    await _set(session, envelope, data.application_id, case_id=data.case_id,
               withdrawn_at=data.withdrawn_at)


async def on_case_opened(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationCaseOpened)
    await _set(session, envelope, data.application_id, case_id=data.case_id,
               deadline=data.deadline)


async def on_decided(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationDecided)
    await _set(session, envelope, data.application_id, case_id=data.case_id,
               decided_at=envelope.time, outcome=data.outcome)


async def on_approved(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(EvaluationApproved)
    await _set(session, envelope, data.application_id, approved_at=data.approved_at)


async def on_certificate_issued(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(CertificateIssued)
    await metrics.record(session, metrics.REGISTERED_MEMBERS, data.certificate_number,
                         data.society_code, data.valid_from)
    application = await repository.awaiting_registration(session, data.applicant_id,
                                                         data.society_code)
    if application is None:
        log.warning("certificate_without_application", number=data.certificate_number)
        return
    application.registered_at = envelope.time
    application.certificate_number = data.certificate_number
    await session.flush()


def scope_of(principal: Principal, society: str | None) -> str | None:
    """A society's staff see their own society only; the secretariat and the supervision
    committee see every society, or the one they ask for."""
    if principal.role is Role.SOCIETY_ADMIN:
        if society is not None and society != principal.society:
            raise ReportForbidden(
                f"学会只能查看本学会的数据 / A society sees only its own figures, not {society}."
            )
        return principal.society
    if principal.role in (Role.SECRETARIAT, Role.SUPERVISION):
        return society
    raise ReportForbidden("无权查看报告 / Reports are for societies, the secretariat and the "
                          "supervision committee.")


def _within(moment: datetime | None, start: date | None, end: date | None) -> bool:
    if moment is None:
        return False
    day = clock.china_date(moment)
    return (start is None or day >= start) and (end is None or day <= end)


async def funnel(session: AsyncSession, society: str | None, *, start: date | None = None,
                 end: date | None = None) -> FunnelOut:
    """Each stage counts what entered it in the period (all time without one), per society
    and field; candidates not yet applied have no field (—)."""
    apps = await repository.applications(session, society)
    candidates = await repository.candidates(session, society)
    field_of_candidate = {a.candidate_id: a.field_code for a in apps if a.candidate_id}
    counts: dict[tuple[str, str], Counter[str]] = {}

    def bump(key: tuple[str, str], stage: str) -> None:
        counts.setdefault(key, Counter())[stage] += 1

    for candidate in candidates:
        if not _within(candidate.screened_at, start, end):
            continue
        key = (candidate.society_code or UNASSIGNED,
               field_of_candidate.get(candidate.candidate_id, UNASSIGNED))
        bump(key, "recommended")
        if candidate.decision == "accepted":
            bump(key, "pre_screened")
    for app in apps:
        key = (app.society_code, app.field_code)
        stamps = {"applied": app.submitted_at, "accepted": app.accepted_at,
                  "registered": app.registered_at}
        if app.outcome in ("passed", "failed"):
            stamps[app.outcome] = app.decided_at
        for stage, moment in stamps.items():
            if _within(moment, start, end):
                bump(key, stage)
    total: Counter[str] = Counter()
    for counter in counts.values():
        total.update(counter)
    if society is None:
        # Recommended candidates not screened yet are counted in the total only.
        received = sum(r.candidate_count for r in await repository.recommendations(session)
                       if _within(r.received_at, start, end))
        total["recommended"] += max(received - total["recommended"], 0)
    rows = [
        FunnelRow(society_code=key[0], field_code=key[1],
                  counts={s: counter.get(s, 0) for s in rules.STAGES},
                  conversion=rules.conversions(dict(counter)))
        for key, counter in sorted(counts.items())
    ]
    return FunnelOut(
        society_code=society, period_start=start, period_end=end, rows=rows,
        total=FunnelRow(society_code=society or "all", field_code="all",
                        counts={s: total.get(s, 0) for s in rules.STAGES},
                        conversion=rules.conversions(dict(total))),
    )


def _days(start: datetime, end: datetime) -> float:
    return round((end - start).total_seconds() / 86400, 1)


async def cycle_times(session: AsyncSession, society: str | None) -> CycleOut:
    """Days from recommendation and from submission to the decision and to registration,
    against the six-month limit [001], with the overdue cases themselves."""
    apps = await repository.applications(session, society)
    candidates = {c.candidate_id: c for c in await repository.candidates(session, None)}
    received = {r.recommendation_id: r.received_at
                for r in await repository.recommendations(session)}
    today = clock.today()
    spans: dict[str, list[float]] = {
        "submission_to_decision": [], "submission_to_registration": [],
        "recommendation_to_decision": [], "recommendation_to_registration": [],
    }
    overdue: list[OverdueCase] = []
    for app in apps:
        if app.lapsed_at is not None or app.withdrawn_at is not None:
            # Closed without a decision: no cycle to measure, nothing overdue.
            continue
        recommended_at = _recommended_at(app, candidates, received)
        if app.decided_at:
            spans["submission_to_decision"].append(_days(app.submitted_at, app.decided_at))
            if recommended_at:
                spans["recommendation_to_decision"].append(_days(recommended_at, app.decided_at))
        if app.registered_at:
            spans["submission_to_registration"].append(
                _days(app.submitted_at, app.registered_at))
            if recommended_at:
                spans["recommendation_to_registration"].append(
                    _days(recommended_at, app.registered_at))
        deadline = rules.cycle_deadline(clock.china_date(app.submitted_at), app.deadline)
        decided_on = clock.china_date(app.decided_at) if app.decided_at else None
        if rules.is_overdue(deadline, decided_on, today):
            overdue.append(OverdueCase(
                application_id=app.application_id, case_id=app.case_id,
                society_code=app.society_code, field_code=app.field_code,
                submitted_on=clock.china_date(app.submitted_at), deadline=deadline,
                decided_on=decided_on,
                days_over=((decided_on or today) - deadline).days,
            ))
    figures = {name: CycleFigures(**rules.cycle_stats(days).__dict__)
               for name, days in spans.items()}
    overdue.sort(key=lambda case: -case.days_over)
    return CycleOut(society_code=society, limit_months=rules.CYCLE_LIMIT_MONTHS,
                    figures=figures, overdue_count=len(overdue), overdue=overdue)


def _recommended_at(app: ApplicationFact, candidates: dict[uuid.UUID, CandidateFact],
                    received: dict[uuid.UUID, datetime]) -> datetime | None:
    candidate = candidates.get(app.candidate_id) if app.candidate_id else None
    return received.get(candidate.recommendation_id) if candidate else None
