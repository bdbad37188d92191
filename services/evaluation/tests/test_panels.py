"""Examiner pool, panel assignment with conflicts of interest, declarations."""

from datetime import timedelta

import httpx
from evaluation_factories import (
    create_case,
    create_examiner,
    events,
    examiner,
    secretariat,
    staff,
)
from kit import clock
from sqlalchemy.ext.asyncio import AsyncSession


async def test_examiner_from_the_applicants_former_employer_is_refused(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    a_year_ago = str(clock.today() - timedelta(days=365))
    sixteen_years_ago = str(clock.today() - timedelta(days=16 * 365))
    former = await create_examiner(client, "exam-zhao",
                                   history=[("中国路桥工程 有限公司", a_year_ago)])
    long_ago = await create_examiner(client, "exam-qian",
                                     history=[("中国路桥工程有限责任公司", sixteen_years_ago)])
    abbreviated = await create_examiner(client, "exam-sun", employer="中国交建")
    clean = [await create_examiner(client, s) for s in ("exam-li", "exam-wang")]
    refused = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                                json={"examiner_ids": [former, clean[0]]})
    assert refused.status_code == 409
    body = refused.json()
    assert body["type"].endswith("/examiner-conflict-of-interest")
    assert "中国路桥工程有限责任公司" in body["detail"]
    recommender = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                                    json={"examiner_ids": [abbreviated, clean[0]]})
    assert recommender.status_code == 409
    assert "推荐单位「中国交通建设集团有限公司」" in recommender.json()["detail"]
    proposal = (await client.get(f"/v1/cases/{case_id}/panel/proposal", headers=staff(),
                                 params={"size": 3})).json()
    assert {p["examiner_id"] for p in proposal["proposed"]} == {*clean, long_ago}
    assert {e["examiner_id"] for e in proposal["excluded"]} == {former, abbreviated}
    # A society with a longer cooling-off keeps the employment that ended long ago binding.
    stricter = await client.patch("/v1/cases/policy", headers=staff(),
                                  json={"conflict_cooling_off_years": 20})
    assert stricter.status_code == 200, stricter.text
    proposal = (await client.get(f"/v1/cases/{case_id}/panel/proposal",
                                 headers=staff())).json()
    assert long_ago in {e["examiner_id"] for e in proposal["excluded"]}


async def test_recommender_applicant_unqualified_untrained_and_too_small_are_refused(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session, level="senior")
    ok = await create_examiner(client, "exam-li")
    recommender = await create_examiner(client, "exam-chen", employer="中国交通建设股份有限公司")
    himself = await create_examiner(client, "user-zhang")
    professional_only = await create_examiner(client, "exam-sun", levels=["professional"])
    other_field = await create_examiner(client, "exam-zhou", fields=["electrical"])
    untrained = await create_examiner(client, "exam-wu", trained=False)
    for examiner_id, slug in [(recommender, "examiner-conflict-of-interest"),
                              (himself, "examiner-conflict-of-interest"),
                              (professional_only, "examiner-not-qualified"),
                              (other_field, "examiner-not-qualified"),
                              (untrained, "examiner-not-qualified")]:
        refused = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                                    json={"examiner_ids": [ok, examiner_id]})
        assert refused.status_code == 409, refused.text
        assert refused.json()["type"].endswith(slug)
    alone = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                              json={"examiner_ids": [ok]})
    assert alone.status_code == 409
    assert alone.json()["type"].endswith("/panel-too-small")


