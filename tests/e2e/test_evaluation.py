"""Evaluation end to end, through the gateway: a society cannot loosen the CSE's floors, and
an engineer barred for life while their case is on public notice is never approved: the
registry's member.barred reaches evaluation, which withdraws the case."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
import jwt
import pytest
from applications_factories import complete_application, profile_body
from e2e_support import CONFIG, bearer, login, until
from platform_launcher import Platform
from test_walking_skeleton import examine_and_pass

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"
# A valid resident identity number (checksum 4) used by no other test.
RESIDENT_ID = "110105198805162314"
REASON = "经查实提供虚假学历证明，终身禁入 / False proof of education: barred for life."


async def test_floors_hold_and_a_barred_engineers_case_is_withdrawn(
    e2e_platform: Platform
) -> None:
    run = uuid.uuid4().hex[:8]
    cli = e2e_platform.gateway_cli
    cli("create-user", "--username", f"committee-{run}", "--password", "committee-pass-1",
        "--role", "committee", "--name", "委员甲")
    cli("create-user", "--username", f"cces-{run}", "--password", "society-pass-1",
        "--role", "society_admin", "--name", "学会乙", "--society", "cces")
    cli("create-user", "--username", f"sec-{run}", "--password", "secretariat-pass-1",
        "--role", "secretariat", "--name", "秘书处")
    secret = "enterprise-secret-0123456789"
    cli("create-client", "--client-id", f"hr-{run}", "--name", "中国交建 HR",
        "--role", "enterprise", "--enterprise", f"cccc-{run}", "--secret", secret)

    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        society = await login(http, f"cces-{run}", "society-pass-1")
        # 1. The CSE's floors: refused with the rule quoted, in both languages.
        for change, quoted in (({"notice_working_days": 0}, "公示"),
                               ({"cycle_months": 7}, "6个月")):
            refused = await http.patch("/v1/cases/policy", json=change, headers=society)
            assert refused.status_code == 422, refused.text
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["type"].endswith("/looser-than-cse-rule")
            assert quoted in refused.json()["detail"]
            assert "never looser" in refused.json()["detail"]

        # 2. An engineer from recommendation to a case on public notice.
        token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hr-{run}",
            "client_secret": secret})
        enterprise = bearer(token.json()["access_token"])
        pushed = await http.post("/v1/recommendations", headers=enterprise, json={
            "enterprise": {"name": "中国交通建设股份有限公司", "contact_name": "赵六",
                           "contact_mobile": "13700000002"},
            "candidates": [{"name": "李雷", "mobile": "13800000002", "field_code": "civil",
                            "location": "肯尼亚", "level": "professional",
                            "practice": "负责蒙内铁路桥梁结构设计。"}],
        })
        assert pushed.status_code == 201, pushed.text
        candidate_id = pushed.json()["candidates"][0]["id"]
        committee = await login(http, f"committee-{run}", "committee-pass-1")
        screened = await http.post(f"/v1/candidates/{candidate_id}/screening",
                                   json={"decision": "accepted"}, headers=committee)
        assert screened.status_code == 200, screened.text
        registered = await http.post("/v1/auth/register", json={
            "username": f"lilei-{run}", "password": "applicant-pass-1", "display_name": "李雷"})
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"lilei-{run}", "applicant-pass-1")
        applicant_id = jwt.decode(applicant["Authorization"].split()[1],
                                  options={"verify_signature": False})["sub"]
        draft = await http.post("/v1/applications", headers=applicant, json={
            "level": "professional", "field_code": "civil", "candidate_id": candidate_id})
        assert draft.status_code == 201, draft.text
        application_id = draft.json()["id"]
        # An identity number of his own: the ban bars it too, and other tests use theirs.
        await complete_application(http, application_id, applicant, profile_body(
            name="李雷", mobile="13800000002", id_number=RESIDENT_ID, email="lilei@example.com"))
        submitted = await http.post(f"/v1/applications/{application_id}/submit",
                                    headers=applicant)
        assert submitted.json()["status"] == "submitted", submitted.text
        checked = await http.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "accepted"}, headers=society)
        assert checked.json()["status"] == "accepted", checked.text

        async def case_of_application() -> Any:
            return (await http.get("/v1/cases", params={"application_id": application_id},
                                   headers=society)).json()["items"]

        case_id = (await until(case_of_application, what="the evaluation case"))[0]["id"]
        await examine_and_pass(http, e2e_platform, run, society, case_id)
        decided = await http.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                  headers=society)
        assert decided.json()["status"] == "notice", decided.text

        # 3. Barred for life by the secretariat (registry) while the notice runs.
        secretariat = await login(http, f"sec-{run}", "secretariat-pass-1")
        banned = await http.post("/v1/members/bans", headers=secretariat,
                                 json={"applicant_id": applicant_id, "reason": REASON})
        assert banned.status_code == 201, banned.text

        async def withdrawn() -> Any:
            case = (await http.get(f"/v1/cases/{case_id}", headers=society)).json()
            return case if case["status"] == "withdrawn" else None

        case = await until(withdrawn, what="the case withdrawn after the ban")
        assert case["reasons"] == REASON
        own = (await http.get(f"/v1/cases/{case_id}", headers=applicant)).json()
        assert (own["status"], own["reasons"]) == ("withdrawn", REASON)
        notices = (await http.get("/v1/public-notices", params={"society": "cces"})
                   ).json()["items"]
        assert "李雷" not in {n["applicant_name"] for n in notices}

        # 4. Past the end of the notice the case is still not approved, by hand or by the job.
        # Ten days cover a one-working-day notice even across the longest holiday.
        e2e_platform.advance_clock(timedelta(days=10))
        approval = await http.post(f"/v1/cases/{case_id}/approval", headers=society)
        assert approval.status_code == 409, approval.text
        assert approval.json()["case_status"] == "withdrawn"
        audit = (await http.get(f"/v1/cases/{case_id}/audit", headers=society)).json()["items"]
        assert audit[-1]["action"] == "case.withdrawn"
        assert (await http.get("/v1/members/me/certificates",
                               headers=applicant)).json()["items"] == []
