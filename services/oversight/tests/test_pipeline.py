from datetime import UTC, date, datetime

import httpx
import pytest
from cse_contracts.events import ALL_EVENTS
from kit import clock
from kit.auth import Role
from kit.testing import KEYS
from oversight.pipeline import rules
from oversight.pipeline.errors import ReadModelBehind
from oversight.spec import READ_MODEL
from sqlalchemy.ext.asyncio import AsyncSession
from streams import Pipeline, recommend

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "sec-1")
CIESC = KEYS.headers(Role.SOCIETY_ADMIN, "ciesc-1", society="ciesc")
CCES = KEYS.headers(Role.SOCIETY_ADMIN, "cces-1", society="cces")


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 10), 6, date(2026, 7, 10)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2024, 8, 31), 6, date(2025, 2, 28)),
    (date(2026, 12, 1), 1, date(2027, 1, 1)),
])
def test_months_are_calendar_months(day: date, months: int, expected: date) -> None:
    assert rules.add_months(day, months) == expected


def test_percentiles_interpolate() -> None:
    assert rules.percentile([50, 198], 50) == 124
    assert rules.percentile([50, 198], 90) == 183.2
    assert rules.percentile([7], 90) == 7
    assert rules.percentile([], 50) is None
    assert rules.rate(1, 3) == 0.3333
    assert rules.rate(1, 0) is None
    # A society's shorter cycle wins; a longer one never loosens the six months.
    assert rules.cycle_deadline(date(2026, 1, 1), date(2026, 5, 1)) == date(2026, 5, 1)
    assert rules.cycle_deadline(date(2026, 1, 1), date(2026, 9, 1)) == date(2026, 7, 1)


async def seed_stream(session: AsyncSession) -> dict[str, Pipeline]:
    c1, c2, _rejected = await recommend(session, "2026-01-05", ["ciesc", "ciesc", None])
    passed = Pipeline(session, "ciesc", "chemical", candidate=c1)
    await passed.submit("2026-01-10")
    await passed.accept("2026-01-12", date(2026, 7, 10))
    await passed.decide("2026-03-01", "passed")
    await passed.register("2026-03-10", "2026-03-11", "CSE-2026-P-000001")
    failed_late = Pipeline(session, "ciesc", "chemical", candidate=c2)
    await failed_late.submit("2026-01-15")
    await failed_late.accept("2026-01-20", date(2026, 7, 15))
    await failed_late.decide("2026-08-01", "failed")
    open_late = Pipeline(session, "cces", "civil")
    await open_late.submit("2026-02-01")
    await open_late.accept("2026-02-03", date(2026, 8, 1))
    barred = Pipeline(session, "cces", "civil")
    await barred.submit("2026-02-01")
    await barred.accept("2026-02-03", date(2026, 8, 1))
    await barred.withdraw("2026-03-01")
    lapsed = Pipeline(session, "ciesc", "chemical")
    await lapsed.submit("2026-02-10")
    await lapsed.lapse("2026-03-01")
    return {"passed": passed, "failed_late": failed_late, "open_late": open_late}


async def test_funnel_counts_the_stream(session: AsyncSession, client: httpx.AsyncClient) -> None:
    cases = await seed_stream(session)
    # A redelivered certificate event changes nothing.
    await cases["passed"].register("2026-03-10", "2026-03-11", "CSE-2026-P-000001")

    body = (await client.get("/v1/reports/funnel", headers=SECRETARIAT)).json()
    rows = {(r["society_code"], r["field_code"]): r for r in body["rows"]}
    chemical = rows[("ciesc", "chemical")]
    assert chemical["counts"] == {
        "recommended": 2, "pre_screened": 2, "applied": 3, "accepted": 2, "passed": 1,
        "failed": 1, "registered": 1,
    }
    assert chemical["conversion"]["accepted"] == 0.6667
    assert chemical["conversion"]["registered"] == 1.0
    assert rows[("—", "—")]["counts"]["recommended"] == 1
    assert rows[("cces", "civil")]["counts"]["accepted"] == 2
    assert body["total"]["counts"]["recommended"] == 3
    assert body["total"]["counts"]["pre_screened"] == 2
    assert body["total"]["counts"]["applied"] == 5
    assert body["total"]["conversion"]["pre_screened"] == 0.6667

    march = (await client.get("/v1/reports/funnel?from=2026-03-01&to=2026-03-31",
                              headers=SECRETARIAT)).json()
    assert march["total"]["counts"]["passed"] == 1
    assert march["total"]["counts"]["applied"] == 0
    # A number is not a date (Pydantic would read 0 as 1970-01-01).
    for bad in ("0", "20260301", "2026-3-1"):
        refused = await client.get(f"/v1/reports/funnel?from={bad}", headers=SECRETARIAT)
        assert refused.status_code == 422, bad

    own = (await client.get("/v1/reports/funnel", headers=CCES)).json()
    assert [(r["society_code"], r["field_code"]) for r in own["rows"]] == [("cces", "civil")]
    forbidden = await client.get("/v1/reports/funnel?society=ciesc", headers=CCES)
    assert forbidden.status_code == 403
    applicant = KEYS.headers(Role.APPLICANT, "user-1")
    assert (await client.get("/v1/reports/funnel", headers=applicant)).status_code == 403


async def test_cycle_times_against_six_months(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    cases = await seed_stream(session)
    with clock.use(clock.FrozenClock(datetime(2026, 9, 1, 2, tzinfo=UTC))):
        body = (await client.get("/v1/reports/cycle-times", headers=SECRETARIAT)).json()
        ciesc = (await client.get("/v1/reports/cycle-times", headers=CIESC)).json()
    decision = body["figures"]["submission_to_decision"]
    assert decision == {"count": 2, "median_days": 124.0, "p90_days": 183.2, "max_days": 198.0}
    assert body["figures"]["submission_to_registration"]["median_days"] == 60.0
    # From the recommendation (5 January) to registration (11 March).
    assert body["figures"]["recommendation_to_registration"]["median_days"] == 65.0
    assert body["overdue_count"] == 2
    overdue = [(c["application_id"], c["days_over"]) for c in body["overdue"]]
    assert overdue == [(str(cases["open_late"].application), 31),
                       (str(cases["failed_late"].application), 17)]
    assert ciesc["overdue_count"] == 1
    assert ciesc["overdue"][0]["society_code"] == "ciesc"


def test_every_bound_event_type_is_a_contract() -> None:
    known = {event.event_type for event in ALL_EVENTS}
    assert set(READ_MODEL.handlers) <= known


async def test_an_event_before_its_application_is_retried(session: AsyncSession) -> None:
    early = Pipeline(session, "ciesc", "chemical")
    with pytest.raises(ReadModelBehind):
        await early.decide("2026-03-01", "passed")
    # Once the application is known, the redelivered event lands.
    await early.submit("2026-01-10")
    await early.decide("2026-03-01", "passed")
