import uuid
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, Literal

import httpx
import pytest
from cse_contracts.events import CpdCoursePublished, ExaminerTrained, ReferralDecided
from kit import clock
from kit.auth import Role
from kit.jobs import ScheduledJob
from kit.testing import KEYS
from openpyxl import load_workbook
from oversight.models import outbox
from oversight.reports import rules
from oversight.spec import SPEC
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from streams import Pipeline, at, feed, pages, recommend

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "sec-1")
CIESC = KEYS.headers(Role.SOCIETY_ADMIN, "ciesc-1", society="ciesc")
SOCIETIES = [("ciesc", "chemical"), ("cces", "civil"), ("csee", "electrical"),
             ("ccf", "computing")]


def test_periods_parse_and_reports_fall_due() -> None:
    november = rules.parse_period("month", "2026-11")
    assert november is not None
    assert (november.start, november.end) == (date(2026, 11, 1), date(2026, 11, 30))
    second_half = rules.parse_period("half_year", "2026-H2")
    assert second_half is not None
    assert (second_half.start, second_half.end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert rules.parse_period("month", "2026-13") is None
    assert rules.parse_period("year", "26") is None
    assert [rules.period_code(p) for p in rules.reports_due(date(2026, 11, 27))] == [
        "2026-10", "2026-H1"]
    assert [rules.period_code(p) for p in rules.reports_due(date(2026, 1, 5))] == [
        "2025-12", "2025-H2"]
    assert [rules.period_code(p) for p in rules.reports_due(date(2026, 11, 28))] == [
        "2026-10", "2026-11", "2026-H1"]
    assert "2026-H1" in [rules.period_code(p) for p in rules.reports_due(date(2026, 6, 30))]
    assert "2026-H2" in [rules.period_code(p) for p in rules.reports_due(date(2026, 12, 31))]
    assert rules.met(31, 30, ">")
    assert not rules.met(30, 30, ">")
    assert rules.met(30, 30, ">=")
    targets = {(2025, "all", "registered_members"): rules.Target(2000, 4000)}
    assert rules.target_for(targets, 2026, "all", "registered_members") == rules.Target(2000, 4000)
    assert rules.target_for(targets, 2024, "all", "registered_members") == rules.Target(1500, 2500)


async def generate_month(session: AsyncSession) -> int:
    """A few dozen cases across four societies, most registered in November 2026."""
    registered = 0
    candidates = await recommend(session, "2026-05-06", ["ciesc"] * 6 + ["cces"] * 4 + [None] * 2)
    for index in range(32):
        society, field = SOCIETIES[index % len(SOCIETIES)]
        candidate = candidates[index] if index < 10 and society in ("ciesc", "cces") else None
        case = Pipeline(session, society, field, candidate=candidate)
        await case.submit(f"2026-05-{10 + index % 15:02d}")
        if index % 8 == 7:
            continue  # never accepted
        await case.accept(f"2026-06-{1 + index % 20:02d}", date(2026, 11, 10))
        if index % 5 == 4:
            continue  # still in evaluation
        outcome: Literal["passed", "failed"] = "failed" if index % 6 == 5 else "passed"
        await case.decide(f"2026-{10 + index % 2}-{1 + index % 25:02d}", outcome)
        if outcome == "passed":
            registered += 1
            await case.register("2026-11-02", f"2026-11-{3 + index % 20:02d}",
                                f"CSE-2026-P-{index:06d}")
    for index in range(7):
        society = SOCIETIES[index % 2][0]
        await feed(session, ExaminerTrained(
            examiner_id=f"ex-{index}", society_code=society, course="考官培训班",
            completed_on=date(2026, 11 if index < 5 else 3, 5),
        ), at("2026-11-05"))
    await feed(session, ReferralDecided(
        referral_id=uuid.uuid4(), applicant_id="x", certificate_number="CSE-2026-P-000000",
        partner_code="ies", agreement_code="ies-2023", outcome="granted",
        granted_title="IES Member", partner_number="M1", decided_on=date(2026, 11, 20),
        reason=None,
    ), at("2026-11-20"))
    for quality in (True, False):
        await feed(session, CpdCoursePublished(
            course_id=uuid.uuid4(), publisher="ciesc", provider_code="ciesc", title="化工安全",
            kind="course", minutes=90, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 1),
            quality=quality,
        ), at("2026-11-10"))
    return registered


def figure(unit: dict[str, Any], metric: str) -> dict[str, Any]:
    return next(f for f in unit["metrics"] if f["metric"] == metric)


