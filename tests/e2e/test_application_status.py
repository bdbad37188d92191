"""Applications through the gateway and the real broker: the engineer claims their
recommendation with the enterprise's code, and one application status follows evaluation and
registration for the applicant and the enterprise."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from applications_factories import complete_application, profile_body
from e2e_support import CONFIG, GATEWAY, bearer, engineer, login, until
from kit import clock
from platform_launcher import Platform
from test_walking_skeleton import examine_and_pass

pytestmark = pytest.mark.e2e


async def test_one_status_from_claim_to_registration(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    e2e_platform.gateway_cli("create-user", "--username", f"committee-{run}",
                             "--password", "committee-pass-1", "--role", "committee",
                             "--name", "委员甲")
    e2e_platform.gateway_cli("create-user", "--username", f"cces-{run}",
                             "--password", "society-pass-1", "--role", "society_admin",
                             "--name", "学会乙", "--society", "cces")
    secret = "enterprise-secret-0123456789"
    e2e_platform.gateway_cli("create-client", "--client-id", f"hr-{run}", "--name", "中国路桥 HR",
                             "--role", "enterprise", "--enterprise", f"crbc-{run}",
                             "--secret", secret)
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hr-{run}",
            "client_secret": secret})
        enterprise = bearer(token.json()["access_token"])
        pushed = await http.post("/v1/recommendations", headers=enterprise, json={
            "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
                           "contact_mobile": "13700000000"},
            "candidates": [{"name": "张三", "mobile": engineer(run)["mobile"],
                            "field_code": "civil",
                            "location": "缅甸", "level": "professional",
                            "practice": "曾参与仰光大桥工程项目，负责主桥结构设计。"}],
        })
        assert pushed.status_code == 201, pushed.text
        [candidate] = pushed.json()["candidates"]
        committee = await login(http, f"committee-{run}", "committee-pass-1")
        screened = await http.post(f"/v1/candidates/{candidate['id']}/screening",
                                   json={"decision": "accepted"}, headers=committee)
        assert screened.status_code == 200, screened.text

        # The engineer registers, claims the recommendation with the code and applies on it.
        registered = await http.post("/v1/auth/register", json={
            "username": f"zhangsan-{run}", "password": "applicant-pass-1",
            "display_name": "张三"})
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"zhangsan-{run}", "applicant-pass-1")
        claimed = await http.post("/v1/applicants/me/recommendations/claim",
                                  json={"code": candidate["claim_code"]}, headers=applicant)
        assert claimed.status_code == 200, claimed.text
        assert claimed.json()["status"] == "accepted"
        draft = await http.post("/v1/applications", headers=applicant, json={
            "level": "professional", "field_code": "civil",
            "candidate_id": claimed.json()["candidate_id"]})
        assert draft.status_code == 201, draft.text
        application_id = draft.json()["id"]
        society = await login(http, f"cces-{run}", "society-pass-1")
        hidden = await http.get(f"/v1/applications/{application_id}", headers=society)
        assert hidden.status_code == 404  # a draft is the applicant's own
        await complete_application(http, application_id, applicant, profile_body(
            mobile=engineer(run)["mobile"], id_number=engineer(run)["id_number"]))
        submitted = await http.post(f"/v1/applications/{application_id}/submit",
                                    headers=applicant)
        assert submitted.json()["status"] == "submitted", submitted.text
        checked = await http.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "accepted"}, headers=society)
        assert checked.json()["status"] == "accepted", checked.text

        def status_is(wanted: str) -> Any:
            async def fetch() -> Any:
                own = (await http.get(f"/v1/applications/{application_id}",
                                      headers=applicant)).json()
                return own if own["status"] == wanted else None
            return fetch

        await until(status_is("under_evaluation"), what="evaluation.case_opened to arrive")
        seen = await http.get(f"/v1/candidates/{candidate['id']}", headers=enterprise)
        assert seen.json()["application"]["status"] == "under_evaluation"

        cases = await http.get("/v1/cases", params={"application_id": application_id},
                               headers=society)
        case_id = cases.json()["items"][0]["id"]
        await examine_and_pass(http, e2e_platform, run, society, case_id)
        decided = await http.post(f"/v1/cases/{case_id}/decision", json={"outcome": "passed"},
                                  headers=society)
        assert decided.status_code == 200, decided.text
        on_notice = await until(status_is("on_public_notice"), what="the public notice")
        assert on_notice["status_words"]["en"] == "passed, on public notice"
        last_day = date.fromisoformat(on_notice["notice_until"])
        platform_now = datetime.now(UTC) + clock.OffsetFileClock(CONFIG.clock_file).offset()
        e2e_platform.advance_clock(clock.china_midnight(last_day + timedelta(days=1))
                                   - platform_now + timedelta(seconds=5))
        approved = await http.post(f"/v1/cases/{case_id}/approval", headers=society)
        assert approved.json()["status"] == "approved", approved.text
        waiting = await until(status_is("approved"), what="evaluation.approved to arrive")
        assert waiting["status_words"]["en"] == "approved, awaiting registration"

        # The CSE secretariat confirms the registration; the certificate reaches the application.
        e2e_platform.gateway_cli("create-user", "--username", f"cse-{run}", "--password",
                                 "secretariat-pass-1", "--role", "secretariat", "--name", "秘书处")
        secretariat = await login(http, f"cse-{run}", "secretariat-pass-1")

        async def pending() -> Any:
            rows = (await http.get("/v1/registrations", params={"society": "cces"},
                                   headers=secretariat)).json()["items"]
            return [r for r in rows if r["application_id"] == application_id]

        [registration] = await until(pending, what="the pending registration")
        confirmed = await http.post("/v1/registrations/confirmations", headers=secretariat,
                                    json={"registration_ids": [registration["id"]]})
        assert confirmed.status_code == 200, confirmed.text

        registered_application = await until(status_is("registered"),
                                             what="certificate.issued to arrive")
        certificates = (await http.get("/v1/members/me/certificates",
                                       headers=applicant)).json()["items"]
        assert registered_application["certificate_number"] == certificates[0]["number"]
        seen = await http.get(f"/v1/candidates/{candidate['id']}", headers=enterprise)
        assert seen.json()["application"]["status"] == "registered"
        assert seen.json()["application"]["certificate_number"] == certificates[0]["number"]