async def test_declarations_clear_or_free_seats_and_announce_the_panel(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    case_id = await create_case(session)
    ids = {s: await create_examiner(client, s) for s in ("exam-li", "exam-wang", "exam-liu")}
    seated = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                               json={"examiner_ids": [ids["exam-li"], ids["exam-wang"]]})
    assert seated.status_code == 200, seated.text
    assert [s["status"] for s in seated.json()["seats"]] == ["pending", "pending"]

    # Not yet declared: the examiner sees the assignment (to check conflicts), not the file.
    assignments = (await client.get("/v1/examiners/me/assignments",
                                    headers=examiner("exam-li"))).json()["items"]
    assert assignments[0]["applicant_employers"] == ["中国路桥工程有限责任公司"]
    assert assignments[0]["files_open"] is False
    blocked = await client.get(f"/v1/cases/{case_id}", headers=examiner("exam-li"))
    assert blocked.status_code == 403
    assert blocked.json()["type"].endswith("/declaration-required")
    assert (await client.get(f"/v1/cases/{case_id}", headers=examiner("exam-liu"))
            ).status_code == 404

    cleared = await client.post(f"/v1/cases/{case_id}/declaration", headers=examiner(
        "exam-li"), json={"conflict": False})
    assert cleared.status_code == 200
    # The case opens to the examiner at once; the files wait for the whole panel.
    assert cleared.json()["files_opened_to"] is None
    assert "至少 2 名考官确认后" in cleared.json()["files_access"]
    assert (await client.get(f"/v1/cases/{case_id}", headers=examiner("exam-li"))
            ).status_code == 200
    assert (await client.get(f"/v1/cases/{case_id}/reviews/mine", headers=examiner("exam-li"))
            ).status_code == 200
    conflicted = await client.post(f"/v1/cases/{case_id}/declaration", headers=examiner(
        "exam-wang"), json={"conflict": True, "statement": "申请人是我的硕士同门"})
    assert conflicted.status_code == 200
    assert await events(session, "evaluation.panel_assigned") == []

    replaced = await client.post(f"/v1/cases/{case_id}/panel", headers=staff(),
                                 json={"examiner_ids": [ids["exam-liu"]]})
    assert replaced.status_code == 200, replaced.text
    complete = await client.post(f"/v1/cases/{case_id}/declaration",
                                 headers=examiner("exam-liu"), json={"conflict": False})
    assert complete.json()["files_opened_to"] == ["exam-li", "exam-liu"]
    seats = (await client.get("/v1/examiners/me/assignments", headers=examiner("exam-liu"))
             ).json()["items"]
    assert [(s["seat_status"], s["files_open"]) for s in seats] == [("cleared", True)]
    assert "retry shortly" in complete.json()["files_access"]
    announced = await events(session, "evaluation.panel_assigned")
    assert [e["data"]["examiner_ids"] for e in announced] == [["exam-li", "exam-liu"]]
    again = await client.post(f"/v1/cases/{case_id}/declaration", headers=examiner("exam-li"),
                              json={"conflict": False})
    assert again.status_code == 409

    removed = await client.post(f"/v1/cases/{case_id}/panel/{ids['exam-liu']}/removal",
                                headers=staff(), json={"reason": "考官因病无法参加"})
    assert removed.status_code == 200
    announced = await events(session, "evaluation.panel_assigned")
    assert announced[-1]["data"]["examiner_ids"] == ["exam-li"]
    actions = [e["action"] for e in (await client.get(f"/v1/cases/{case_id}/audit",
                                                      headers=staff())).json()["items"]]
    assert actions.count("panel.assigned") == 2
    assert "panel.conflict_declared" in actions
    assert "panel.examiner_removed" in actions
    mine = (await client.get("/v1/cases", headers=examiner("exam-li"))).json()["items"]
    assert [c["id"] for c in mine] == [case_id]


async def test_examiner_pool_is_per_society_and_trained_examiners_are_reported(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    trained = await create_examiner(client, "exam-li")
    await create_examiner(client, "exam-wang", trained=False)
    await create_examiner(client, "exam-hu", society="csee", fields=["electrical"])
    duplicate = await client.post("/v1/examiners", headers=staff(), json={
        "subject": "exam-li", "name": "李", "employer": "x", "fields": ["civil"],
        "levels": ["senior"]})
    assert duplicate.status_code == 409
    assert (await client.get(f"/v1/examiners/{trained}", headers=staff("csee"))
            ).status_code == 404
    inactive = await client.patch(f"/v1/examiners/{trained}", headers=staff(),
                                  json={"status": "inactive"})
    assert inactive.json()["status"] == "inactive"
    assert inactive.json()["trained"] is True
    own = (await client.get("/v1/examiners/report", params={"year": 2026},
                            headers=staff())).json()
    assert own["societies"] == [{"society_code": "cces", "trained_in_year": 1,
                                 "trained_to_date": 1}]
    everyone = (await client.get("/v1/examiners/report", params={"year": 2026},
                                 headers=secretariat())).json()
    assert {s["society_code"] for s in everyone["societies"]} == {"cces", "csee"}
    assert (await client.get("/v1/examiners/report", params={"year": 2025},
                             headers=staff())).json()["societies"][0]["trained_to_date"] == 0
    me = await client.get("/v1/examiners/me", headers=examiner("exam-li"))
    assert me.json()["id"] == trained