async def test_monthly_report_in_json_excel_and_pdf(
    session: AsyncSession, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    registered = await generate_month(session)
    gba = await client.post("/v1/reports/gba-recognitions", headers=SECRETARIAT, json={
        "recognitions": [
            {"kind": "non_access", "field": "food", "recognised_on": "2026-11-03",
             "reference": "GD-NA-1"},
            {"kind": "access", "field": "structural", "recognised_on": "2026-02-03",
             "reference": "GD-A-1"},
        ]})
    assert gba.status_code == 200, gba.text
    wrong_field = await client.post("/v1/reports/gba-recognitions", headers=SECRETARIAT, json={
        "recognitions": [{"kind": "access", "field": "food", "recognised_on": "2026-11-03",
                          "reference": "GD-A-2"}]})
    assert wrong_field.status_code == 422
    # The same recognition twice in one batch counts once, at its earliest date.
    again = await client.post("/v1/reports/gba-recognitions", headers=SECRETARIAT, json={
        "recognitions": [
            {"kind": "access", "field": "structural", "recognised_on": "2026-11-20",
             "reference": "GD-A-1"},
            {"kind": "access", "field": "structural", "recognised_on": "2026-11-21",
             "reference": "GD-A-1"}]})
    assert again.status_code == 200, again.text
    numbered = await client.post("/v1/reports/gba-recognitions", headers=SECRETARIAT, json={
        "recognitions": [{"kind": "access", "field": "structural", "recognised_on": 0,
                          "reference": "GD-A-3"}]})
    assert numbered.status_code == 422
    assert numbered.json()["errors"][0]["location"] == [
        "body", "recognitions", "0", "access", "recognised_on"]

    params = {"period": "2026-11"}
    body = (await client.get("/v1/reports/pilot", headers=SECRETARIAT, params=params)).json()
    members = figure(body["total"], "registered_members")
    assert members["new"] == registered
    assert members["cumulative"] == registered
    assert members["target_new"] == 1500
    assert members["progress_new"] == round(registered / 1500, 4)
    assert figure(body["total"], "trained_examiners")["new"] == 5
    assert figure(body["total"], "quality_cpd_courses")["new"] == 1
    assert figure(body["total"], "trained_examiners")["year_to_date"] == 7
    recognitions = figure(body["total"], "bilateral_recognitions")
    assert (recognitions["new"], recognitions["comparison"], recognitions["met_new"]) == (
        1, ">", False)
    units = {u["unit_code"]: u for u in body["units"]}
    assert figure(units["gba"], "gba_non_access_recognitions")["new"] == 1
    assert figure(units["gba"], "gba_access_professionals")["cumulative"] == 1
    ciesc_members = figure(units["ciesc"], "registered_members")["new"]
    assert sum(figure(units[s], "registered_members")["new"] for s, _ in SOCIETIES) == registered
    # The funnel of the month agrees with the stream: registrations are all in November.
    assert body["funnel"]["total"]["counts"]["registered"] == registered

    own = (await client.get("/v1/reports/pilot", headers=CIESC, params=params)).json()
    assert [u["unit_code"] for u in own["units"]] == ["ciesc"]
    assert figure(own["units"][0], "registered_members")["new"] == ciesc_members
    # The period's form says the kind: 2026-H2 is the second half year.
    half = await client.get("/v1/reports/pilot", headers=SECRETARIAT, params={"period": "2026-H2"})
    assert half.status_code == 200, half.text
    assert half.json()["period_kind"] == "half_year"

    excel = await client.get("/v1/reports/pilot.xlsx", headers=SECRETARIAT, params=params)
    assert excel.status_code == 200
    (tmp_path / "report.xlsx").write_bytes(excel.content)
    book = load_workbook(BytesIO(excel.content))
    assert book.sheetnames == ["汇总 Summary", "试点单位 Units", "漏斗 Funnel", "周期 Cycle"]
    summary = book["汇总 Summary"]
    assert summary["A5"].value == "注册工程会员"
    assert summary["B5"].value == registered
    assert summary["E8"].value == "> 30"
    for name in ("汇总 Summary", "试点单位 Units", "漏斗 Funnel"):
        assert len(getattr(book[name], "_charts")) == 1, name  # noqa: B009

    document = await client.get("/v1/reports/pilot.pdf", headers=SECRETARIAT, params=params)
    assert document.status_code == 200
    assert document.content.startswith(b"%PDF-")
    assert b"WenQuanYiZenHei" in document.content
    (tmp_path / "report.pdf").write_bytes(document.content)


async def test_targets_are_data_and_only_tightened_by_the_secretariat(
    client: httpx.AsyncClient,
) -> None:
    target = [{"year": 2026, "unit_code": "all", "metric": "registered_members",
               "new_target": 3000, "cumulative_target": 6000}]
    assert (await client.put("/v1/reports/targets", headers=CIESC,
                             json=target)).status_code == 403
    saved = await client.put("/v1/reports/targets", headers=SECRETARIAT, json=target)
    assert saved.status_code == 200, saved.text
    assert saved.json() == {"items": [{**target[0], "comparison": ">="}], "next_cursor": None}
    listed = await pages(client, "/v1/reports/targets", CIESC, 7)
    keys = [(t["year"], t["unit_code"], t["metric"]) for t in listed]
    assert keys == sorted(set(keys))
    assert {**target[0], "comparison": ">="} in listed
    assert (await client.get("/v1/reports/targets", headers=CIESC,
                             params={"cursor": "2026.all"})).status_code == 422
    # Any cursor of the one form is a position: past the end, an empty page.
    beyond = await client.get("/v1/reports/targets", headers=CIESC,
                              params={"cursor": "9999999." + "0" * 32})
    assert beyond.json() == {"items": [], "next_cursor": None}
    body = (await client.get("/v1/reports/pilot", headers=SECRETARIAT,
                             params={"period": "2026"})).json()
    assert figure(body["total"], "registered_members")["target_new"] == 3000
    unknown = [{**target[0], "unit_code": "nowhere"}]
    assert (await client.put("/v1/reports/targets", headers=SECRETARIAT,
                             json=unknown)).status_code == 422
    # Every wrong item named at once, each in the one item shape.
    wrong = await client.put("/v1/reports/targets", headers=SECRETARIAT, json=[
        {**target[0], "unit_code": "nowhere"},
        {**target[0], "new_target": None, "cumulative_target": None}])
    assert wrong.status_code == 422
    assert [(e["code"], e["location"]) for e in wrong.json()["errors"]] == [
        ("unknown_unit", ["body", "0", "unit_code"]),
        ("target_required", ["body", "1", "new_target"])]
    assert all(set(e) == {"code", "message_zh", "message_en", "location", "field"}
               for e in wrong.json()["errors"])
    as_bool = await client.put("/v1/reports/targets", headers=SECRETARIAT, json=[
        {**target[0], "cumulative_target": False}])
    assert as_bool.status_code == 422
    as_float = await client.put("/v1/reports/targets", headers=SECRETARIAT, json=[
        {**target[0], "year": 2026.0, "new_target": 3000.0}])
    assert as_float.status_code == 200, as_float.text
    # The same target twice: the last one counts, as if sent one after the other.
    twice = await client.put("/v1/reports/targets", headers=SECRETARIAT, json=[
        target[0], {**target[0], "new_target": 3500}])
    assert twice.status_code == 200, twice.text
    assert [t["new_target"] for t in twice.json()["items"]] == [3500]
    for bad in ("0000", "2026-13", "26"):
        refused = await client.get("/v1/reports/pilot", headers=SECRETARIAT,
                                   params={"period": bad})
        assert refused.status_code == 422, bad


async def test_job_makes_reports_ready_once_and_tells_the_units(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    job: ScheduledJob = SPEC.jobs[0]
    with clock.use(clock.FrozenClock(datetime(2026, 11, 26, 2, tzinfo=UTC))):
        made_early = await job.run(session, clock.now())
    await generate_month(session)
    made = await job.run(session, datetime(2026, 11, 28, 1, tzinfo=UTC))
    again = await job.run(session, datetime(2026, 11, 28, 2, tzinfo=UTC))
    assert (made_early, made, again) == (2, 1, 0)
    envelopes = (await session.scalars(
        select(outbox.c.envelope).where(outbox.c.type == "pilot_report.ready")
        .order_by(outbox.c.seq))).all()
    periods = [(e["data"]["period_kind"], e["data"]["period_start"]) for e in envelopes]
    assert periods == [("month", "2026-10-01"), ("half_year", "2026-01-01"),
                       ("month", "2026-11-01")]
    assert envelopes[2]["data"]["ready_by"] == "2026-11-28"
    assert "gba" in envelopes[2]["data"]["units"]
    snapshot = await client.get("/v1/reports/pilot", headers=CIESC, params={
        "period": "2026-11", "snapshot": "true"})
    assert snapshot.status_code == 200, snapshot.text
    assert figure(snapshot.json()["total"], "registered_members")["new"] > 0
    assert [u["unit_code"] for u in snapshot.json()["units"]] == ["ciesc"]
    missing = await client.get("/v1/reports/pilot", headers=CIESC, params={
        "period": "2026-12", "snapshot": "true"})
    assert missing.status_code == 404
    ready = [(r["period_kind"], r["period_start"])
             for r in await pages(client, "/v1/reports/pilot/ready", CIESC)]
    # The latest period first; of those starting on the same day, the longest.
    assert ready == [("month", "2026-11-01"), ("month", "2026-10-01"),
                     ("half_year", "2026-01-01")]
    for edge in ("0." + "f" * 32, "9" * 16 + "." + "0" * 32):
        assert (await client.get("/v1/reports/pilot/ready", headers=CIESC,
                                 params={"cursor": edge})).status_code == 200, edge


@pytest.fixture(autouse=True)
def _china_clock() -> Any:
    # Cycle times are measured against "today": a fixed day keeps the figures stable.
    with clock.use(clock.FrozenClock(datetime(2026, 11, 28, 2, tzinfo=UTC))) as frozen:
        yield frozen
