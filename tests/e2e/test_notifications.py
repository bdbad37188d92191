"""Notifications as a new user meets them, through the gateway on the running platform: an HR
client's webhook receiver (failing for a while), e-mail read from the local SMTP sink in the
reader's language, and a subscription pointed at a private address refused."""

import asyncio
import email
import email.policy
import socket
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from applications_factories import complete_application, profile_body
from e2e_support import CONFIG, bearer, engineer, login, until
from platform_launcher import Platform
from standardwebhooks.webhooks import Webhook
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"




def polled(check: Callable[[], Any]) -> Callable[[], Awaitable[Any]]:
    """`until` for a local condition (the receiver's requests, the sink's files)."""

    async def fetch() -> Any:
        return check()

    return fetch


@dataclass
class HrReceiver:
    """The HR system's webhook endpoint: fails `failures` times, then applies each id once."""

    failures: int = 0
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    applied: dict[str, dict[str, Any]] = field(default_factory=dict)
    secret: str = ""

    async def endpoint(self, request: Request) -> Response:
        body = await request.body()
        headers = dict(request.headers)
        self.requests.append((headers, body))
        if self.failures > 0:
            self.failures -= 1
            return Response(status_code=500)
        payload = Webhook(self.secret).verify(body, headers)
        self.applied.setdefault(headers["webhook-id"], payload)
        return Response(status_code=200)

    def types(self) -> list[str]:
        return [str(p["type"]) for p in self.applied.values()]


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[HrReceiver, str]]:
    hr = HrReceiver()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(
        Starlette(routes=[Route("/cse-events", hr.endpoint, methods=["POST"])]),
        host="127.0.0.1", port=port, log_level="error", lifespan="off"))
    task = asyncio.create_task(server.serve())
    await until(polled(lambda: server.started), within=10, what="the receiver")
    try:
        yield hr, f"http://127.0.0.1:{port}/cse-events"
    finally:
        server.should_exit = True
        await task






