"""Small factories for request bodies, callers' tokens and a complete application."""

from typing import Any

import httpx
from applications.app import create_app
from applications.config import Settings
from applications.models import outbox
from applications.spec import SPEC
from kit.auth import Role
from kit.events import Envelope, EventData
from kit.testing import KEYS, ServiceHarness
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
# A valid mainland resident identity number (checksum X).
RESIDENT_ID = "11010519491231002X"
SENTENCE = ("我负责仰光大桥主桥结构设计，组织团队完成深水基础施工方案，"
            "并通过技术创新将工期缩短三个月。")


def enterprise(enterprise_id: str = "ent-1") -> dict[str, str]:
    return KEYS.headers(Role.ENTERPRISE, f"client-{enterprise_id}", enterprise=enterprise_id)


def committee() -> dict[str, str]:
    return KEYS.headers(Role.COMMITTEE, "committee-1", name="委员甲")


def applicant(subject: str = "user-zhang", name: str = "张三") -> dict[str, str]:
    return KEYS.headers(Role.APPLICANT, subject, name=name)


def society_admin(society: str = "cces") -> dict[str, str]:
    return KEYS.headers(Role.SOCIETY_ADMIN, f"staff-{society}", society=society)


def examiner(subject: str = "examiner-1", society: str = "cces") -> dict[str, str]:
    return KEYS.headers(Role.EXAMINER, subject, society=society)


def secretariat() -> dict[str, str]:
    return KEYS.headers(Role.SECRETARIAT, "secretariat-1")


def recommendation_body(**candidate: Any) -> dict[str, Any]:
    return {
        "enterprise": {
            "name": "中国路桥工程有限责任公司",
            "contact_name": "王五",
            "contact_mobile": "13700000000",
        },
        "candidates": [
            {
                "name": "张三",
                "mobile": "13800000000",
                "field_code": "civil",
                "location": "缅甸",
                "level": "professional",
                "practice": "曾参与仰光大桥工程项目，我负责主桥结构设计与施工技术方案。",
                **candidate,
            }
        ],
    }


def profile_body(**overrides: Any) -> dict[str, Any]:
    """A profile that meets the professional level in civil engineering (cces)."""
    body: dict[str, Any] = {
        "name": "张三",
        "id_type": "cn_ric",
        "id_number": RESIDENT_ID,
        "nationality": "CN",
        "mobile": "13800000000",
        "email": "zhangsan@example.com",
        "education": [{
            "degree": "bachelor", "subject": "土木工程", "engineering_related": True,
            "institution": "同济大学", "start": "2008-09-01", "end": "2012-06-30",
        }],
        "work_history": [{
            "employer": "中国路桥工程有限责任公司", "position": "结构工程师", "start": "2012-07-01",
            "end": None, "important": True, "overseas": True,
        }],
        "professional_titles": [{"name": "高级工程师"}],
        "international_titles": [],
        "memberships": [{"society_code": "cces", "joining_concurrently": True}],
    }
    body.update(overrides)
    return body


def statement_body(repeat: int = 10) -> dict[str, Any]:
    """Five parts of Chinese text, one per competency: about 2,300 characters."""
    codes = ["knowledge", "ethics", "teamwork", "development", "leadership"]
    return {"parts": [{"text": SENTENCE * repeat, "competencies": [code]} for code in codes]}


async def complete_application(
    client: httpx.AsyncClient, application_id: str, headers: dict[str, str],
    profile: dict[str, Any] | None = None,
) -> None:
    """Everything a draft needs before submit: profile, statement, evidence, commitment.
    (These are the requests the end-to-end test adds before POST …/submit.)"""
    saved = await client.put("/v1/applicants/me", json=profile or profile_body(), headers=headers)
    assert saved.status_code == 200, saved.text
    statement = await client.put(f"/v1/applications/{application_id}/statement",
                                 json=statement_body(), headers=headers)
    assert statement.status_code == 200, statement.text
    for kind, content in (("identity_front", JPEG), ("identity_back", PNG), ("education", PDF)):
        uploaded = await client.post(
            f"/v1/applications/{application_id}/evidence", data={"kind": kind},
            files={"file": (f"{kind}.bin", content)}, headers=headers,
        )
        assert uploaded.status_code == 201, uploaded.text
    version = (await client.get("/v1/reference/commitment")).json()["version"]
    signed = await client.post(f"/v1/applications/{application_id}/commitment",
                               json={"version": version, "agreed": True}, headers=headers)
    assert signed.status_code == 200, signed.text


async def accepted_candidate(client: httpx.AsyncClient, **candidate: Any) -> str:
    """A pushed recommendation whose candidate the committee accepted; the candidate's id."""
    created = await client.post("/v1/recommendations", json=recommendation_body(**candidate),
                                headers=enterprise())
    assert created.status_code == 201, created.text
    candidate_id: str = created.json()["candidates"][0]["id"]
    screened = await client.post(f"/v1/candidates/{candidate_id}/screening",
                                 json={"decision": "accepted"}, headers=committee())
    assert screened.status_code == 200, screened.text
    return candidate_id


async def draft(client: httpx.AsyncClient, headers: dict[str, str] | None = None,
                **body: Any) -> str:
    """A new draft application (professional, civil engineering unless told otherwise)."""
    response = await client.post(
        "/v1/applications", json={"level": "professional", "field_code": "civil", **body},
        headers=headers or applicant(),
    )
    assert response.status_code == 201, response.text
    application_id: str = response.json()["id"]
    return application_id


async def submitted(client: httpx.AsyncClient, headers: dict[str, str] | None = None,
                    profile: dict[str, Any] | None = None, **body: Any) -> str:
    """A draft completed and submitted."""
    headers = headers or applicant()
    application_id = await draft(client, headers, **body)
    await complete_application(client, application_id, headers, profile)
    response = await client.post(f"/v1/applications/{application_id}/submit", headers=headers)
    assert response.status_code == 200, response.text
    return application_id


async def accepted(client: httpx.AsyncClient, headers: dict[str, str] | None = None,
                   profile: dict[str, Any] | None = None, **body: Any) -> str:
    """Submitted and accepted by the society in the formal check."""
    application_id = await submitted(client, headers, profile, **body)
    response = await client.post(f"/v1/applications/{application_id}/formal-check",
                                 json={"decision": "accepted"}, headers=society_admin())
    assert response.status_code == 200, response.text
    return application_id


async def events(session: AsyncSession, event_type: str | None = None) -> list[dict[str, Any]]:
    """Envelopes the service emitted (its outbox), oldest first; of one type if given."""
    query = select(outbox.c.envelope).order_by(outbox.c.seq)
    if event_type is not None:
        query = query.where(outbox.c.type == event_type)
    return [row[0] for row in await session.execute(query)]


async def event_types(session: AsyncSession) -> list[str]:
    return [envelope["type"] for envelope in await events(session)]


async def deliver(session: AsyncSession, queue: str, data: EventData, source: str) -> None:
    """Hand an event to the handler the service's spec wires for it on `queue`, as the
    consumer does: a test through here fails when the subscription is missing."""
    [subscription] = [s for s in SPEC.subscriptions if s.queue == queue]
    assert data.event_type in subscription.bindings, f"{queue} does not bind {data.event_type}"
    handler = subscription.handler_for(data.event_type)
    assert handler is not None
    await handler(session, Envelope.wrap(data, source=source, subject=None))
    await session.flush()


# The service's test harness: conftest.py takes its fixtures from it, and tests that need a
# second client (e.g. another caller in the same transaction) use it directly.
HARNESS = ServiceHarness(SPEC, create_app, Settings)
