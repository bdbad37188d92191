import re
import uuid
from datetime import UTC, date, datetime

import httpx
from applications.applicants.schemas import WorkPeriod
from applications.application.rules import resubmission_reminder_due
from applications.models import Application, EvidenceBlob, EvidenceFile
from applications.spec import LAPSE_JOB, RESUBMISSION_REMINDER_JOB
from applications_factories import (
    PDF,
    accepted_candidate,
    applicant,
    complete_application,
    deliver,
    draft,
    events,
    profile_body,
    secretariat,
    society_admin,
    submitted,
)
from cse_contracts.events import CertificateIssued, MemberBarred
from kit import clock
from kit.clock import FrozenClock
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def blocked_codes(client: httpx.AsyncClient, application_id: str,
                        headers: dict[str, str] | None = None) -> set[str]:
    response = await client.post(f"/v1/applications/{application_id}/submit",
                                 headers=headers or applicant())
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    # Each item in the one error-item shape, pointing where GET …/eligibility lists it.
    assert all(e.keys() == {"code", "message_zh", "message_en", "location"} for e in errors)
    assert all(e["location"] in (["eligibility", "checklist"], ["eligibility", "rules"])
               for e in errors)
    return {e["code"] for e in errors}


async def test_draft_submit_and_accept_emit_what_evaluation_needs(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id = await accepted_candidate(client)
    application_id = await submitted(client, specialty_code="civil.structural",
                                     candidate_id=candidate_id)
    accepted = await client.post(f"/v1/applications/{application_id}/formal-check",
                                 json={"decision": "accepted"}, headers=society_admin("cces"))
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    [event] = await events(session, "application.accepted")
    assert event["data"]["application_id"] == application_id
    assert event["data"]["recommending_enterprise"] == "中国路桥工程有限责任公司"
    assert event["data"]["employers"] == ["中国路桥工程有限责任公司"]
    assert event["data"]["fast_track"] is False
    assert event["subject"] == f"applications/{application_id}"
    locked = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert locked.status_code == 409
    edit = await client.put(f"/v1/applications/{application_id}/statement",
                            json={"parts": [{"text": "改", "competencies": ["ethics"]}]},
                            headers=applicant())
    assert edit.status_code == 409
    assert edit.json()["type"].endswith("application-locked")


async def test_submit_lists_everything_missing(client: httpx.AsyncClient) -> None:
    application_id = await draft(client)
    codes = await blocked_codes(client, application_id)
    assert {"profile", "statement", "evidence", "commitment", "degree", "membership"} <= codes
    response = await client.post(f"/v1/applications/{application_id}/submit",
                                 headers=applicant())
    problem = response.json()
    assert "学历" in problem["detail"]
    assert "degree" in problem["detail"]
    assert all(e["message_zh"] and e["message_en"] for e in problem["errors"])


async def test_eligibility_is_explained_before_submit(client: httpx.AsyncClient) -> None:
    application_id = await draft(client)
    await complete_application(client, application_id, applicant())
    response = await client.get(f"/v1/applications/{application_id}/eligibility",
                                headers=applicant())
    body = response.json()
    assert body["can_submit"] is True
    rules = {r["code"]: r["outcome"] for r in body["rules"]}
    assert rules["degree"] == "passed"
    assert rules["relevant_experience"] == "passed"
    assert rules["overseas"] == "not_applicable"
    assert body["experience"]["relevant_years"] > 10


async def test_other_society_and_other_applicant_cannot_see_it(client: httpx.AsyncClient) -> None:
    application_id = await submitted(client, level="senior")
    for headers in (society_admin("csee"), applicant("user-li", "李四")):
        response = await client.get(f"/v1/applications/{application_id}", headers=headers)
        assert response.status_code == 404
        evidence = await client.get(f"/v1/applications/{application_id}/evidence",
                                    headers=headers)
        assert evidence.status_code == 404
    check = await client.post(f"/v1/applications/{application_id}/formal-check",
                              json={"decision": "accepted"}, headers=society_admin("csee"))
    assert check.status_code == 404
    listed = await client.get("/v1/applications", headers=society_admin("csee"))
    assert listed.json()["items"] == []
    own = await client.get("/v1/applications", headers=society_admin("cces"))
    assert [a["id"] for a in own.json()["items"]] == [application_id]
    masked = await client.get(f"/v1/applications/{application_id}/applicant",
                              headers=secretariat())
    assert masked.json()["id_number"] == "1101**********002X"
    assert masked.json()["mobile"] == "+86138****0000"


async def test_return_needs_reasons_and_allows_resubmission(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await submitted(client)
    # The formal check speaks the platform's outcome words: accepted / returned.
    for old_word in ("accept", "return"):
        refused = await client.post(f"/v1/applications/{application_id}/formal-check",
                                    json={"decision": old_word, "reasons": "x"},
                                    headers=society_admin())
        assert refused.status_code == 422
    no_reason = await client.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "returned"}, headers=society_admin())
    assert no_reason.status_code == 422
    returned = await client.post(f"/v1/applications/{application_id}/formal-check",
                                 json={"decision": "returned", "reasons": "学历证明不清晰"},
                                 headers=society_admin())
    assert returned.json()["status"] == "returned"
    assert returned.json()["resubmit_by"] is not None
    [event] = await events(session, "application.returned")
    assert event["data"]["reasons"] == "学历证明不清晰"
    assert event["data"]["resubmit_by"] == returned.json()["resubmit_by"]
    again = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert again.json()["status"] == "submitted"


