"""A client generated from the committed document, as an integrator makes one, drives the
recommendation push against the real applications service (its own PostgreSQL database)."""

import importlib
import io
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from applications.app import create_app
from applications.config import Settings
from applications.spec import SPEC
from applications_factories import enterprise, recommendation_body
from cse_contracts.openapi import OPENAPI_PATH
from kit.testing import ServiceHarness, database_url_for

PACKAGE = "cse_client"
# Files come back as bytes; the generator only knows octet-stream as a file.
CONFIG = f"""package_name_override: {PACKAGE}
content_type_overrides:
  application/pdf: application/octet-stream
  image/png: application/octet-stream
  image/jpeg: application/octet-stream
  application/vc+jwt: application/octet-stream
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream
"""
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
ENTERPRISE = "中国路桥工程有限责任公司\n（联系人：王五，手机：13700000000）"
PRACTICE = "曾参与仰光大桥工程项目，我负责主桥结构设计与施工技术方案，组织完成深水基础施工。"


@pytest.fixture(scope="module")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("generated")
    config = root / "config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(OPENAPI_PATH), "--config", str(config),
         "--meta", "none", "--output-path", str(root / PACKAGE)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Every schema and response becomes code: nothing of the document was skipped.
    assert "Unable to parse" not in result.stdout, result.stdout
    assert "Cannot parse response" not in result.stdout, result.stdout
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    harness = ServiceHarness(SPEC, create_app, Settings)
    # Its own database: the applications tests may run at the same time.
    harness.url = database_url_for("contract_client")
    async with (
        harness.database() as engine,
        harness.session(engine) as session,
        harness.client(session) as client,
    ):
        yield client


def test_generated_client_parses_the_platforms_problem(client_package: Any) -> None:
    from kit.errors import Unprocessable
    from kit.problems import validation_item

    sent = Unprocessable("请更正 / Correct it", errors=[validation_item(
        {"loc": ("body", "candidates", 0, "mobile"), "msg": "String should have at least 11 "
         "characters", "type": "string_too_short", "ctx": {"min_length": 11}})],
    ).to_problem("/v1/recommendations") | {"request_id": "abc"}
    problem = module("models.problem").Problem.from_dict(sent)
    assert problem.status == 422
    assert problem.request_id == "abc"
    [item] = problem.errors
    assert item.field == "candidates.0.mobile"
    assert item.code == "string_too_short"
    assert item.message_zh.startswith("文本过短")
    assert item.location == ["body", "candidates", "0", "mobile"]


async def test_generated_client_drives_a_recommendation_push(
    client_package: Any, http: httpx.AsyncClient,
) -> None:
    client = client_package.Client(base_url="http://test", raise_on_unexpected_status=True)
    client.set_async_httpx_client(http)
    models = module("models")
    push = module("api.applications.create_recommendation_v1_recommendations_post")
    listing = module("api.applications.list_recommendations_v1_recommendations_get")
    http.headers.update(enterprise("ent-contract"))

    body = models.RecommendationIn.from_dict(recommendation_body())
    key = str(uuid.uuid4())
    created = await push.asyncio_detailed(client=client, body=body, idempotency_key=key)
    assert created.status_code == 201, created.content
    assert isinstance(created.parsed, models.RecommendationOut)
    replayed = await push.asyncio_detailed(client=client, body=body, idempotency_key=key)
    assert replayed.status_code == 200
    assert replayed.parsed.id == created.parsed.id

    bad = recommendation_body(mobile="123")
    refused = await push.asyncio_detailed(client=client, body=models.RecommendationIn.from_dict(
        bad))
    assert refused.status_code == 422
    assert isinstance(refused.parsed, models.Problem)
    assert refused.parsed.errors
    assert all(e.message_zh and e.message_en for e in refused.parsed.errors)

    page = await listing.asyncio_detailed(client=client, limit=1)
    assert page.status_code == 200
    assert isinstance(page.parsed, models.PageRecommendationOut)
    assert [r.id for r in page.parsed.items] == [created.parsed.id]

    del http.headers["Authorization"]
    anonymous = await listing.asyncio_detailed(client=client)
    assert anonymous.status_code == 401
    assert isinstance(anonymous.parsed, models.Problem)
    assert anonymous.parsed.type_.endswith("not-authenticated")


async def test_generated_client_uploads_an_annex_3_workbook(
    client_package: Any, http: httpx.AsyncClient,
) -> None:
    client = client_package.Client(base_url="http://test", raise_on_unexpected_status=True)
    client.set_async_httpx_client(http)
    models, types = module("models"), module("types")
    template = module("api.applications.download_template_v1_recommendations_template_get")
    upload = module("api.applications.upload_recommendation_v1_recommendations_upload_post")
    http.headers.update(enterprise("ent-contract-xlsx"))

    def body(data: bytes) -> Any:
        return models.BodyUploadRecommendationV1RecommendationsUploadPost(
            file=types.File(payload=io.BytesIO(data), file_name="推荐表.xlsx"))

    blank = await template.asyncio_detailed(client=client)
    assert blank.status_code == 200
    # The template as downloaded holds only examples: refused, each cell's error itemised.
    refused = await upload.asyncio_detailed(client=client, body=body(blank.content))
    assert refused.status_code == 422, refused.content
    assert isinstance(refused.parsed, models.Problem)
    assert any("示例" in error.message_zh for error in refused.parsed.errors)

    book = openpyxl.load_workbook(io.BytesIO(blank.content))
    book["已外派人员"].append([
        1, ENTERPRISE, "仰光大桥项目", "MM", "承包工程", "完工", 10, 20, 5,
        "张三", "13800000000", "土木工程类", "缅甸", "专业工程会员", PRACTICE])
    filled = io.BytesIO()
    book.save(filled)
    stored = await upload.asyncio_detailed(client=client, body=body(filled.getvalue()))
    assert stored.status_code == 201, stored.content
    assert isinstance(stored.parsed, models.RecommendationOut)
    assert stored.parsed.projects[0].name == "仰光大桥项目"
