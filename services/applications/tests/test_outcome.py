"""The outcome reaches the application: every evaluation and registry event the spec wires
moves the one status the applicant and the enterprise read, from acceptance to registration."""

import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from applications.models import HeldCertificate
from applications_factories import (
    PDF,
    accepted,
    accepted_candidate,
    applicant,
    deliver,
    enterprise,
    society_admin,
)
from cse_contracts.events import (
    CertificateIssued,
    EvaluationApproved,
    EvaluationCaseOpened,
    EvaluationDecided,
    EvaluationNoticePublished,
    EvaluationSupplementLapsed,
    EvaluationSupplementRequested,
    EvaluationWithdrawn,
    RegistrationRefused,
)
from kit import clock
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

EVALUATION = "/services/evaluation"


async def recommended_and_accepted(client: httpx.AsyncClient) -> tuple[str, str]:
    candidate_id = await accepted_candidate(client)
    return candidate_id, await accepted(client, candidate_id=candidate_id)


async def seen(client: httpx.AsyncClient, application_id: str, candidate_id: str
               ) -> tuple[dict[str, object], dict[str, object]]:
    """What the applicant reads of the application and the enterprise of its candidate."""
    own = await client.get(f"/v1/applications/{application_id}", headers=applicant())
    assert own.status_code == 200, own.text
    candidate = await client.get(f"/v1/candidates/{candidate_id}", headers=enterprise())
    assert candidate.status_code == 200, candidate.text
    application = candidate.json()["application"]
    assert application is not None
    return own.json(), application


def case_event(application_id: str, case_id: uuid.UUID) -> dict[str, object]:
    return {"case_id": case_id, "application_id": uuid.UUID(application_id),
            "applicant_id": "user-zhang", "society_code": "cces"}


