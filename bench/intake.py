"""Bulk intake: a 500-candidate JSON push and a 5,000-row Annex 3 workbook upload through the
gateway, each validated and stored, and the same each rejected by one bad row (nothing stored:
the candidate count in the service's database is read before and after)."""

import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

import asyncpg
import httpx
from applications.recommendations.excel import LEVEL_WORDS, build_workbook, field_label

from bench.stack import CONFIG, GATEWAY

PUSH_CANDIDATES = 500  # the most one push may carry (RecommendationIn)
WORKBOOK_ROWS = 5000  # the most one workbook may list (WORKBOOK_MAX_CANDIDATES)
TARGETS_S = {"bulk_push": 1.0, "bulk_workbook": 5.0}
PRACTICE = "曾参与仰光大桥工程项目，负责主桥结构设计与施工技术方案，组织完成深水基础施工。"
ENTERPRISE = {"name": "中国路桥工程有限责任公司", "contact_name": "王五",
              "contact_mobile": "13700000000"}


def _mobile(run: int, number: int) -> str:
    return f"13{run % 10}{number:08d}"


def push_body(run: int, count: int, *, bad_row: int | None = None) -> dict[str, Any]:
    candidates = [{"name": f"工程师{n}", "mobile": _mobile(run, n), "field_code": "civil",
                   "location": "缅甸", "level": "professional", "practice": PRACTICE}
                  for n in range(count)]
    if bad_row is not None:
        candidates[bad_row]["mobile"] = "12345"
    return {"enterprise": ENTERPRISE, "candidates": candidates}


def workbook(run: int, rows: int, *, bad_row: int | None = None) -> bytes:
    enterprise = "中国路桥工程有限责任公司\n（联系人：王五，手机：13700000000）"
    deployed = []
    for n in range(rows):
        project = ("仰光大桥项目", "缅甸", "承包工程", "在建", 120, 300, 45) if n == 0 else \
            (None,) * 7
        mobile = "12345" if n == bad_row else _mobile(run, n)
        deployed.append((n + 1, enterprise, *project, f"工程师{n}", mobile, field_label("civil"),
                         "缅甸", LEVEL_WORDS["professional"], PRACTICE))
    return build_workbook(deployed, [])


async def _candidates_stored() -> int:
    connection = await asyncpg.connect(
        f"postgresql://{CONFIG.postgres}/{CONFIG.database_prefix}applications")
    try:
        return int(await connection.fetchval("SELECT count(*) FROM candidates"))
    finally:
        await connection.close()


def candidates_stored() -> int:
    """Candidates in the bench's applications database, read directly."""
    return asyncio.run(_candidates_stored())


def _timed(send: Callable[[Any], httpx.Response], what: Any) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = send(what)
    return time.perf_counter() - started, response


def run_intake(token: str, rounds: int, log: Callable[[str], None],
               settle: Callable[[], float] | None = None) -> dict[str, dict[str, Any]]:
    """Per round: the push, then its one-bad-row twin; the workbook, then its twin. Each
    figure is the slowest request of all rounds; every round must store exactly its
    candidates and its twin nothing. `settle` waits before each request until the machine is
    at rest again (the previous request's events and autovacuum)."""
    def quiet() -> None:
        if settle is not None:
            settle()

    stored_count = candidates_stored
    auth = {"Authorization": f"Bearer {token}"}
    raw: dict[str, list[dict[str, Any]]] = {"bulk_push": [], "bulk_workbook": []}
    with httpx.Client(base_url=GATEWAY, timeout=60) as http:

        def push(body: Any) -> httpx.Response:
            return http.post("/v1/recommendations", json=body, headers=auth)

        def upload(data: Any) -> httpx.Response:
            return http.post("/v1/recommendations/upload", headers=auth, files={
                "file": ("annex3.xlsx", data, "application/octet-stream")})

        for round_no in range(rounds):
            run = uuid.uuid4().int % 10**6
            cases: list[tuple[str, Any, Any, Callable[[Any], httpx.Response]]] = [
                ("bulk_push", push_body(run, PUSH_CANDIDATES),
                 push_body(run, PUSH_CANDIDATES, bad_row=PUSH_CANDIDATES // 2), push),
                ("bulk_workbook", workbook(run + 1, WORKBOOK_ROWS),
                 workbook(run + 1, WORKBOOK_ROWS, bad_row=WORKBOOK_ROWS // 2), upload),
            ]
            for name, good, bad, send in cases:
                before = stored_count()
                quiet()
                stored_s, stored = _timed(send, good)
                after_good = stored_count()
                quiet()
                rejected_s, rejected = _timed(send, bad)
                after_bad = stored_count()
                raw[name].append({
                    "stored_s": round(stored_s, 3), "stored_status": stored.status_code,
                    "stored_candidates": after_good - before,
                    "rejected_s": round(rejected_s, 3), "rejected_status": rejected.status_code,
                    "stored_by_rejected": after_bad - after_good,
                })
                log(f"  round {round_no + 1}: {name:<14} stored {stored_s:.2f} s "
                    f"({stored.status_code}, +{after_good - before}), one bad row "
                    f"{rejected_s:.2f} s ({rejected.status_code}, +{after_bad - after_good})")
    figures: dict[str, dict[str, Any]] = {}
    for name, rows in raw.items():
        worst = max(max(r["stored_s"], r["rejected_s"]) for r in rows)
        correct = all(r["stored_status"] == 201 and r["rejected_status"] == 422
                      and r["stored_by_rejected"] == 0 and r["stored_candidates"] == (
                          PUSH_CANDIDATES if name == "bulk_push" else WORKBOOK_ROWS)
                      for r in rows)
        figures[name] = {
            "description": (
                f"POST /v1/recommendations with {PUSH_CANDIDATES} candidates via nginx, stored; "
                "the same with one bad mobile, refused (422, nothing stored)"
                if name == "bulk_push" else
                f"POST /v1/recommendations/upload of a {WORKBOOK_ROWS}-row Annex 3 workbook via "
                "nginx, stored; the same with one bad mobile, refused (422, nothing stored)"),
            "value": round(worst, 3),
            "unit": "s (worst request)",
            "target": f"≤ {TARGETS_S[name]:g} s, 201 then 422 and nothing stored",
            "pass": correct and worst <= TARGETS_S[name],
            "median_stored_s": round(statistics.median(r["stored_s"] for r in rows), 3),
            "median_rejected_s": round(statistics.median(r["rejected_s"] for r in rows), 3),
            "rounds": rows,
        }
    return figures
