"""Factories and request helpers for the evaluation service's tests."""

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from cse_contracts.events import ApplicationAccepted
from evaluation.cases import repository as cases
from evaluation.models import outbox
from evaluation.spec import SPEC
from kit.auth import Role
from kit.events import Envelope, EventData
from kit.testing import KEYS
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

SOCIETY = "cces"
EMPLOYER = "中国路桥工程有限责任公司"
COMPETENCIES = ("knowledge", "ethics", "teamwork", "development", "leadership")


def staff(society: str = SOCIETY) -> dict[str, str]:
    return KEYS.headers(Role.SOCIETY_ADMIN, f"staff-{society}", society=society)


def examiner(subject: str, society: str = SOCIETY) -> dict[str, str]:
    return KEYS.headers(Role.EXAMINER, subject, society=society)


def secretariat() -> dict[str, str]:
    return KEYS.headers(Role.SECRETARIAT, "cse-secretariat")


def applicant(subject: str = "user-zhang") -> dict[str, str]:
    return KEYS.headers(Role.APPLICANT, subject)


def accepted_event(**overrides: Any) -> Envelope:
    submitted = overrides.pop("submitted_at", datetime(2026, 8, 31, 9, tzinfo=UTC))
    fields: dict[str, Any] = {
        "application_id": uuid.uuid4(), "applicant_id": "user-zhang", "applicant_name": "张三",
        "society_code": SOCIETY, "level": "professional", "field_code": "civil",
        "specialty_code": None, "candidate_id": None,
        "recommending_enterprise": "中国交通建设集团有限公司", "submitted_at": submitted,
        "accepted_at": submitted, "employers": [EMPLOYER],
    }
    fields.update(overrides)
    return Envelope.wrap(ApplicationAccepted(**fields), source="/services/applications",
                         subject="x")


async def create_case(session: AsyncSession, **overrides: Any) -> str:
    """Open a case through the handler spec.py routes application.accepted to; its id."""
    accepted = accepted_event(**overrides).payload(ApplicationAccepted)
    await deliver(session, accepted)
    case = await cases.get_by_application(session, accepted.application_id)
    assert case is not None
    return str(case.id)


async def create_examiner(
    client: httpx.AsyncClient, subject: str, *, name: str | None = None,
    employer: str = "同济大学", history: Sequence[tuple[str, str | None]] = (),
    levels: Sequence[str] = ("professional", "senior"), fields: Sequence[str] = ("civil",),
    trained: bool = True, society: str = SOCIETY,
) -> str:
    """An examiner profile (with one training record unless `trained` is False); `history`
    holds past employers with the day each employment ended."""
    created = await client.post("/v1/examiners", headers=staff(society), json={
        "subject": subject, "name": name or subject, "employer": employer,
        "fields": list(fields), "levels": list(levels),
        "employment_history": [{"employer": e, "started_on": "2005-07-01",
                                "ended_on": ended_on} for e, ended_on in history],
    })
    assert created.status_code == 201, created.text
    examiner_id = str(created.json()["id"])
    if trained:
        training = await client.post(f"/v1/examiners/{examiner_id}/trainings",
                                     headers=staff(society), json={
            "course": "工程能力评价考官培训", "completed_on": "2026-03-15",
            "certificate": "CSE-EX-001"})
        assert training.status_code == 201, training.text
    return examiner_id


async def clear_panel(client: httpx.AsyncClient, case_id: str, subjects: Sequence[str]
                      ) -> None:
    """Create examiners, seat them and let each declare no conflict."""
    ids = [await create_examiner(client, s) for s in subjects]
    seated = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                               json={"examiner_ids": ids})
    assert seated.status_code == 200, seated.text
    for subject in subjects:
        declared = await client.post(f"/v1/cases/{case_id}/declaration", headers=examiner(
            subject), json={"conflict": False, "statement": "与申请人无利益关系"})
        assert declared.status_code == 200, declared.text


def full_review(recommendation: str = "passed", **extra: Any) -> dict[str, Any]:
    return {
        "competencies": {c: {"achieved": True, "comment": "材料充分"} for c in COMPETENCIES},
        "recommendation": recommendation, "follow_up_needed": True,
        "follow_up_points": "请重点考查其在仰光大桥项目中的个人贡献", **extra,
    }


