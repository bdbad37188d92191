"""The committed documents are the code's, and no release's client is broken unnoticed."""

import json
from typing import Any

from cse_contracts.compat import breaking_changes
from cse_contracts.openapi import (
    ACCEPTED_PATH,
    ASYNCAPI_PATH,
    OPENAPI_PATH,
    PREVIOUS_PATH,
    accepted_breaking_changes,
    render,
)
from kit.errors import PROBLEM_JSON

REGENERATE = "run `make contract` (uv run python -m cse_contracts.openapi) and commit contracts/"


def _first_difference(committed: Any, code: Any, where: str = "") -> str:
    if isinstance(committed, dict) and isinstance(code, dict):
        for key in sorted(committed.keys() | code.keys()):
            if key not in code:
                return f"{where}/{key}: only in the committed document"
            if key not in committed:
                return f"{where}/{key}: only in the code's document"
            if committed[key] != code[key]:
                return _first_difference(committed[key], code[key], f"{where}/{key}")
    return f"{where}: {json.dumps(committed, ensure_ascii=False)[:200]} → " \
           f"{json.dumps(code, ensure_ascii=False)[:200]}"


def test_committed_openapi_is_the_codes(code_openapi: dict[str, Any]) -> None:
    committed = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))
    assert committed == code_openapi, (
        f"contracts/openapi/openapi.json is stale: {_first_difference(committed, code_openapi)}; "
        + REGENERATE
    )
    # Byte for byte too, so a regenerated file never shows a diff of formatting alone.
    assert OPENAPI_PATH.read_text(encoding="utf-8") == render(code_openapi)


def test_committed_asyncapi_is_the_codes(code_asyncapi: dict[str, Any]) -> None:
    committed = json.loads(ASYNCAPI_PATH.read_text(encoding="utf-8"))
    assert committed == code_asyncapi, (
        f"contracts/asyncapi/asyncapi.json is stale: "
        f"{_first_difference(committed, code_asyncapi)}; " + REGENERATE
    )


def test_no_unaccepted_breaking_change_since_the_last_release(
    code_openapi: dict[str, Any],
) -> None:
    previous = json.loads(PREVIOUS_PATH.read_text(encoding="utf-8"))
    unaccepted = [c for c in breaking_changes(previous, code_openapi)
                  if c not in accepted_breaking_changes()]
    assert unaccepted == [], (
        "These changes break clients generated from the last release "
        "(contracts/openapi/previous.json). Undo them, or, if deliberate, add each line to "
        f"{ACCEPTED_PATH.relative_to(ACCEPTED_PATH.parents[2])}:\n" + "\n".join(unaccepted)
    )


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, operation) for path, item in document["paths"].items()
            for method, operation in item.items()]


def test_every_operation_follows_the_contract(code_openapi: dict[str, Any]) -> None:
    schemas = code_openapi["components"]["schemas"]
    assert "Problem" in schemas
    assert not any("HTTPValidationError" in name for name in schemas)
    assert list(code_openapi["components"]["securitySchemes"]) == ["OAuth2"]
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, method, operation in _operations(code_openapi):
        where = f"{method.upper()} {path}"
        assert operation.get("x-roles"), where
        assert "Roles:" in operation["description"], where
        for status in ("404", "422", "503"):
            content = operation["responses"][status]["content"]
            assert content[PROBLEM_JSON] == {"schema": problem}, (where, status)
        for status, response in operation["responses"].items():
            if status[0] in "45":
                # A page a person opens (the verification page) also says its error in HTML.
                media = set(response.get("content", {})) - {"text/html"}
                assert media == {PROBLEM_JSON}, (where, status)
        if operation.get("security") == [{"OAuth2": []}]:
            assert {"401", "403"} <= set(operation["responses"]), where


def test_every_reference_resolves(code_openapi: dict[str, Any],
                                  code_asyncapi: dict[str, Any]) -> None:
    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
            return found + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for item in node for r in refs(item)]
        return []

    for document in (code_openapi, code_asyncapi):
        for ref in refs(document):
            target: Any = document
            for part in ref.removeprefix("#/").split("/"):
                assert isinstance(target, dict), ref
                assert part in target, ref
                target = target[part]


def test_asyncapi_has_a_channel_per_event_with_its_payload(
    code_asyncapi: dict[str, Any],
) -> None:
    from cse_contracts.events import ALL_EVENTS

    assert code_asyncapi["asyncapi"] == "3.0.0"
    assert set(code_asyncapi["channels"]) == {m.event_type for m in ALL_EVENTS}
    screened = code_asyncapi["channels"]["recommendation.screened"]
    assert screened["bindings"]["amqp"]["exchange"]["name"] == "cse.events"
    message = code_asyncapi["components"]["messages"]["RecommendationScreened"]
    data = message["payload"]["allOf"][1]["properties"]["data"]
    assert data == {"$ref": "#/components/schemas/RecommendationScreened"}
    decision = code_asyncapi["components"]["schemas"]["RecommendationScreened"]["properties"][
        "decision"]
    assert decision["enum"] == ["accepted", "rejected"]
    envelope = code_asyncapi["components"]["schemas"]["CloudEventsEnvelope"]
    assert {"specversion", "id", "type", "source", "time", "data"} <= set(envelope["properties"])