async def test_from_acceptance_to_registration_one_status(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id, application_id = await recommended_and_accepted(client)
    own, theirs = await seen(client, application_id, candidate_id)
    assert (own["status"], theirs["status"]) == ("accepted", "accepted")
    case_id = uuid.uuid4()
    ids = case_event(application_id, case_id)

    await deliver(session, "applications.evaluation",
                  EvaluationCaseOpened(**ids, deadline=date(2027, 6, 1)), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "under_evaluation"
    assert own["status_words"] == {"zh": "评价中", "en": "under evaluation"}
    assert own["evaluation_deadline"] == "2027-06-01"
    assert own["case_id"] == str(case_id)

    await deliver(session, "applications.evaluation", EvaluationSupplementRequested(
        **ids, round=1, requests="请补充主桥设计图纸",
        deadline=clock.now() + timedelta(days=10)), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "supplement_requested"
    uploaded = await client.post(f"/v1/applications/{application_id}/evidence",
                                 data={"kind": "achievement"},
                                 files={"file": ("drawing.pdf", PDF)}, headers=applicant())
    assert uploaded.status_code == 201, uploaded.text
    handed_in = await client.post(f"/v1/applications/{application_id}/supplements/1/submit",
                                  headers=applicant())
    assert handed_in.status_code == 200, handed_in.text
    own, _ = await seen(client, application_id, candidate_id)
    assert own["status"] == "under_evaluation"

    await deliver(session, "applications.evaluation",
                  EvaluationDecided(**ids, outcome="passed", reasons="各项评分均达标"),
                  EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "passed"
    await deliver(session, "applications.evaluation",
                  EvaluationNoticePublished(**ids, notice_until=date(2027, 3, 10)), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "on_public_notice"
    assert own["status_words"] == {"zh": "评价通过，公示中", "en": "passed, on public notice"}
    assert theirs["notice_until"] == "2027-03-10"
    # A late repeat of an earlier step (a retried message) never moves it back.
    await deliver(session, "applications.evaluation",
                  EvaluationCaseOpened(**ids, deadline=date(2027, 6, 1)), EVALUATION)
    assert (await seen(client, application_id, candidate_id))[0]["status"] == "on_public_notice"

    await deliver(session, "applications.evaluation", EvaluationApproved(
        **ids, applicant_name="张三", level="professional", field_code="civil",
        approved_at=datetime(2027, 3, 11, 2, tzinfo=UTC)), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "approved"

    certificate_id = uuid.uuid4()
    await deliver(session, "applications.registry", CertificateIssued(
        certificate_id=certificate_id, member_id=uuid.uuid4(), applicant_id="user-zhang",
        certificate_number="CSE-2027-P-000001", society_code="cces", level="professional",
        field_code="civil", valid_from=date(2027, 3, 12), valid_until=date(2032, 3, 11),
    ), "/services/registry")
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "registered"
    assert own["certificate_number"] == theirs["certificate_number"] == "CSE-2027-P-000001"
    assert own["status_words"] == {"zh": "已注册", "en": "registered"}
    # The same event still feeds the upgrade rule.
    held = await session.get(HeldCertificate, certificate_id)
    assert held is not None
    assert held.level == "professional"
    society = await client.get(f"/v1/applications/{application_id}", headers=society_admin())
    assert society.json()["status"] == "registered"


async def test_a_fail_reaches_the_applicant_with_its_reasons(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id, application_id = await recommended_and_accepted(client)
    ids = case_event(application_id, uuid.uuid4())
    await deliver(session, "applications.evaluation",
                  EvaluationCaseOpened(**ids, deadline=date(2027, 6, 1)), EVALUATION)
    await deliver(session, "applications.evaluation", EvaluationDecided(
        **ids, outcome="failed", reasons="重要工程工作经历不足两年"), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "failed"
    assert own["decision_reasons"] == "重要工程工作经历不足两年"
    assert own["status_words"] == {"zh": "评价未通过", "en": "failed"}
    # The enterprise learns the outcome, not the applicant's reasons.
    assert "decision_reasons" not in theirs
    # Nothing after a fail turns it into a pass.
    await deliver(session, "applications.evaluation",
                  EvaluationNoticePublished(**ids, notice_until=date(2027, 3, 10)), EVALUATION)
    assert (await seen(client, application_id, candidate_id))[0]["status"] == "failed"


async def passed_application(client: httpx.AsyncClient, session: AsyncSession) -> str:
    """user-zhang's accepted cces/civil application, passed by evaluation: its id."""
    _, application_id = await recommended_and_accepted(client)
    await deliver(session, "applications.evaluation", EvaluationDecided(
        **case_event(application_id, uuid.uuid4()), outcome="passed", reasons=""), EVALUATION)
    return application_id


async def issue_certificate(session: AsyncSession, number: str, *, level: str = "professional",
                            applicant_id: str = "user-zhang",
                            application_id: str | None = None) -> None:
    """registry's certificate.issued for a cces/civil certificate, delivered."""
    await deliver(session, "applications.registry", CertificateIssued(
        certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id=applicant_id,
        certificate_number=number, society_code="cces", level=level, field_code="civil",
        valid_from=date(2027, 3, 12), valid_until=date(2032, 3, 11),
        application_id=uuid.UUID(application_id) if application_id else None,
    ), "/services/registry")


async def status_and_number(client: httpx.AsyncClient, application_id: str
                            ) -> tuple[str, str | None]:
    own = (await client.get(f"/v1/applications/{application_id}", headers=applicant())).json()
    return own["status"], own["certificate_number"]


async def test_a_certificate_for_another_level_registers_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await passed_application(client, session)
    await issue_certificate(session, "CSE-2027-S-000009", level="senior")
    assert await status_and_number(client, application_id) == ("passed", None)
    held = (await session.scalars(select(HeldCertificate))).all()
    assert [h.certificate_number for h in held] == ["CSE-2027-S-000009"]


async def test_a_certificate_registers_the_application_it_names(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await passed_application(client, session)
    # Another application of the same applicant, society, level and field: not this one.
    await issue_certificate(session, "CSE-2027-P-000007", application_id=str(uuid.uuid4()))
    # This application, but under someone else's name: nothing either.
    await issue_certificate(session, "CSE-2027-P-000008", application_id=application_id,
                            applicant_id="user-li")
    assert await status_and_number(client, application_id) == ("passed", None)
    await issue_certificate(session, "CSE-2027-P-000009", application_id=application_id)
    assert await status_and_number(client, application_id) == ("registered", "CSE-2027-P-000009")


async def test_a_lapsed_supplement_and_a_ban_reach_the_application(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id, application_id = await recommended_and_accepted(client)
    ids = case_event(application_id, uuid.uuid4())
    deadline = clock.now() + timedelta(days=3)
    await deliver(session, "applications.evaluation", EvaluationSupplementRequested(
        **ids, round=1, requests="请补充图纸", deadline=deadline), EVALUATION)
    assert (await seen(client, application_id, candidate_id))[0]["status"] == \
        "supplement_requested"
    # Nothing was handed in: the reviewers conclude on what they have.
    await deliver(session, "applications.evaluation", EvaluationSupplementLapsed(
        **ids, round=1, deadline=deadline, next_round=2), EVALUATION)
    assert (await seen(client, application_id, candidate_id))[0]["status"] == "under_evaluation"
    await deliver(session, "applications.evaluation", EvaluationWithdrawn(
        **ids, reason="提供虚假材料", withdrawn_at=datetime(2027, 1, 5, tzinfo=UTC)), EVALUATION)
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "withdrawn"
    assert own["decision_reasons"] == "提供虚假材料"
    # A decision that crossed the ban on the bus does not revive it.
    await deliver(session, "applications.evaluation",
                  EvaluationDecided(**ids, outcome="passed", reasons=""), EVALUATION)
    assert (await seen(client, application_id, candidate_id))[0]["status"] == "withdrawn"


async def test_a_refused_registration_reaches_the_application(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id, application_id = await recommended_and_accepted(client)
    case_id = uuid.uuid4()
    ids = case_event(application_id, case_id)
    await deliver(session, "applications.evaluation",
                  EvaluationCaseOpened(**ids, deadline=date(2027, 6, 1)), EVALUATION)
    await deliver(session, "applications.evaluation", EvaluationApproved(
        **ids, applicant_name="张三", level="professional", field_code="civil",
        approved_at=datetime(2027, 3, 11, 2, tzinfo=UTC)), EVALUATION)
    await deliver(session, "applications.registry", RegistrationRefused(
        registration_id=uuid.uuid4(), case_id=case_id, applicant_id="user-zhang",
        society_code="cces", level="professional", reason="公示期间异议成立"),
        "/services/registry")
    own, theirs = await seen(client, application_id, candidate_id)
    assert own["status"] == theirs["status"] == "registration_refused"
    assert own["decision_reasons"] == "公示期间异议成立"
    assert own["status_words"] == {"zh": "注册未获批准", "en": "registration refused"}