async def submit_review(client: httpx.AsyncClient, case_id: str, subject: str,
                        body: dict[str, Any]) -> httpx.Response:
    mine = await client.get(f"/v1/cases/{case_id}/reviews/mine", headers=examiner(subject))
    assert mine.status_code == 200, mine.text
    saved = await client.put(f"/v1/cases/{case_id}/reviews/mine", json=body, headers={
        **examiner(subject), "If-Match": mine.headers["ETag"]})
    assert saved.status_code == 200, saved.text
    return await client.post(f"/v1/cases/{case_id}/reviews/mine/submission", headers={
        **examiner(subject), "If-Match": saved.headers["ETag"]})


async def to_assessment(client: httpx.AsyncClient, session: AsyncSession,
                        subjects: Sequence[str] = ("exam-li", "exam-wang"), **case: Any) -> str:
    """A case whose panel cleared and passed the materials review."""
    case_id = await create_case(session, **case)
    await clear_panel(client, case_id, subjects)
    for subject in subjects:
        submitted = await submit_review(client, case_id, subject, full_review())
        assert submitted.status_code == 200, submitted.text
    return case_id


async def schedule_interview(client: httpx.AsyncClient, case_id: str) -> httpx.Response:
    scheduled = await client.post(f"/v1/cases/{case_id}/interview", headers=staff(), json={
        "scheduled_at": "2026-10-20T09:00:00+08:00", "mode": "online",
        "location": "https://meeting.example.cn/cces-2026"})
    assert scheduled.status_code == 200, scheduled.text
    return scheduled


async def score(client: httpx.AsyncClient, case_id: str, subject: str,
                scores: Sequence[float], *, submit: bool = True) -> httpx.Response:
    sheet = await client.get(f"/v1/cases/{case_id}/interview", headers=examiner(subject))
    assert sheet.status_code == 200, sheet.text
    return await client.put(
        f"/v1/cases/{case_id}/interview/scores/mine",
        headers={**examiner(subject), "If-Match": sheet.headers["ETag"]},
        json={"scores": dict(zip(COMPETENCIES, list(scores), strict=True)),
              "comment": "回答清楚", "submit": submit},
    )


async def to_deliberation(client: httpx.AsyncClient, session: AsyncSession, **case: Any
                          ) -> str:
    """A case that passed materials review and interview."""
    case_id = await to_assessment(client, session, **case)
    await schedule_interview(client, case_id)
    for subject in ("exam-li", "exam-wang"):
        scored = await score(client, case_id, subject, (28, 16, 12, 12, 12))
        assert scored.status_code == 200, scored.text
    return case_id


async def set_policy(client: httpx.AsyncClient, **changes: Any) -> None:
    patched = await client.patch("/v1/cases/policy", headers=staff(), json=changes)
    assert patched.status_code == 200, patched.text


async def events(session: AsyncSession, event_type: str | None = None) -> list[dict[str, Any]]:
    """Envelopes in the outbox, in order; only `event_type` when given."""
    query = select(outbox.c.envelope).order_by(outbox.c.seq)
    if event_type is not None:
        query = query.where(outbox.c.type == event_type)
    return list((await session.scalars(query)).all())


async def deliver(session: AsyncSession, event: EventData) -> None:
    """Hand an event to the handler the service's subscriptions route its type to, as the
    consumer would: a test through here also checks the wiring in spec.py."""
    handlers = [h for s in SPEC.subscriptions if (h := s.handler_for(event.event_type))]
    assert handlers, f"no subscription of the evaluation service handles {event.event_type}"
    envelope = Envelope.wrap(event, source="/services/test", subject="x")
    for handler in handlers:
        await handler(session, envelope)


async def backend_pid(session: AsyncSession) -> int:
    """The PostgreSQL backend of the session's connection."""
    return int(await session.scalar(select(func.pg_backend_pid())) or 0)


async def wait_until_blocked(engine: AsyncEngine, pid: int, *, within: float = 10.0) -> None:
    """Until backend `pid` is waiting for a lock another transaction holds (seen in
    pg_stat_activity), so a test knows the race is on without sleeping a guessed time."""
    deadline = asyncio.get_running_loop().time() + within
    async with engine.connect() as watcher:
        while True:
            waiting = await watcher.scalar(text(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = :pid"
            ), {"pid": pid})
            await watcher.rollback()
            if waiting:
                return
            if asyncio.get_running_loop().time() > deadline:
                raise AssertionError(f"backend {pid} never waited for a lock")
            await asyncio.sleep(0.01)
