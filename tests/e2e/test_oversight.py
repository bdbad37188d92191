"""Oversight end to end: a complaint from the public followed to its answer through the
gateway, and the read model's funnel, cycle times and pilot report agreeing with what the
walking skeleton recorded in the other services."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import e2e_support as support
import httpx
import pytest
import test_walking_skeleton as skeleton
from applications_factories import complete_application, profile_body
from e2e_support import CONFIG, engineer
from kit import clock
from platform_launcher import Platform
from test_notifications import mail_to, text_of

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"


async def test_public_complaint_through_the_gateway(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"sup-{run}", "--password",
                             "supervision-pass-1", "--role", "supervision", "--name", "监督委")
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        sent = await http.post("/v1/complaints", json={
            "kind": "complaint", "about_kind": "society", "society_code": "cces",
            "title": "评价进度缓慢", "body": "提交申请五个月仍无面试安排。",
            "contact": {"name": "公众甲", "email": f"public-{run}@example.com"},
        })
        assert sent.status_code == 201, sent.text
        code = sent.json()["tracking_code"]
        pdf = b"%PDF-1.4\n% complaint evidence\n"
        attached = await http.post(f"/v1/complaints/track/{code}/attachments",
                                   files={"file": ("evidence.pdf", pdf, "application/pdf")})
        assert attached.status_code == 201, attached.text

        supervision = await support.login(http, f"sup-{run}", "supervision-pass-1")
        listed = (await http.get("/v1/complaints", headers=supervision)).json()["items"]
        complaint_id = next(c["id"] for c in listed if c["tracking_code"] == code)
        base = f"/v1/complaints/{complaint_id}"
        for step, body in (("register", {}), ("investigators", {"investigators": ["expert-1"]}),
                           ("findings", {"findings": "属实，已督促学会。"}),
                           ("answer", {"answer": "已督促中国土木工程学会于一个月内安排面试。"})):
            moved = await http.post(f"{base}/{step}", json=body, headers=supervision)
            assert moved.status_code == 200, (step, moved.text)
        download = await http.get(f"{base}/attachments/{attached.json()['id']}",
                                  headers=supervision)
        assert download.content == pdf

        tracked = (await http.get(f"/v1/complaints/track/{code}")).json()
        assert tracked["status"] == "answered"
        assert tracked["answer"].startswith("已督促")
        assert (await http.get(base)).status_code == 401

        # The answer reaches the sender without an account by e-mail (notifications, SMTP).
        async def answer_mail() -> Any:
            return mail_to(f"public-{run}@example.com")

        [mail] = await support.until(answer_mail, what="the answer's e-mail")
        assert "已督促中国土木工程学会" in text_of(mail)


async def walk_to_certificate(http: httpx.AsyncClient, platform: Platform, run: str) -> str:
    """The walking skeleton's steps 1–5 with its own helpers; returns the certificate number."""
    platform.gateway_cli("create-user", "--username", f"committee-{run}", "--password",
                         "committee-pass-1", "--role", "committee", "--name", "委员甲")
    platform.gateway_cli("create-user", "--username", f"cces-{run}", "--password",
                         "society-pass-1", "--role", "society_admin", "--name", "学会乙",
                         "--society", "cces")
    secret = "enterprise-secret-0123456789"
    platform.gateway_cli("create-client", "--client-id", f"hr-{run}", "--name", "中国路桥 HR",
                         "--role", "enterprise", "--enterprise", f"crbc-{run}",
                         "--secret", secret)
    token = await http.post("/v1/auth/token", data={
        "grant_type": "client_credentials", "client_id": f"hr-{run}", "client_secret": secret})
    enterprise = support.bearer(token.json()["access_token"])
    pushed = await http.post("/v1/recommendations", headers=enterprise, json={
        "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
                       "contact_mobile": "13700000000"},
        "candidates": [{"name": "张三", "mobile": engineer(run)["mobile"],
                        "field_code": "civil", "location": "缅甸", "level": "professional",
                        "practice": "曾参与仰光大桥工程项目，负责主桥结构设计。"}],
    })
    assert pushed.status_code == 201, pushed.text
    candidate_id = pushed.json()["candidates"][0]["id"]
    committee = await support.login(http, f"committee-{run}", "committee-pass-1")
    screened = await http.post(f"/v1/candidates/{candidate_id}/screening",
                               json={"decision": "accepted"}, headers=committee)
    assert screened.status_code == 200, screened.text
    registered = await http.post("/v1/auth/register", json={
        "username": f"zhang-{run}", "password": "applicant-pass-1", "display_name": "张三"})
    assert registered.status_code == 201, registered.text
    applicant = await support.login(http, f"zhang-{run}", "applicant-pass-1")
    draft = await http.post("/v1/applications", headers=applicant, json={
        "level": "professional", "field_code": "civil", "candidate_id": candidate_id})
    assert draft.status_code == 201, draft.text
    application_id = draft.json()["id"]
    await complete_application(http, application_id, applicant, profile_body(
            mobile=engineer(run)["mobile"], id_number=engineer(run)["id_number"]))
    submitted = await http.post(f"/v1/applications/{application_id}/submit", headers=applicant)
    assert submitted.json()["status"] == "submitted", submitted.text
    society = await support.login(http, f"cces-{run}", "society-pass-1")
    checked = await http.post(f"/v1/applications/{application_id}/formal-check",
                              json={"decision": "accepted"}, headers=society)
    assert checked.json()["status"] == "accepted", checked.text

    async def case() -> Any:
        return (await http.get("/v1/cases", params={"application_id": application_id},
                               headers=society)).json()["items"]

    case_id = (await support.until(case, what="the evaluation case"))[0]["id"]
    await skeleton.examine_and_pass(http, platform, run, society, case_id)
    decided = await http.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                              headers=society)
    assert decided.status_code == 200, decided.text
    notices = (await http.get("/v1/public-notices", params={"society": "cces"})).json()["items"]
    last_day = max(date.fromisoformat(n["notice_until"]) for n in notices)
    platform_now = datetime.now(UTC) + clock.OffsetFileClock(CONFIG.clock_file).offset()
    platform.advance_clock(clock.china_midnight(last_day + timedelta(days=1)) - platform_now
                           + timedelta(seconds=5))
    approved = await http.post(f"/v1/cases/{case_id}/approval", headers=society)
    assert approved.json()["status"] == "approved", approved.text

    async def certificates() -> Any:
        return (await http.get("/v1/members/me/certificates", headers=applicant)).json()["items"]

    return str((await support.until(certificates, what="the certificate"))[0]["number"])


