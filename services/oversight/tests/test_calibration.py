import uuid
from datetime import UTC, datetime

import httpx
import pytest
from cse_contracts.events import EvaluationInterviewScored, EvaluationReviewSubmitted
from kit.auth import Role
from kit.testing import KEYS
from oversight.calibration import rules
from sqlalchemy.ext.asyncio import AsyncSession
from streams import feed, pages

SECRETARIAT = KEYS.headers(Role.SECRETARIAT, "sec-1")
CIESC = KEYS.headers(Role.SOCIETY_ADMIN, "ciesc-1", society="ciesc")
WHEN = datetime(2026, 11, 5, 2, tzinfo=UTC)

# Interview totals entered by hand: examiner C scores about 12 points above the others.
PANELS = [
    {"ex-a": 70, "ex-b": 72, "ex-c": 84},
    {"ex-a": 65, "ex-b": 63, "ex-c": 78},
    {"ex-a": 80, "ex-b": 81, "ex-c": 90},
    {"ex-a": 60, "ex-b": 58, "ex-c": 71},
]


def test_leave_one_out_differences_by_hand() -> None:
    scores = [rules.Score("interview", f"case-{i}", 1, examiner, "ciesc", total)
              for i, panel in enumerate(PANELS) for examiner, total in panel.items()]
    figures = {c.examiner_id: c for c in rules.calibrate(scores)}
    # C: 84-71, 78-64, 90-80.5, 71-59 = 13, 14, 9.5, 12.
    c = figures["ex-c"]
    assert (c.cases, c.mean_difference, c.spread, c.same_side_share) == (4, 12.12, 1.93, 1.0)
    assert c.mean_score == 80.75
    assert (c.flagged, c.direction) == (True, "high")
    # A: 70-78, 65-70.5, 80-85.5, 60-64.5 = -8, -5.5, -5.5, -4.5.
    a = figures["ex-a"]
    assert (a.mean_difference, a.mean_absolute_difference, a.flagged) == (-5.88, 5.88, False)
    # Too few shared cases is never a flag, however far off.
    few = rules.calibrate(scores[:6])
    assert not any(c.flagged for c in few)
    alone = rules.calibrate([rules.Score("interview", "x", 1, "ex-z", "ciesc", 50)])
    assert alone[0].mean_difference is None


async def test_calibration_from_score_events(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    for panel in PANELS:
        case = uuid.uuid4()
        for examiner, total in panel.items():
            await feed(session, EvaluationInterviewScored(
                case_id=case, society_code="ciesc", level="professional", examiner_id=examiner,
                scores={"knowledge": total * 0.35, "rest": total * 0.65}, total=total,
                submitted_at=WHEN,
            ), WHEN)
        # Redelivered: counted once.
        await feed(session, EvaluationInterviewScored(
            case_id=case, society_code="ciesc", level="professional", examiner_id="ex-a",
            scores={}, total=panel["ex-a"], submitted_at=WHEN,
        ), WHEN)
    other = uuid.uuid4()
    for examiner, total in (("ex-x", 50), ("ex-y", 90)):
        await feed(session, EvaluationInterviewScored(
            case_id=other, society_code="cces", level="senior", examiner_id=examiner,
            scores={}, total=total, submitted_at=WHEN,
        ), WHEN)
    review_case = uuid.uuid4()
    for examiner, achieved in (("ex-a", 5), ("ex-b", 4), ("ex-c", 2)):
        await feed(session, EvaluationReviewSubmitted(
            case_id=review_case, society_code="ciesc", round=1, examiner_id=examiner,
            competencies_achieved=achieved, recommendation="pass", submitted_at=WHEN,
        ), WHEN)

    body = (await client.get("/v1/reports/calibration", headers=CIESC)).json()
    # Flagged first, then the farthest from their panels: B (-6.25) before A (-5.88).
    assert [e["examiner_id"] for e in body["items"]] == ["ex-c", "ex-b", "ex-a"]
    assert body["next_cursor"] is None
    # A page at a time, the same order: each page starts right after the last one's key.
    paged = await pages(client, "/v1/reports/calibration", CIESC)
    assert [e["examiner_id"] for e in paged] == ["ex-c", "ex-b", "ex-a"]
    first = body["items"][0]
    assert (first["cases"], first["mean_difference"], first["flagged"]) == (4, 12.12, True)
    everyone = (await client.get("/v1/reports/calibration", headers=SECRETARIAT)).json()
    assert {e["examiner_id"] for e in everyone["items"]} >= {"ex-x", "ex-y"}
    review = (await client.get("/v1/reports/calibration?kind=review", headers=CIESC)).json()
    figures = {e["examiner_id"]: e for e in review["items"]}
    # C found 2 of 5 achieved (40 %) where A and B found 100 % and 80 %: 40 - 90 = -50.
    assert figures["ex-c"]["mean_difference"] == -50.0
    assert (await client.get("/v1/reports/calibration?society=cces",
                             headers=CIESC)).status_code == 403


@pytest.mark.parametrize("role", [Role.EXAMINER, Role.APPLICANT])
async def test_examiners_do_not_see_calibration(client: httpx.AsyncClient, role: Role) -> None:
    headers = KEYS.headers(role, "ex-c", society="ciesc")
    assert (await client.get("/v1/reports/calibration", headers=headers)).status_code == 403
