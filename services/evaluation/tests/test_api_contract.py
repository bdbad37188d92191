"""What an integrator relies on in evaluation's API: request examples that validate, dates
that refuse numbers, the decision's words for a recommendation, one page shape with a cursor
that works, and itemised errors in the one item shape."""

from typing import Any

import httpx
import pytest
from evaluation_factories import (
    clear_panel,
    create_case,
    create_examiner,
    examiner,
    full_review,
    staff,
    submit_review,
)
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession


def _request_models() -> list[type[BaseModel]]:
    from evaluation.batches.schemas import BatchIn
    from evaluation.cases.schemas import DecisionIn, WrittenTestIn
    from evaluation.examiners.schemas import EmploymentIn, ExaminerIn, ExaminerPatch, TrainingIn
    from evaluation.interviews.schemas import InterviewIn, ScoresIn
    from evaluation.notices.schemas import ObjectionIn, ResolutionIn
    from evaluation.panels.schemas import DeclarationIn, PanelIn, SeatRemovalIn
    from evaluation.policies.schemas import PolicyPatch, RubricIn
    from evaluation.reviews.schemas import ReviewIn

    return [BatchIn, DecisionIn, WrittenTestIn, EmploymentIn, ExaminerIn, ExaminerPatch,
            TrainingIn, InterviewIn, ScoresIn, ObjectionIn, ResolutionIn, DeclarationIn, PanelIn,
            SeatRemovalIn, PolicyPatch, RubricIn, ReviewIn]


@pytest.mark.parametrize("model", _request_models(), ids=lambda m: m.__name__)
def test_every_request_example_is_valid(model: type[BaseModel]) -> None:
    examples = model.model_json_schema().get("examples")
    assert examples, f"{model.__name__} has no example"
    for example in examples:
        model.model_validate(example)


async def test_the_document_lists_every_status_word(client: httpx.AsyncClient) -> None:
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    status = schemas["CaseOut"]["properties"]["status"]
    assert set(status["enum"]) == {"materials_review", "supplement_requested", "assessment",
                                   "deliberation", "notice", "approved", "failed", "withdrawn"}
    recommendation = schemas["ReviewIn"]["properties"]["recommendation"]["anyOf"][0]
    assert recommendation["enum"] == ["passed", "supplement", "failed"]


@pytest.mark.parametrize("completed_on", [0, 20260315, "15/03/2026"])
async def test_a_training_date_must_be_written_as_a_date(
    client: httpx.AsyncClient, completed_on: Any
) -> None:
    examiner_id = await create_examiner(client, "exam-date", trained=False)
    refused = await client.post(f"/v1/examiners/{examiner_id}/trainings", headers=staff(),
                                json={"course": "考官培训", "completed_on": completed_on})
    assert refused.status_code == 422, refused.text
    items = refused.json()["errors"]
    assert [i["location"] for i in items] == [["body", "completed_on"]]
    assert {"code", "message_zh", "message_en"} <= set(items[0])


async def test_a_review_recommends_with_the_decision_words(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    await clear_panel(client, case_id, ["exam-li", "exam-wang"])
    mine = await client.get(f"/v1/cases/{case_id}/reviews/mine", headers=examiner("exam-li"))
    old_word = await client.put(f"/v1/cases/{case_id}/reviews/mine", json=full_review("pass"),
                                headers={**examiner("exam-li"), "If-Match": mine.headers["ETag"]})
    assert old_word.status_code == 422, old_word.text
    submitted = await submit_review(client, case_id, "exam-li", full_review("failed"))
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["recommendation"] == "failed"


async def test_cases_come_in_pages_with_a_cursor(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    made = {await create_case(session, applicant_name=f"分页{n}") for n in range(3)}
    first = (await client.get("/v1/cases", params={"limit": 2}, headers=staff())).json()
    assert len(first["items"]) == 2
    assert first["next_cursor"]
    second = (await client.get("/v1/cases", params={"limit": 2, "cursor": first["next_cursor"]},
                               headers=staff())).json()
    seen = [c["id"] for c in first["items"] + second["items"]]
    assert len(seen) == len(set(seen)) == 3
    assert set(seen) == made
    assert second["next_cursor"] is None
    bad = await client.get("/v1/cases", params={"cursor": "not-a-cursor"}, headers=staff())
    assert bad.status_code == 422, bad.text


async def test_the_audit_trail_pages_in_the_order_it_happened(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    await clear_panel(client, case_id, ["exam-li", "exam-wang"])
    url = f"/v1/cases/{case_id}/audit"
    everything = (await client.get(url, headers=staff())).json()
    assert everything["next_cursor"] is None
    assert len(everything["items"]) > 2
    paged: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        answer = await client.get(url, params=params, headers=staff())
        assert answer.status_code == 200, answer.text
        page = answer.json()
        paged += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert paged == [e["id"] for e in everything["items"]]
    assert everything["items"][0]["action"] == "case.opened"
    reviews = (await client.get(f"/v1/cases/{case_id}/reviews", params={"limit": 1},
                                headers=staff())).json()
    assert [r["number"] for r in reviews["items"]] == [1]
    assert reviews["next_cursor"] is None