def mail_to(address: str) -> list[EmailMessage]:
    found = []
    for path in sorted(Path(CONFIG.mail_dir).glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if isinstance(message, EmailMessage) and str(message["To"]) == address:
            found.append(message)
    return found


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    content: str = part.get_content()
    return content


async def test_hr_webhooks_and_e_mail_in_each_readers_language(
    e2e_platform: Platform, receiver: tuple[HrReceiver, str]
) -> None:
    hr, url = receiver
    run = uuid.uuid4().hex[:8]
    enterprise_code = f"crbc-{run}"
    secret = "enterprise-secret-0123456789"
    e2e_platform.gateway_cli("create-client", "--client-id", f"hr-{run}", "--name", "中国路桥 HR",
                             "--role", "enterprise", "--enterprise", enterprise_code,
                             "--secret", secret)
    e2e_platform.gateway_cli("create-user", "--username", f"committee-{run}", "--password",
                             "committee-pass-1", "--role", "committee", "--name", "委员甲")
    e2e_platform.gateway_cli("create-user", "--username", f"cces-{run}", "--password",
                             "society-pass-1", "--role", "society_admin", "--name", "学会乙",
                             "--society", "cces")
    async with httpx.AsyncClient(base_url=GATEWAY, timeout=10) as http:
        token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"hr-{run}",
            "client_secret": secret})
        enterprise = bearer(token.json()["access_token"])

        # A private address is refused; the allow-listed loopback receiver is accepted.
        refused = await http.post("/v1/webhooks", headers=enterprise, json={
            "url": "http://10.1.2.3/hook", "event_types": ["*"]})
        assert refused.status_code == 422
        assert refused.headers["content-type"].startswith("application/problem+json")
        created = await http.post("/v1/webhooks", headers=enterprise, json={
            "url": url, "event_types": ["recommendation.*", "application.*", "evaluation.*"]})
        assert created.status_code == 201, created.text
        hr.secret = created.json()["secret"]
        hr.failures = 1  # the receiver is down for the first try

        # The society's staff and the engineer give their addresses, in their languages.
        society = await login(http, f"cces-{run}", "society-pass-1")
        staff_address = f"staff-{run}@cces.example.org"
        await http.put("/v1/notifications/preferences", headers=society,
                       json={"email": staff_address})
        registered = await http.post("/v1/auth/register", json={
            "username": f"engineer-{run}", "password": "applicant-pass-1",
            "display_name": "张三"})
        assert registered.status_code == 201, registered.text
        applicant = await login(http, f"engineer-{run}", "applicant-pass-1")
        applicant_address = f"zhang-{run}@example.com"
        prefs = await http.put("/v1/notifications/preferences", headers=applicant,
                               json={"email": applicant_address, "language": "en"})
        assert prefs.status_code == 200, prefs.text

        pushed = await http.post("/v1/recommendations", headers=enterprise, json={
            "enterprise": {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
                           "contact_mobile": "13700000000"},
            "candidates": [{"name": "张三", "mobile": engineer(run)["mobile"],
                            "field_code": "civil",
                            "location": "缅甸", "level": "professional",
                            "practice": "曾参与仰光大桥工程项目，负责主桥结构设计。"}],
        })
        assert pushed.status_code == 201, pushed.text
        candidate_id = pushed.json()["candidates"][0]["id"]
        committee = await login(http, f"committee-{run}", "committee-pass-1")
        screened = await http.post(f"/v1/candidates/{candidate_id}/screening",
                                   json={"decision": "accepted"}, headers=committee)
        assert screened.status_code == 200, screened.text
        draft = await http.post("/v1/applications", headers=applicant, json={
            "level": "professional", "field_code": "civil", "candidate_id": candidate_id})
        application_id = draft.json()["id"]
        await complete_application(http, application_id, applicant, profile_body(
            mobile=engineer(run)["mobile"], id_number=engineer(run)["id_number"]))
        submitted = await http.post(f"/v1/applications/{application_id}/submit",
                                    headers=applicant)
        assert submitted.status_code == 200, submitted.text
        checked = await http.post(f"/v1/applications/{application_id}/formal-check",
                                  json={"decision": "accepted"}, headers=society)
        assert checked.status_code == 200, checked.text

        # The HR system hears of its recommendation and its candidate's progress, each once,
        # the first delivery retried after the 500 with the same webhook-id.
        wanted = {"recommendation.received", "recommendation.screened", "application.accepted",
                  "evaluation.case_opened"}
        await until(polled(lambda: wanted <= set(hr.types())), within=90,
                    what=f"webhooks {wanted}, got {hr.types()}")
        assert len(hr.types()) == len(set(hr.types()))
        first_id = hr.requests[0][0]["webhook-id"]
        assert [h["webhook-id"] for h, _ in hr.requests].count(first_id) == 2
        log = await http.get(f"/v1/webhooks/{created.json()['id']}/deliveries",
                             headers=enterprise)
        codes = [entry["status_code"] for d in log.json()["items"] for entry in d["log"]]
        assert 500 in codes
        assert 200 in codes

        # E-mail, read as each reader reads it: English for the engineer, Chinese for staff.
        english = await until(polled(lambda: mail_to(applicant_address)),
                              what="the engineer's e-mail")
        subjects = {str(m["Subject"]) for m in english}
        assert "Your Professional Engineering Member application was submitted" in subjects
        assert all("您好" not in text_of(m) for m in english)
        chinese = await until(polled(lambda: mail_to(staff_address)),
                              what="the society's e-mail")
        [submitted_mail] = [m for m in chinese if str(m["Subject"]) == "新的专业工程会员申请待初审"]
        assert f"http://127.0.0.1:{CONFIG.gateway_port}/v1/applications/{application_id}" in (
            text_of(submitted_mail))