async def test_a_return_lapses_after_ten_working_days_around_national_day(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    frozen = FrozenClock(datetime(2026, 9, 28, 2, 0, tzinfo=UTC))  # Monday 10:00 in Beijing
    with clock.use(frozen):
        application_id = await submitted(client)
        returned = await client.post(f"/v1/applications/{application_id}/formal-check",
                                     json={"decision": "returned", "reasons": "请补充学位证书"},
                                     headers=society_admin())
        # 9/29, 9/30, then 10/1–7 holidays, 10/8, 10/9, 10/10 (make-up Saturday), 10/12–16.
        assert returned.json()["resubmit_by"] == "2026-10-16"
        frozen.at = datetime(2026, 10, 16, 15, 59, tzinfo=UTC)  # 23:59 on the last day
        assert await LAPSE_JOB.run(session, clock.now()) == 0
        frozen.at = datetime(2026, 10, 16, 16, 0, tzinfo=UTC)  # 00:00 the day after
        late = await client.post(f"/v1/applications/{application_id}/submit",
                                 headers=applicant())
        assert late.status_code == 409
        assert late.json()["type"].endswith("resubmission-overdue")
        assert await LAPSE_JOB.run(session, clock.now()) == 1
    application = await session.get(Application, uuid.UUID(application_id))
    assert application is not None
    await session.refresh(application)
    assert application.status == "lapsed"
    [event] = await events(session, "application.lapsed")
    assert event["data"]["application_id"] == application_id
    assert await LAPSE_JOB.run(session, datetime(2026, 11, 1, tzinfo=UTC)) == 0


async def test_candidate_of_someone_else_cannot_be_referenced(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    candidate_id = await accepted_candidate(client)
    # Another person, even one with the same name, once their profile says who they are.
    namesake = applicant("user-zhang-other", "张三")
    await client.put("/v1/applicants/me", json=profile_body(
        id_type="passport", id_number="E87654321", nationality="SG", mobile="13911112222",
    ), headers=namesake)
    for headers in (applicant("user-li", "李四"), namesake):
        response = await client.post(
            "/v1/applications",
            json={"level": "professional", "field_code": "civil", "candidate_id": candidate_id},
            headers=headers,
        )
        assert response.status_code == 422, response.text
        assert response.json()["type"].endswith("candidate-mismatch")
        assert response.json()["errors"][0]["location"] == ["body", "candidate_id"]
    assert await session.scalar(select(func.count()).select_from(Application)) == 0
    # The engineer it names may.
    own = await draft(client, candidate_id=candidate_id)
    assert own


async def test_too_little_experience_blocks_and_study_practice_is_for_the_society(
    client: httpx.AsyncClient,
) -> None:
    short = profile_body(work_history=[
        {"employer": "甲公司", "position": "助理工程师", "start": "2022-07-01", "end": None,
         "important": False},
        # Undergraduate practice never counts, even though it is dated.
        {"employer": "实习单位", "position": "实习生", "start": "2010-07-01", "end": "2012-06-30",
         "important": True, "during_study": "undergraduate"},
    ])
    application_id = await draft(client)
    await complete_application(client, application_id, applicant(), short)
    assert {"relevant_experience", "important_experience"} <= await blocked_codes(
        client, application_id)

    master = profile_body(
        education=[{"degree": "master", "subject": "结构工程", "engineering_related": True,
                    "institution": "清华大学", "start": "2016-09-01", "end": "2019-06-30"}],
        work_history=[
            {"employer": "设计院", "position": "工程师", "start": "2016-09-01", "end": "2019-06-30",
             "important": True, "during_study": "master"},
            {"employer": "设计院", "position": "工程师", "start": "2019-07-01", "end": "2021-12-31",
             "important": True},
        ],
    )
    await client.put("/v1/applicants/me", json=master, headers=applicant())
    eligibility = (await client.get(f"/v1/applications/{application_id}/eligibility",
                                    headers=applicant())).json()
    rules = {r["code"]: r["outcome"] for r in eligibility["rules"]}
    assert rules["relevant_experience"] == "judgement"
    assert eligibility["needs_judgement"] is True
    done = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert done.status_code == 200, done.text


async def test_chemical_society_requires_a_title(client: httpx.AsyncClient) -> None:
    no_title = profile_body(
        professional_titles=[{"name": "助理工程师"}],
        memberships=[{"society_code": "ciesc", "member_number": "CIESC-0001"}],
    )
    application_id = await draft(client, field_code="chemical")
    await complete_application(client, application_id, applicant(), no_title)
    assert "professional_title" in await blocked_codes(client, application_id)
    titled = {**no_title, "professional_titles": [{"name": "工程师"}]}
    await client.put("/v1/applicants/me", json=titled, headers=applicant())
    assert (await client.post(f"/v1/applications/{application_id}/submit",
                              headers=applicant())).status_code == 200
    senior = await draft(client, field_code="chemical", level="senior")
    await complete_application(client, senior, applicant(), titled)
    assert "professional_title" in await blocked_codes(client, senior)


async def test_statement_must_be_long_enough_chinese_and_cover_five_competencies(
    client: httpx.AsyncClient,
) -> None:
    application_id = await draft(client)
    await complete_application(client, application_id, applicant())
    english = {"parts": [{"text": "I designed the main bridge structure. " * 80,
                          "competencies": ["knowledge", "ethics", "teamwork", "development",
                                           "leadership"]}]}
    await client.put(f"/v1/applications/{application_id}/statement", json=english,
                     headers=applicant())
    assert "statement_language" in await blocked_codes(client, application_id)
    short = {"parts": [{"text": "我负责主桥设计。", "competencies": ["knowledge"]}]}
    saved = await client.put(f"/v1/applications/{application_id}/statement", json=short,
                             headers=applicant())
    assert saved.json()["characters"] == 8
    assert {"statement_length", "statement_competencies"} <= await blocked_codes(
        client, application_id)


async def test_upgrade_needs_the_level_below_and_cannot_skip(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await deliver(session, "applications.registry", CertificateIssued(
        certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id="user-zhang",
        certificate_number="CSE-2024-000001", society_code="cces", level="apprentice",
        field_code="civil", valid_from=date(2024, 1, 1), valid_until=date(2029, 1, 1),
    ), "/services/registry")
    senior = await draft(client, level="senior")
    await complete_application(client, senior, applicant())
    assert "upgrade" in await blocked_codes(client, senior)
    eligibility = (await client.get(f"/v1/applications/{senior}/eligibility",
                                    headers=applicant())).json()
    [upgrade] = [r for r in eligibility["rules"] if r["code"] == "upgrade"]
    assert "越级" in upgrade["message_zh"]
    professional = await draft(client)
    await complete_application(client, professional, applicant())
    assert (await client.post(f"/v1/applications/{professional}/submit",
                              headers=applicant())).status_code == 200


async def test_international_title_is_fast_tracked(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    profile = profile_body(international_titles=[{"title": "apec_engineer", "number": "A-1"}])
    application_id = await submitted(client, profile=profile)
    await client.post(f"/v1/applications/{application_id}/formal-check",
                      json={"decision": "accepted"}, headers=society_admin())
    [event] = await events(session, "application.accepted")
    assert event["data"]["fast_track"] is True
    assert event["data"]["international_titles"] == ["APEC Engineer 亚太经济合作组织工程师"]


async def test_barred_identity_is_refused_on_every_account(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await draft(client)
    await complete_application(client, application_id, applicant())
    await deliver(session, "applications.registry", MemberBarred(
        member_id=None, applicant_id="user-zhang", reason="提供虚假材料",
        barred_at=datetime(2026, 1, 5, tzinfo=UTC),
    ), "/services/registry")
    refused = await client.post(f"/v1/applications/{application_id}/submit",
                                headers=applicant())
    assert refused.status_code == 403
    assert refused.json()["type"].endswith("applicant-barred")
    assert "终身" in refused.json()["detail"]
    again = await client.post("/v1/applications", json={"level": "professional",
                                                         "field_code": "civil"},
                              headers=applicant())
    assert again.status_code == 403
    eligibility = (await client.get(f"/v1/applications/{application_id}/eligibility",
                                    headers=applicant())).json()
    assert {r["code"]: r["outcome"] for r in eligibility["rules"]}["not_barred"] == "failed"
    # A second account cannot take the same identity number while the first holds it …
    other = applicant("user-zhang-2", "张三")
    taken = await client.put("/v1/applicants/me", json=profile_body(), headers=other)
    assert taken.status_code == 409
    # … and when the first account lets go of it, the ban follows the number, not the account.
    moved = await client.put("/v1/applicants/me", json=profile_body(
        id_type="passport", id_number="E99887766"), headers=applicant())
    assert moved.status_code == 200, moved.text
    assert (await client.put("/v1/applicants/me", json=profile_body(),
                             headers=other)).status_code == 200
    refused_too = await client.post("/v1/applications", json={
        "level": "professional", "field_code": "civil"}, headers=other)
    assert refused_too.status_code == 403
    assert refused_too.json()["type"].endswith("applicant-barred")
    assert await session.scalar(select(func.count()).select_from(Application).where(
        Application.applicant_id == "user-zhang-2")) == 0


async def test_profile_validates_identity_and_mobile(client: httpx.AsyncClient) -> None:
    bad = profile_body(id_number="110105194912310021", mobile="12345")
    response = await client.put("/v1/applicants/me", json=bad, headers=applicant())
    assert response.status_code == 422
    messages = " ".join(e["message_zh"] for e in response.json()["errors"])
    assert "居民身份证" in messages
    assert "手机" in messages
    foreign = profile_body(id_type="passport", id_number="E1234 5678", nationality="Singapore")
    saved = await client.put("/v1/applicants/me", json=foreign, headers=applicant())
    assert saved.status_code == 200, saved.text
    assert saved.json()["nationality"] == "SG"
    assert saved.json()["id_number"] == "E12345678"
    mine = await client.get("/v1/applicants/me", headers=applicant())
    assert mine.json()["mobile"] == "+8613800000000"


async def test_what_the_society_sees_is_the_profile_as_submitted(
    client: httpx.AsyncClient,
) -> None:
    application_id = await submitted(client)
    moved = profile_body(work_history=[
        {"employer": "新东家工程公司", "position": "总工程师", "start": "2012-07-01", "end": None,
         "important": True},
    ], email="new@example.com")
    saved = await client.put("/v1/applicants/me", json=moved, headers=applicant())
    assert saved.status_code == 200, saved.text
    for headers in (society_admin(), applicant()):
        seen = (await client.get(f"/v1/applications/{application_id}/applicant",
                                 headers=headers)).json()
        assert [w["employer"] for w in seen["work_history"]] == ["中国路桥工程有限责任公司"]
        assert seen["email"] == "zhangsan@example.com"
        assert seen["submitted_at"] is not None
    masked = (await client.get(f"/v1/applications/{application_id}/applicant",
                               headers=secretariat())).json()
    assert masked["email"] == "z*******@example.com"
    # The society returns it; the resubmission freezes the profile again, with the new employer.
    await client.post(f"/v1/applications/{application_id}/formal-check",
                      json={"decision": "returned", "reasons": "请更新工作单位"},
                      headers=society_admin())
    again = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    assert again.status_code == 200, again.text
    seen = (await client.get(f"/v1/applications/{application_id}/applicant",
                             headers=society_admin())).json()
    assert [w["employer"] for w in seen["work_history"]] == ["新东家工程公司"]
    # Edits after the resubmission are for later applications only.
    await client.put("/v1/applicants/me", json=profile_body(name="张三丰"), headers=applicant())
    after = await client.get(f"/v1/applications/{application_id}", headers=society_admin())
    assert after.json()["applicant_name"] == "张三"
    assert (await client.get(f"/v1/applications/{application_id}/applicant",
                             headers=society_admin())).json()["name"] == "张三"


async def test_eligibility_of_a_submitted_application_reads_the_snapshot(
    client: httpx.AsyncClient,
) -> None:
    application_id = await submitted(client)
    short = profile_body(work_history=[
        {"employer": "甲公司", "position": "助理工程师", "start": "2025-07-01", "end": None,
         "important": False},
    ])
    await client.put("/v1/applicants/me", json=short, headers=applicant())
    eligibility = (await client.get(f"/v1/applications/{application_id}/eligibility",
                                    headers=society_admin())).json()
    rules = {r["code"]: r["outcome"] for r in eligibility["rules"]}
    assert rules["relevant_experience"] == "passed"
    assert eligibility["experience"]["relevant_years"] > 10
    # Returned for correction: the applicant sees their live profile, the society the last
    # submission.
    await client.post(f"/v1/applications/{application_id}/formal-check",
                      json={"decision": "returned", "reasons": "请核对工作经历"},
                      headers=society_admin())
    for headers, expected in ((applicant(), "failed"), (society_admin(), "passed")):
        eligibility = (await client.get(f"/v1/applications/{application_id}/eligibility",
                                        headers=headers)).json()
        assert {r["code"]: r["outcome"] for r in eligibility["rules"]}[
            "relevant_experience"] == expected


async def test_the_name_filed_is_the_profiles_never_the_body(
    client: httpx.AsyncClient,
) -> None:
    refused = await client.post("/v1/applications", json={
        "level": "professional", "field_code": "civil", "applicant_name": "李四"},
        headers=applicant())
    assert refused.status_code == 422
    assert "applicant_name" in str(refused.json()["errors"])
    application_id = await submitted(client, profile=profile_body(name="张三"),
                                     headers=applicant(name="张老三"))
    shown = await client.get(f"/v1/applications/{application_id}", headers=society_admin())
    assert shown.json()["applicant_name"] == "张三"


async def test_a_draft_is_the_applicants_own_until_submitted(client: httpx.AsyncClient) -> None:
    application_id = await draft(client)
    for headers in (society_admin(), secretariat()):
        listed = await client.get("/v1/applications", headers=headers)
        assert listed.json()["items"] == []
        one = await client.get(f"/v1/applications/{application_id}", headers=headers)
        assert one.status_code == 404
        assert one.json()["type"].endswith("application-not-found")
        for part in ("statement", "eligibility", "evidence", "applicant"):
            assert (await client.get(f"/v1/applications/{application_id}/{part}",
                                     headers=headers)).status_code == 404, part
    mine = await client.get("/v1/applications", headers=applicant())
    assert [a["id"] for a in mine.json()["items"]] == [application_id]
    await complete_application(client, application_id, applicant())
    await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    listed = await client.get("/v1/applications", headers=society_admin())
    assert [a["id"] for a in listed.json()["items"]] == [application_id]


async def test_a_draft_can_be_withdrawn_with_its_files(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await draft(client)
    uploaded = await client.post(f"/v1/applications/{application_id}/evidence",
                                 data={"kind": "education"},
                                 files={"file": ("degree.pdf", PDF)}, headers=applicant())
    assert uploaded.status_code == 201
    someone_else = await client.delete(f"/v1/applications/{application_id}",
                                       headers=applicant("user-li", "李四"))
    assert someone_else.status_code == 404
    removed = await client.delete(f"/v1/applications/{application_id}", headers=applicant())
    assert removed.status_code == 204, removed.text
    assert (await client.get(f"/v1/applications/{application_id}",
                             headers=applicant())).status_code == 404
    assert await session.get(Application, uuid.UUID(application_id)) is None
    assert await session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
    assert await session.scalar(select(func.count()).select_from(EvidenceBlob)) == 0

    kept = await submitted(client)
    refused = await client.delete(f"/v1/applications/{kept}", headers=applicant())
    assert refused.status_code == 409
    assert refused.json()["type"].endswith("application-locked")
    assert "已提交" in refused.json()["detail"]
    assert "submitted" in refused.json()["detail"]
    assert (await client.get(f"/v1/applications/{kept}", headers=applicant())).status_code == 200


def chinese_part(detail: str) -> str:
    return detail.split(" / ", 1)[0]


async def test_state_messages_say_the_status_in_words(client: httpx.AsyncClient) -> None:
    application_id = await submitted(client)
    await client.post(f"/v1/applications/{application_id}/formal-check",
                      json={"decision": "accepted"}, headers=society_admin())
    edit = await client.patch(f"/v1/applications/{application_id}", json={"level": "senior"},
                              headers=applicant())
    again = await client.post(f"/v1/applications/{application_id}/submit", headers=applicant())
    check = await client.post(f"/v1/applications/{application_id}/formal-check",
                              json={"decision": "accepted"}, headers=society_admin())
    for response in (edit, again, check):
        assert response.status_code == 409
        detail = response.json()["detail"]
        assert "已受理" in chinese_part(detail)
        assert not re.search(r"[A-Za-z]{3,}", chinese_part(detail)), detail
        assert "accepted" in detail.split(" / ", 1)[1]


async def test_publication_consent_travels_with_the_acceptance(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    work = [
        {"employer": "旧单位设计院", "position": "工程师", "start": "2012-07-01",
         "end": "2016-06-30", "important": True},
        {"employer": "中国路桥工程有限责任公司", "position": "结构工程师", "start": "2016-07-01",
         "end": None, "important": True},
    ]
    consenting = await draft(client)
    await complete_application(client, consenting, applicant(), profile_body(work_history=work))
    version = (await client.get("/v1/reference/commitment")).json()["version"]
    signed = await client.post(f"/v1/applications/{consenting}/commitment", json={
        "version": version, "agreed": True, "publication": {"show_employer": True}},
        headers=applicant())
    assert signed.json()["publish_employer"] is True
    assert signed.json()["publish_contact"] is False
    await client.post(f"/v1/applications/{consenting}/submit", headers=applicant())
    await client.post(f"/v1/applications/{consenting}/formal-check",
                      json={"decision": "accepted"}, headers=society_admin())
    silent = await submitted(client, applicant("user-li", "李四"), profile_body(
        name="李四", id_type="passport", id_number="E12345678", nationality="SG"))
    await client.post(f"/v1/applications/{silent}/formal-check",
                      json={"decision": "accepted"}, headers=society_admin())
    consents = {e["data"]["application_id"]: e["data"]["publication_consent"]
                for e in await events(session, "application.accepted")}
    assert consents[consenting] == {"show_employer": True, "show_contact": False,
                                    "employer": "中国路桥工程有限责任公司",
                                    "contact_email": None}
    assert consents[silent] == {"show_employer": False, "show_contact": False,
                                "employer": None, "contact_email": None}


async def test_a_returned_application_is_reminded_once_before_its_deadline(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    frozen = FrozenClock(datetime(2026, 9, 28, 2, 0, tzinfo=UTC))  # Monday 10:00 in Beijing
    with clock.use(frozen):
        application_id = await submitted(client)
        resubmitted = await submitted(client, applicant("user-li", "李四"), profile_body(
            name="李四", id_type="passport", id_number="E12345678", nationality="SG"))
        for returned in (application_id, resubmitted):
            response = await client.post(f"/v1/applications/{returned}/formal-check",
                                         json={"decision": "returned", "reasons": "请补充学位证书"},
                                         headers=society_admin())
            assert response.json()["resubmit_by"] == "2026-10-16"
        again = await client.post(f"/v1/applications/{resubmitted}/submit",
                                  headers=applicant("user-li", "李四"))
        assert again.status_code == 200, again.text
        # Monday 12 October: four working days left (13–16), too early.
        frozen.at = datetime(2026, 10, 12, 1, 0, tzinfo=UTC)
        assert await RESUBMISSION_REMINDER_JOB.run(session, clock.now()) == 0
        # Tuesday 13 October: three left; reminded once, however often the job runs.
        frozen.at = datetime(2026, 10, 13, 1, 0, tzinfo=UTC)
        assert await RESUBMISSION_REMINDER_JOB.run(session, clock.now()) == 1
        frozen.at = datetime(2026, 10, 15, 1, 0, tzinfo=UTC)
        assert await RESUBMISSION_REMINDER_JOB.run(session, clock.now()) == 0
    [reminder] = await events(session, "reminder.due")
    data = reminder["data"]
    assert (data["kind"], data["subject_id"], data["due_on"]) == (
        "resubmission_due", application_id, "2026-10-16")
    assert (data["recipient_subject"], data["recipient_role"]) == ("user-zhang", "applicant")
    assert data["details"]["reasons"] == "请补充学位证书"
    assert data["occasion"].startswith(f"resubmission_due:{application_id}:")
    # After the deadline day nothing more is sent: the application lapses instead.
    assert await RESUBMISSION_REMINDER_JOB.run(session, datetime(2026, 10, 17, tzinfo=UTC)) == 0


def test_the_reminder_rule_counts_working_days() -> None:
    deadline = date(2026, 10, 16)
    assert not resubmission_reminder_due(date(2026, 10, 12), deadline, 3)
    assert resubmission_reminder_due(date(2026, 10, 13), deadline, 3)
    assert resubmission_reminder_due(date(2026, 10, 16), deadline, 3)
    assert not resubmission_reminder_due(date(2026, 10, 17), deadline, 3)
    # Holidays do not count: 30 September is two working days before 9 October.
    assert resubmission_reminder_due(date(2026, 9, 30), date(2026, 10, 9), 2)


async def test_a_period_starting_today_in_china_is_not_in_the_future(
    client: httpx.AsyncClient,
) -> None:
    # 01:00 on 2 March in Beijing is still 1 March in UTC.
    with clock.use(FrozenClock(datetime(2026, 3, 1, 17, 0, tzinfo=UTC))):
        body = profile_body(work_history=[
            {"employer": "新单位", "position": "工程师", "start": "2026-03-02", "end": None,
             "important": True}])
        saved = await client.put("/v1/applicants/me", json=body, headers=applicant())
        assert saved.status_code == 200, saved.text
        body["work_history"][0]["start"] = "2026-03-03"
        future = await client.put("/v1/applicants/me", json=body, headers=applicant())
        assert future.status_code == 422


async def test_dates_are_written_not_numbered(client: httpx.AsyncClient) -> None:
    """A JSON number is no date: `start: 0` was 1970-01-01; the export's dates likewise."""
    body = profile_body()
    body["work_history"][0]["start"] = 0
    response = await client.put("/v1/applicants/me", json=body, headers=applicant())
    assert response.status_code == 422
    assert response.json()["errors"][0]["location"][-1] == "start"
    exported = await client.get("/v1/applications/export.xlsx",
                                params={"submitted_from": "0"}, headers=secretariat())
    assert exported.status_code == 422


async def test_the_job_title_is_a_position_and_old_profiles_still_read(
    client: httpx.AsyncClient,
) -> None:
    saved = await client.put("/v1/applicants/me", json=profile_body(), headers=applicant())
    assert saved.status_code == 200, saved.text
    [work] = saved.json()["work_history"]
    assert work["position"] == "结构工程师"
    assert "role" not in work
    # A profile stored before the rename (key `role`) still reads.
    assert WorkPeriod.model_validate({**{k: v for k, v in work.items() if k != "position"},
                                      "role": "工程师"}).position == "工程师"
