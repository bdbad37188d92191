"""The walking skeleton, end to end: through nginx and the identity app over real HTTP, every
service and the real broker, from an enterprise's recommendation to a CPD ledger."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest
from applications_factories import complete_application, profile_body
from e2e_support import CONFIG, GATEWAY, bearer, engineer, login, until
from kit import clock
from platform_launcher import Platform

pytestmark = pytest.mark.e2e








async def examine_and_pass(http: httpx.AsyncClient, platform: Platform, run: str,
                           society: dict[str, str], case_id: str) -> None:
    """Two trained examiners review the materials and score the interview above the marks."""
    # The CSE's shortest public notice (1 working day, 004 §4(三)); the test moves the dev
    # platform's clock past it rather than skipping the notice.
    policy = await http.patch("/v1/cases/policy", json={"notice_working_days": 1},
                              headers=society)
    assert policy.status_code == 200, policy.text
    examiners: list[dict[str, str]] = []
    profile_ids: list[str] = []
    for n in (1, 2):
        platform.gateway_cli("create-user", "--username", f"examiner{n}-{run}",
                    "--password", "examiner-pass-1", "--role", "examiner",
                    "--name", f"考官{n}", "--society", "cces")
        headers = await login(http, f"examiner{n}-{run}", "examiner-pass-1")
        subject = jwt.decode(headers["Authorization"].split()[1],
                             options={"verify_signature": False})["sub"]
        profile = await http.post("/v1/examiners", headers=society, json={
            "subject": subject, "name": f"考官{n}", "employer": "同济大学",
            "fields": ["civil"], "levels": ["professional"],
        })
        assert profile.status_code == 201, profile.text
        trained = await http.post(f"/v1/examiners/{profile.json()['id']}/trainings",
                                  headers=society,
                                  json={"course": "考官培训", "completed_on": "2026-03-15"})
        assert trained.status_code == 201, trained.text
        examiners.append(headers)
        profile_ids.append(profile.json()["id"])
    panel = await http.post(f"/v1/cases/{case_id}/panel", headers=society,
                            json={"examiner_ids": profile_ids})
    assert panel.status_code == 200, panel.text
    competencies = {name: {"achieved": True, "comment": "证据充分 / well evidenced"}
                    for name in ("knowledge", "ethics", "teamwork", "development", "leadership")}
    for headers in examiners:
        declared = await http.post(f"/v1/cases/{case_id}/declaration", headers=headers,
                                   json={"conflict": False})
        assert declared.status_code == 200, declared.text
        draft = await http.get(f"/v1/cases/{case_id}/reviews/mine", headers=headers)
        saved = await http.put(
            f"/v1/cases/{case_id}/reviews/mine",
            headers={**headers, "If-Match": draft.headers["ETag"]},
            json={"competencies": competencies, "recommendation": "passed",
                  "follow_up_needed": False},
        )
        assert saved.status_code == 200, saved.text
        submitted = await http.post(f"/v1/cases/{case_id}/reviews/mine/submission",
                                    headers={**headers, "If-Match": saved.headers["ETag"]})
        assert submitted.status_code == 200, submitted.text
    interview = await http.post(f"/v1/cases/{case_id}/interview", headers=society, json={
        "scheduled_at": "2026-10-20T09:00:00+08:00", "mode": "online",
        "location": "https://meeting.example.org/cse",
    })
    assert interview.status_code in (200, 201), interview.text
    for headers in examiners:
        sheet = await http.get(f"/v1/cases/{case_id}/interview", headers=headers)
        scored = await http.put(
            f"/v1/cases/{case_id}/interview/scores/mine",
            headers={**headers, "If-Match": sheet.headers["ETag"]},
            json={"scores": {"knowledge": 28, "ethics": 16, "teamwork": 12, "development": 12,
                             "leadership": 12}, "submit": True},
        )
        assert scored.status_code == 200, scored.text


async def test_recommendation_to_certificate_to_cpd_ledger(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"committee-{run}",
                "--password", "committee-pass-1", "--role", "committee", "--name", "委员甲")
    e2e_platform.gateway_cli("create-user", "--username", f"cces-{run}",
                "--password", "society-pass-1", "--role", "society_admin", "--name", "学会乙",
                "--society", "cces")
    secret = "enterprise-secret-0123456789"
    e2e_platform.gateway_cli("create-client", "--client-id", f"hr-{run}", "--name", "中国路桥 HR",
                "--role", "enterprise", "--enterprise", f"crbc-{run}", "--secret", secret)

    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hr-{run}", "client_secret": secret,
        })
        assert token.status_code == 200, token.text
        enterprise = bearer(token.json()["access_token"])

        # 1. The enterprise's HR system pushes a recommendation; a retry creates nothing new.
        body = {
            "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
                           "contact_mobile": "13700000000"},
            "candidates": [{"name": "张三", "mobile": engineer(run)["mobile"],
                            "field_code": "civil",
                            "location": "缅甸", "level": "professional",
                            "practice": "曾参与仰光大桥工程项目，负责主桥结构设计。"}],
        }
        headers = {**enterprise, "Idempotency-Key": f"push-{run}", "X-Request-ID": f"req-{run}"}
        pushed = await http.post("/v1/recommendations", json=body, headers=headers)
        assert pushed.status_code == 201, pushed.text
        assert pushed.headers["X-Request-ID"] == f"req-{run}"
        retried = await http.post("/v1/recommendations", json=body, headers=headers)
        assert retried.status_code == 200
        assert retried.json()["id"] == pushed.json()["id"]
        candidate_id = pushed.json()["candidates"][0]["id"]

        # 2. The committee accepts the candidate and assigns the civil engineering society.
        committee = await login(http, f"committee-{run}", "committee-pass-1")
        screened = await http.post(f"/v1/candidates/{candidate_id}/screening",
                                   json={"decision": "accepted"}, headers=committee)
        assert screened.status_code == 200, screened.text
        assert screened.json()["society_code"] == "cces"

        # 3. The engineer registers, applies and submits.
        registered = await http.post("/v1/auth/register", json={
            "username": f"zhangsan-{run}", "password": "applicant-pass-1", "display_name": "张三",
        })
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"zhangsan-{run}", "applicant-pass-1")
        draft = await http.post("/v1/applications", headers=applicant, json={
            "level": "professional", "field_code": "civil", "candidate_id": candidate_id,
        })
        assert draft.status_code == 201, draft.text
        application_id = draft.json()["id"]
        # Profile, self-statement, the required evidence files and the signed commitment.
        await complete_application(http, application_id, applicant, profile_body(
            mobile=engineer(run)["mobile"], id_number=engineer(run)["id_number"]))
        submitted = await http.post(f"/v1/applications/{application_id}/submit",
                                    headers=applicant)
        assert submitted.json()["status"] == "submitted", submitted.text

        # 4. The society accepts it in the formal check; evaluation opens a case from the event.
        society = await login(http, f"cces-{run}", "society-pass-1")
        checked = await http.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "accepted"}, headers=society)
        assert checked.json()["status"] == "accepted", checked.text

        async def case() -> Any:
            found = await http.get("/v1/cases", params={"application_id": application_id},
                                   headers=society)
            return found.json()["items"]

        case_id = (await until(case, what="the evaluation case"))[0]["id"]

        # 5. Examined, passed and approved; registry issues a certificate, cpd opens a ledger.
        await examine_and_pass(http, e2e_platform, run, society, case_id)
        decided = await http.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                  headers=society)
        assert decided.status_code == 200, decided.text
        assert decided.json()["status"] == "notice", decided.text
        notices = (await http.get("/v1/public-notices", params={"society": "cces"})
                   ).json()["items"]
        last_day = max(date.fromisoformat(n["notice_until"]) for n in notices)
        platform_now = datetime.now(UTC) + clock.OffsetFileClock(CONFIG.clock_file).offset()
        e2e_platform.advance_clock(clock.china_midnight(last_day + timedelta(days=1))
                                   - platform_now + timedelta(seconds=5))
        approved = await http.post(f"/v1/cases/{case_id}/approval", headers=society)
        assert approved.json()["status"] == "approved", approved.text

        # The CSE registers and files it (注册备案): the secretariat confirms the registration
        # (the default), which issues the unified number.
        e2e_platform.gateway_cli("create-user", "--username", f"sec-{run}", "--password",
                                 "secretariat-pass-1", "--role", "secretariat",
                                 "--name", "联合体秘书处")
        secretariat = await login(http, f"sec-{run}", "secretariat-pass-1")

        async def registration() -> Any:
            rows = [row for status in ("pending", "confirmed") for row in (await http.get(
                "/v1/registrations", headers=secretariat,
                params={"society": "cces", "status": status, "limit": 200})).json()["items"]]
            return [r for r in rows if r["case_id"] == case_id]

        [pending] = await until(registration, what="the registration")
        if pending["status"] != "confirmed":  # a society may have chosen automatic registration
            confirmed = await http.post("/v1/registrations/confirmations", headers=secretariat,
                                        json={"registration_ids": [pending["id"]]})
            assert confirmed.status_code == 200, confirmed.text

        async def certificates() -> Any:
            return (await http.get("/v1/members/me/certificates",
                                   headers=applicant)).json()["items"]

        certificate = (await until(certificates, what="the certificate"))[0]
        assert certificate["number"].startswith("CSE-")
        public = await http.get(f"/v1/certificates/{certificate['number']}")
        assert public.json()["holder_name"] == "张三"
        assert public.json()["status"] == "valid"

        async def ledgers() -> Any:
            return (await http.get("/v1/cpd/ledgers", headers=applicant)).json()["items"]

        ledger = (await until(ledgers, what="the CPD ledger"))[0]
        assert ledger["certificate_number"] == certificate["number"]
        assert ledger["required_hours_per_year"] == 50

        # 6. Notifications recorded a message for every step, each for the right reader.
        applicant_steps = {"application.submitted", "application.accepted",
                           "evaluation.case_opened", "evaluation.decided", "evaluation.approved",
                           "certificate.issued", "cpd.ledger_opened"}

        async def applicant_inbox() -> Any:
            inbox = (await http.get("/v1/notifications", headers=applicant,
                                    params={"limit": 200})).json()["items"]
            types = {n["event_type"] for n in inbox}
            return types if applicant_steps <= types else None

        await until(applicant_inbox, what="the applicant's notifications")
        enterprise_inbox = (await http.get("/v1/notifications", headers=enterprise,
                                           params={"limit": 200})).json()["items"]
        # The enterprise hears of its recommendation and follows its candidate's progress.
        assert {"recommendation.received", "recommendation.screened"} <= {
            n["event_type"] for n in enterprise_inbox}

        # 7. Tenancy holds through the gateway: another society sees nothing of this case.
        e2e_platform.gateway_cli("create-user", "--username", f"csee-{run}",
                    "--password", "society-pass-2", "--role", "society_admin",
                    "--name", "学会丙", "--society", "csee")
        other = await login(http, f"csee-{run}", "society-pass-2")
        assert (await http.get(f"/v1/cases/{case_id}", headers=other)).status_code == 404
        assert (await http.get(f"/v1/applications/{application_id}",
                               headers=other)).status_code == 404


async def test_gateway_serves_merged_openapi_and_problem_json(e2e_platform: Platform) -> None:
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        document = (await http.get("/openapi.json")).json()
        paths = set(document["paths"])
        for expected in ("/v1/recommendations", "/v1/cases/{case_id}/decision",
                         "/v1/certificates/{number}", "/v1/cpd/ledgers", "/v1/notifications",
                         "/v1/auth/token"):
            assert expected in paths
        assert (await http.get("/docs")).status_code == 200
        missing = await http.get("/v1/nowhere")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")
        unauthenticated = await http.get("/v1/applications")
        assert unauthenticated.status_code == 401
        assert unauthenticated.json()["title"].startswith("未登录")
        assert unauthenticated.headers["X-Request-ID"]


async def test_a_lifetime_ban_in_the_registry_refuses_new_applications(
    e2e_platform: Platform,
) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"cse-{run}", "--password",
                "secretariat-pass-1", "--role", "secretariat", "--name", "联合体秘书处")
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        registered = await http.post("/v1/auth/register", json={
            "username": f"lisi-{run}", "password": "applicant-pass-1", "display_name": "李四",
        })
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"lisi-{run}", "applicant-pass-1")
        subject = jwt.decode(applicant["Authorization"].split()[1],
                             options={"verify_signature": False})["sub"]
        secretariat = await login(http, f"cse-{run}", "secretariat-pass-1")
        ban = await http.post("/v1/members/bans", headers=secretariat, json={
            "applicant_id": subject, "reason": "提供虚假学历证明 / false proof of education",
        })
        assert ban.status_code == 201, ban.text

        async def refused() -> Any:
            attempt = await http.post("/v1/applications", headers=applicant,
                                      json={"level": "professional", "field_code": "civil"})
            return attempt if attempt.status_code in (403, 409) else None

        refusal = await until(refused, what="the ban to reach the applications service")
        assert refusal.headers["content-type"].startswith("application/problem+json")
        assert "禁" in refusal.json()["detail"] or "barred" in refusal.json()["detail"].lower()
