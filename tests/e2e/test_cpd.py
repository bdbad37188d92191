"""The CPD ledger end to end, through nginx and the identity app: a member records timed and
untimed activities, a provider pushes attendance twice, the society changes its policy from
next year and grants a deferral, the member exports the record sheet, and the compliance
reaches the registry.

The ledger is opened by a `certificate.issued` event put on the platform's exchange, as the
registry puts it there after an approval (the walking skeleton drives that whole chain)."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aio_pika
import asyncpg
import httpx
import jwt
import pytest
from cse_contracts.events import CertificateIssued
from e2e_support import CONFIG, login, until
from kit import clock
from kit.events import Envelope
from platform_launcher import Platform

pytestmark = pytest.mark.e2e
GATEWAY = f"http://127.0.0.1:{CONFIG.gateway_port}"






def platform_today() -> date:
    """Today in China on the e2e platform, whose clock other tests may have moved."""
    offset = clock.OffsetFileClock(CONFIG.clock_file).offset()
    return clock.china_date(datetime.now(UTC) + offset)


async def certificate_issued(applicant_id: str, number: str, valid_from: date) -> None:
    event = CertificateIssued(
        certificate_id=uuid.uuid4(), member_id=uuid.uuid4(), applicant_id=applicant_id,
        certificate_number=number, society_code="cces", level="professional",
        field_code="civil", valid_from=valid_from,
        valid_until=valid_from.replace(year=valid_from.year + 5) - timedelta(days=1),
    )
    envelope = Envelope.wrap(event, source="/services/registry", subject=f"certificates/{number}")
    connection = await aio_pika.connect(CONFIG.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(CONFIG.exchange)
        await exchange.publish(aio_pika.Message(body=envelope.model_dump_json().encode()),
                               routing_key=event.event_type)


async def registry_compliance(number: str) -> dict[str, Any] | None:
    dsn = CONFIG.database_url("registry").replace("postgresql+asyncpg", "postgresql")
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            "SELECT credited_hours, deferred_hours, shortfall_hours, required_hours, compliant,"
            " deferral_granted FROM cpd_compliance WHERE certificate_number = $1", number)
    finally:
        await connection.close()
    return dict(row) if row else None


async def test_a_member_ledger_through_the_gateway(e2e_platform: Platform) -> None:
    run = uuid.uuid4().hex[:8]
    number = f"CSE-2026-P-{int(run, 16) % 900000 + 100000}"
    e2e_platform.gateway_cli("create-user", "--username", f"cpd-cces-{run}",
                             "--password", "society-pass-1", "--role", "society_admin",
                             "--name", "土木学会", "--society", "cces")
    secret = "provider-secret-0123456789"
    provider_code = f"prov-{run}"
    e2e_platform.gateway_cli("create-client", "--client-id", f"trainer-{run}",
                             "--name", "某培训中心", "--role", "provider",
                             "--organisation", provider_code, "--secret", secret)
    today = platform_today()
    valid_from = today - timedelta(days=200)
    day = (today - timedelta(days=10)).isoformat()

    async with httpx.AsyncClient(base_url=GATEWAY, timeout=20) as http:
        registered = await http.post("/v1/auth/register", json={
            "username": f"cpd-member-{run}", "password": "applicant-pass-1",
            "display_name": "王工"})
        assert registered.status_code == 201, registered.text
        member = await login(http, f"cpd-member-{run}", "applicant-pass-1")
        subject = jwt.decode(member["Authorization"].split()[1],
                             options={"verify_signature": False})["sub"]
        society = await login(http, f"cpd-cces-{run}", "society-pass-1")
        token = await http.post("/v1/auth/token", data={
            "grant_type": "client_credentials", "client_id": f"trainer-{run}",
            "client_secret": secret})
        assert token.status_code == 200, token.text
        provider = {"Authorization": f"Bearer {token.json()['access_token']}"}

        await certificate_issued(subject, number, valid_from)

        async def ledger() -> Any:
            found = await http.get(f"/v1/cpd/ledgers/{number}", headers=member)
            return found.json() if found.status_code == 200 else None

        assert (await until(ledger, what="the CPD ledger"))["required_hours_per_year"] == 50

        # Timed (44, 45, 90 minutes) and untimed (a standard drafted, a paper) activities.
        hours = []
        for body in (
            {"kind": "course", "title": "安全生产讲座", "minutes": 44},
            {"kind": "conference", "title": "桥梁学术年会", "minutes": 45},
            {"kind": "training", "title": "BIM 培训", "minutes": 90},
            {"kind": "standards_drafting", "title": "《公路桥梁抗震设计规范》起草"},
            {"kind": "paper", "title": "大跨桥梁健康监测（论文）"},
        ):
            recorded = await http.post(f"/v1/cpd/ledgers/{number}/activities", headers=member,
                                       json={**body, "starts_on": day, "ends_on": day,
                                             "provider": "中国土木工程学会"})
            assert recorded.status_code == 201, recorded.text
            hours.append(recorded.json()["credited_hours"])
        assert hours == [0, 1, 2, 20, 10]

        # A provider pushes its course's attendance twice: one verified activity.
        course = await http.post("/v1/cpd/courses", headers=society, json={
            "provider_code": provider_code, "provider_name": "某培训中心",
            "title": "桥梁抗震新规范宣贯", "kind": "training", "minutes": 180,
            "starts_on": day, "ends_on": day, "quality": True})
        assert course.status_code == 201, course.text
        attendance = {"attendees": [{"certificate_number": number}]}
        url = f"/v1/cpd/courses/{course.json()['id']}/attendance"
        first = await http.post(url, json=attendance,
                                headers={**provider, "Idempotency-Key": f"push-{run}"})
        assert first.status_code == 201, first.text
        retry = await http.post(url, json=attendance,
                                headers={**provider, "Idempotency-Key": f"push-{run}"})
        assert retry.status_code == 200
        again = await http.post(url, json=attendance,
                                headers={**provider, "Idempotency-Key": f"again-{run}"})
        assert again.json()["results"][0]["outcome"] == "already_recorded"
        activities = (await http.get(f"/v1/cpd/ledgers/{number}/activities",
                                     headers=member)).json()["items"]
        verified = [a for a in activities if a["source"] == "provider"]
        assert [a["credited_hours"] for a in verified] == [4]

        # The society asks 60 hours a year from next year; 40 is refused with the rule.
        next_year = date(today.year + 1, 1, 1).isoformat()
        looser = await http.post("/v1/cpd/policies/cces", headers=society,
                                 json={"effective_from": next_year, "hours_per_year": 40})
        assert looser.status_code == 422
        assert "003 Q22" in looser.json()["detail"]
        stricter = await http.post("/v1/cpd/policies/cces", headers=society,
                                   json={"effective_from": next_year, "hours_per_year": 60})
        assert stricter.status_code == 201, stricter.text

        # A deferral: asked by the member, granted (10 hours of year 1) by the society.
        asked = await http.post(f"/v1/cpd/ledgers/{number}/deferrals", headers=member,
                                json={"years": [1], "reason": "外派项目现场，无法参加 / on site"})
        assert asked.status_code == 201, asked.text
        granted = await http.post(
            f"/v1/cpd/ledgers/{number}/deferrals/{asked.json()['id']}/decision",
            headers=society, json={"decision": "granted", "mode": "reduce", "hours": 10,
                                   "reason": "按学会预案 / contingency plan"})
        assert granted.status_code == 200, granted.text

        compliance = (await http.get(f"/v1/cpd/ledgers/{number}/compliance",
                                     headers=member)).json()
        first_year = compliance["years"][0]
        assert (first_year["required_hours"], first_year["credited_hours"],
                first_year["deferred_hours"], first_year["shortfall_hours"]) == (50, 37, 10, 3)
        later = [y["required_hours"] for y in compliance["years"][1:]]
        assert later == [60] * 4  # every later year of validity starts after 1 January

        # The record sheet, as the member exports it.
        sheet = await http.get(f"/v1/cpd/ledgers/{number}/record-sheet", headers=member,
                               params={"from": valid_from.isoformat(), "to": today.isoformat()})
        assert sheet.status_code == 200
        assert sheet.headers["content-type"] == "application/pdf"
        assert sheet.content.startswith(b"%PDF")
        workbook = await http.get(f"/v1/cpd/ledgers/{number}/record-sheet", headers=member,
                                  params={"format": "xlsx"})
        assert workbook.content.startswith(b"PK")

        # Another society's staff see nothing of this ledger.
        e2e_platform.gateway_cli("create-user", "--username", f"cpd-csee-{run}",
                                 "--password", "society-pass-2", "--role", "society_admin",
                                 "--name", "电机学会", "--society", "csee")
        other = await login(http, f"cpd-csee-{run}", "society-pass-2")
        assert (await http.get(f"/v1/cpd/ledgers/{number}", headers=other)).status_code == 404

    # The registry holds the latest compliance for the re-registration decision.
    async def reached() -> Any:
        row = await registry_compliance(number)
        return row if row and row["credited_hours"] == 37 and row["deferral_granted"] else None

    row = await until(reached, what="cpd.compliance_changed in the registry")
    assert row["required_hours"] == 290
    assert row["deferred_hours"] == 10
    assert row["shortfall_hours"] == 243
    assert row["compliant"] is False