def _stage_counts(funnel: dict[str, Any], society: str, field: str) -> dict[str, int]:
    for row in funnel["rows"]:
        if (row["society_code"], row["field_code"]) == (society, field):
            return dict(row["counts"])
    return {}


async def test_report_counts_agree_with_the_walking_skeleton(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"sec-{run}", "--password",
                             "secretariat-pass-1", "--role", "secretariat", "--name", "秘书处")
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=20) as http:
        secretariat = await support.login(http, f"sec-{run}", "secretariat-pass-1")

        async def figures() -> tuple[dict[str, int], dict[str, Any], int]:
            funnel = (await http.get("/v1/reports/funnel", headers=secretariat)).json()
            cycle = (await http.get("/v1/reports/cycle-times", headers=secretariat)).json()
            platform_now = datetime.now(UTC) + clock.OffsetFileClock(CONFIG.clock_file).offset()
            report = (await http.get("/v1/reports/pilot", headers=secretariat, params={
                "period": str(clock.china_date(platform_now).year)})).json()
            members = next(f for f in report["total"]["metrics"]
                           if f["metric"] == "registered_members")
            return _stage_counts(funnel, "cces", "civil"), cycle, members["cumulative"]

        # The register confirms the society's registrations by itself, so the skeleton runs
        # to its certificate without the secretariat's batch confirmation.
        mode = await http.patch("/v1/registrations/settings", params={"society": "cces"},
                                json={"registration_mode": "automatic"}, headers=secretariat)
        assert mode.status_code == 200, mode.text
        before, cycle_before, members_before = await figures()
        # The walking skeleton's way: recommendation → screening → application → formal
        # check → evaluation → approval → certificate, through every service.
        try:
            await walk_to_certificate(http, e2e_platform, run)
        finally:  # the default again, for the e2e tests that follow
            await http.patch("/v1/registrations/settings", params={"society": "cces"},
                             json={"registration_mode": "confirm"}, headers=secretariat)

        async def caught_up() -> Any:
            after = await figures()
            return after if after[0].get("registered", 0) > before.get("registered", 0) else None

        after, cycle_after, members_after = await support.until(
            caught_up, what="oversight's read model to see the registration")
        delta = {stage: after.get(stage, 0) - before.get(stage, 0)
                 for stage in ("applied", "accepted", "passed", "failed", "registered")}
        assert delta == {"applied": 1, "accepted": 1, "passed": 1, "failed": 0, "registered": 1}
        # The recommended candidate is linked to the application once it is accepted.
        assert after.get("pre_screened", 0) - before.get("pre_screened", 0) == 1
        spans = ("submission_to_decision", "submission_to_registration",
                 "recommendation_to_registration")
        for span in spans:
            grew = (cycle_after["figures"][span]["count"]
                    - cycle_before["figures"][span]["count"])
            assert grew == 1, span
        assert members_after - members_before == 1

        pdf = await http.get("/v1/reports/pilot.pdf", headers=secretariat,
                             params={"period": "2026"})
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF-")
