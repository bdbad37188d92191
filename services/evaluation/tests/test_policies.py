"""Society policies and rubrics: a society may tighten the CSE's rules, never loosen them."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from evaluation.policies.rules import policy_breaches, rubric_breaches
from evaluation_factories import staff

PROFESSIONAL_MAXIMA = {"knowledge": 35, "ethics": 20, "teamwork": 15, "development": 15,
                       "leadership": 15}


def test_policy_floors() -> None:
    assert policy_breaches(cycle_months=6, notice_working_days=1) == []
    assert policy_breaches(cycle_months=4, notice_working_days=10) == []
    breaches = policy_breaches(cycle_months=7, notice_working_days=0)
    assert [b.setting for b in breaches] == ["cycle_months", "notice_working_days"]
    assert "6个月" in breaches[0].rule_zh
    assert "004" in breaches[1].rule_en


@pytest.mark.parametrize(
    ("level", "minima", "total", "settings"),
    [
        ("professional", {"knowledge": 21, "ethics": 12}, 60, []),
        ("professional", {"knowledge": 25, "ethics": 15}, 70, []),
        ("professional", {"knowledge": "20.9", "ethics": 12}, 60, ["minima.knowledge"]),
        ("professional", {"knowledge": 21, "ethics": 11.5}, 60, ["minima.ethics"]),
        ("professional", {"knowledge": 21, "ethics": 12}, "59.5", ["pass_total"]),
        ("professional", {}, 60, ["minima.knowledge", "minima.ethics"]),
        ("senior", {"knowledge": 18, "ethics": 12}, 60, []),
        ("senior", {"knowledge": 17, "ethics": 12}, 60, ["minima.knowledge"]),
        ("apprentice", {"knowledge": 18, "ethics": 12}, 60, ["minima.knowledge"]),
    ],
)
def test_rubric_floors_of_003_q17(level: str, minima: dict[str, Any], total: Any,
                                  settings: list[str]) -> None:
    breaches = rubric_breaches(level, minima={k: Decimal(str(v)) for k, v in minima.items()},
                               pass_total=Decimal(str(total)))
    assert [b.setting for b in breaches] == settings


@pytest.mark.parametrize(
    ("change", "setting", "quoted"),
    [({"cycle_months": 7}, "cycle_months", "6个月"),
     ({"notice_working_days": 0}, "notice_working_days", "公示")],
)
async def test_a_society_cannot_loosen_the_cycle_or_the_notice(
    client: httpx.AsyncClient, change: dict[str, int], setting: str, quoted: str
) -> None:
    refused = await client.patch("/v1/cases/policy", headers=staff(), json=change)
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert refused.headers["content-type"] == "application/problem+json"
    assert body["type"].endswith("/looser-than-cse-rule")
    assert [b["field"] for b in body["errors"]] == [setting]
    assert set(body["errors"][0]) == {"code", "field", "message_zh", "message_en"}
    assert quoted in body["errors"][0]["message_zh"]
    assert quoted in body["detail"]
    assert "never looser" in body["detail"]
    policy = (await client.get("/v1/cases/policy", headers=staff())).json()
    assert (policy["cycle_months"], policy["notice_working_days"]) == (6, 5)
    stricter = await client.patch("/v1/cases/policy", headers=staff(),
                                  json={"cycle_months": 5, "notice_working_days": 1})
    assert stricter.status_code == 200, stricter.text
    assert (stricter.json()["cycle_months"], stricter.json()["notice_working_days"]) == (5, 1)


async def test_a_society_cannot_loosen_the_interview_pass_marks(
    client: httpx.AsyncClient
) -> None:
    url = "/v1/cases/policy/rubrics/professional"
    loose = await client.put(url, headers=staff(), json={
        "maxima": PROFESSIONAL_MAXIMA, "minima": {}, "pass_total": 50})
    assert loose.status_code == 422, loose.text
    body = loose.json()
    assert body["type"].endswith("/looser-than-cse-rule")
    assert [b["field"] for b in body["errors"]] == [
        "pass_total", "minima.knowledge", "minima.ethics"]
    assert "Q17" in body["detail"]
    assert "60分" in body["detail"]
    assert (await client.get(url, headers=staff())).json()["default"] is True
    senior_at_professional_marks = await client.put(
        "/v1/cases/policy/rubrics/senior", headers=staff(), json={
            "maxima": {**PROFESSIONAL_MAXIMA, "knowledge": 30, "leadership": 20},
            "minima": {"knowledge": 18, "ethics": 12}, "pass_total": 60})
    assert senior_at_professional_marks.status_code == 200, senior_at_professional_marks.text
    stricter = await client.put(url, headers=staff(), json={
        "maxima": PROFESSIONAL_MAXIMA, "minima": {"knowledge": 24, "ethics": 14},
        "pass_total": 65})
    assert stricter.status_code == 200, stricter.text
    assert stricter.json()["pass_total"] == "65"
