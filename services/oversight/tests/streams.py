"""A stream of the platform's events, fed through the oversight consumer's own handler table."""

import uuid
from datetime import UTC, date, datetime
from typing import Any, Literal

import httpx
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
from kit.events import Envelope, EventData
from oversight.spec import READ_MODEL
from sqlalchemy.ext.asyncio import AsyncSession


def at(day: str, hour: int = 2) -> datetime:
    """10:00 in China on that day (02:00 UTC), so the China date is the day given."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


async def feed(session: AsyncSession, data: EventData, when: datetime) -> Envelope:
    envelope = Envelope.wrap(data, source="/tests", subject=None).model_copy(
        update={"time": when})
    handler = READ_MODEL.handler_for(envelope.type)
    assert handler is not None, envelope.type
    await handler(session, envelope)
    await session.flush()
    return envelope


class Pipeline:
    """One application's way through the platform, told as events."""

    def __init__(self, session: AsyncSession, society: str, field: str,
                 candidate: uuid.UUID | None = None) -> None:
        self.session = session
        self.society = society
        self.field = field
        self.candidate = candidate
        self.application = uuid.uuid4()
        self.case = uuid.uuid4()
        self.applicant = f"user-{self.application.hex[:8]}"
        self.submitted: datetime | None = None

    async def submit(self, day: str) -> None:
        self.submitted = at(day)
        await feed(self.session, ApplicationSubmitted(
            application_id=self.application, applicant_id=self.applicant,
            society_code=self.society, level="professional", field_code=self.field,
        ), self.submitted)

    async def accept(self, day: str, deadline: date) -> None:
        assert self.submitted is not None
        await feed(self.session, ApplicationAccepted(
            application_id=self.application, applicant_id=self.applicant,
            applicant_name="张三", society_code=self.society, level="professional",
            field_code=self.field, specialty_code=None, candidate_id=self.candidate,
            recommending_enterprise=None, submitted_at=self.submitted, accepted_at=at(day),
        ), at(day))
        await feed(self.session, EvaluationCaseOpened(
            case_id=self.case, application_id=self.application, applicant_id=self.applicant,
            society_code=self.society, deadline=deadline,
        ), at(day))

    async def decide(self, day: str, outcome: Literal["passed", "failed"]) -> None:
        await feed(self.session, EvaluationDecided(
            case_id=self.case, application_id=self.application, applicant_id=self.applicant,
            society_code=self.society, outcome=outcome, reasons="",
        ), at(day))

    async def register(self, approved: str, issued: str, number: str) -> None:
        await feed(self.session, EvaluationApproved(
            case_id=self.case, application_id=self.application, applicant_id=self.applicant,
            applicant_name="张三", society_code=self.society, level="professional",
            field_code=self.field, approved_at=at(approved),
        ), at(approved))
        await feed(self.session, CertificateIssued(
            certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id=self.applicant,
            certificate_number=number, society_code=self.society, level="professional",
            field_code=self.field, valid_from=date.fromisoformat(issued),
            valid_until=date.fromisoformat(issued).replace(year=int(issued[:4]) + 5),
        ), at(issued))

    async def withdraw(self, day: str) -> None:
        await feed(self.session, EvaluationWithdrawn(
            case_id=self.case, application_id=self.application, applicant_id=self.applicant,
            society_code=self.society, reason="终身禁止", withdrawn_at=at(day),
        ), at(day))

    async def lapse(self, day: str) -> None:
        await feed(self.session, ApplicationLapsed(
            application_id=self.application, applicant_id=self.applicant,
            society_code=self.society,
        ), at(day))


async def recommend(session: AsyncSession, day: str, decisions: list[str | None]
                    ) -> list[uuid.UUID]:
    """A recommendation of len(decisions) candidates; each accepted to a society or rejected."""
    recommendation = uuid.uuid4()
    await feed(session, RecommendationReceived(
        recommendation_id=recommendation, enterprise_id="crbc", enterprise_name="中国路桥",
        candidate_count=len(decisions),
    ), at(day))
    candidates = []
    for society in decisions:
        candidate = uuid.uuid4()
        candidates.append(candidate)
        await feed(session, RecommendationScreened(
            recommendation_id=recommendation, candidate_id=candidate, enterprise_id="crbc",
            candidate_name="候选人", decision="accepted" if society else "rejected",
            society_code=society, reason="",
        ), at(day, 3))
    return candidates


async def pages(client: httpx.AsyncClient, path: str, headers: dict[str, str],
                limit: int = 1) -> list[dict[str, Any]]:
    """Every item of a list, read `limit` at a time by following `next_cursor`."""
    items: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": limit}
    while True:
        page = await client.get(path, headers=headers, params=params)
        assert page.status_code == 200, page.text
        body = page.json()
        assert {"items", "next_cursor"} <= set(body)
        assert len(body["items"]) <= limit
        items += body["items"]
        if body["next_cursor"] is None:
            return items
        params = {"limit": limit, "cursor": body["next_cursor"]}
