"""member.barred: a lifetime bar stops every open case of the person [003 Q14]."""

from datetime import UTC, datetime

import httpx
from cse_contracts.events import MemberBarred
from evaluation_factories import (
    applicant,
    create_case,
    deliver,
    events,
    staff,
    to_deliberation,
)
from sqlalchemy.ext.asyncio import AsyncSession

REASON = "经查实，申请人提供虚假学历证明，终身禁入 / False proof of education: barred for life."


def barred(applicant_id: str = "user-zhang") -> MemberBarred:
    return MemberBarred(member_id=None, applicant_id=applicant_id, reason=REASON,
                        barred_at=datetime(2026, 11, 30, 2, tzinfo=UTC))


async def test_a_ban_withdraws_every_open_case_and_none_is_approved_afterwards(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await client.patch("/v1/cases/policy", headers=staff(), json={"notice_working_days": 1})
    on_notice = await to_deliberation(client, session)
    passed = await client.post(f"/v1/cases/{on_notice}/decision", headers=staff(),
                               json={"outcome": "passed"})
    assert passed.json()["status"] == "notice", passed.text
    in_review = await create_case(session)
    someone_else = await create_case(session, applicant_id="user-li", applicant_name="李四")
    failed = await create_case(session)
    await client.post(f"/v1/cases/{failed}/decision", headers=staff(),
                      json={"outcome": "failed", "reasons": "材料不足 / insufficient"})

    await deliver(session, barred())
    await deliver(session, barred())  # a repeated ban changes nothing more

    for case_id in (on_notice, in_review):
        case = (await client.get(f"/v1/cases/{case_id}", headers=staff())).json()
        assert (case["status"], case["reasons"]) == ("withdrawn", REASON)
        assert case["deadline_state"] == "closed"
        audit = (await client.get(f"/v1/cases/{case_id}/audit", headers=staff())).json()["items"]
        assert audit[-1]["action"] == "case.withdrawn"
        assert audit[-1]["details"]["reason"] == REASON
    assert (await client.get(f"/v1/cases/{failed}", headers=staff())).json()["status"] == "failed"
    assert (await client.get(f"/v1/cases/{someone_else}", headers=staff())
            ).json()["status"] == "materials_review"
    withdrawn = await events(session, "evaluation.withdrawn")
    assert sorted(e["data"]["case_id"] for e in withdrawn) == sorted([on_notice, in_review])
    assert {e["data"]["reason"] for e in withdrawn} == {REASON}
    assert (await client.get("/v1/public-notices")).json()["items"] == []

    approval = await client.post(f"/v1/cases/{on_notice}/approval", headers=staff())
    assert approval.status_code == 409
    assert approval.json()["case_status"] == "withdrawn"
    decision = await client.post(f"/v1/cases/{in_review}/decision", headers=staff(),
                                 json={"outcome": "passed"})
    assert decision.status_code == 409
    assert "终身禁入" in decision.json()["detail"]
    assert await events(session, "evaluation.approved") == []
    own = (await client.get(f"/v1/cases/{in_review}", headers=applicant())).json()
    assert own["reasons"] == REASON


async def test_a_case_accepted_before_the_ban_but_delivered_after_it_never_starts(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await deliver(session, barred())
    late = await create_case(session)
    case = (await client.get(f"/v1/cases/{late}", headers=staff())).json()
    assert (case["status"], case["reasons"]) == ("withdrawn", REASON)
    assert [e["data"]["case_id"] for e in await events(session, "evaluation.withdrawn")] == [late]
