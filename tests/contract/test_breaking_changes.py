"""Each kind of breaking change is named; compatible changes are not."""

import copy
from typing import Any

from cse_contracts.compat import breaking_changes


def release() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "paths": {
            "/v1/things": {
                "get": {
                    "parameters": [
                        {"name": "status", "in": "query", "required": False,
                         "schema": {"anyOf": [{"$ref": "#/components/schemas/Status"},
                                              {"type": "null"}]}},
                    ],
                    "responses": {"200": {"content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Page"}}}}},
                },
                "post": {
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ThingIn"}}}},
                    "responses": {"201": {"content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Thing"}}}}},
                },
            },
            "/v1/things/{id}": {"delete": {"responses": {"204": {"description": "gone"}}}},
        },
        "components": {"schemas": {
            "Status": {"type": "string", "enum": ["accepted", "returned", "rejected"]},
            "ThingIn": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": "string"}, "count": {"type": "integer"},
                "status": {"$ref": "#/components/schemas/Status"},
            }},
            "Thing": {"type": "object", "required": ["id", "name"], "properties": {
                "id": {"type": "string"}, "name": {"type": "string"},
                "status": {"$ref": "#/components/schemas/Status"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
            }},
            "Page": {"type": "object", "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
                "next_cursor": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            }},
        }},
    }


def changed(edit: Any) -> list[str]:
    current = copy.deepcopy(release())
    edit(current)
    return breaking_changes(release(), current)


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def test_the_same_document_has_no_breaking_change() -> None:
    assert breaking_changes(release(), release()) == []


def test_compatible_changes_are_not_breaking() -> None:
    def widen(doc: dict[str, Any]) -> None:
        schemas(doc)["ThingIn"]["properties"]["note"] = {"type": "string"}  # optional field
        schemas(doc)["Thing"]["properties"]["note"] = {"type": "string"}  # new response field
        doc["paths"]["/v1/extra"] = {"get": {"responses": {}}}  # new path
        doc["paths"]["/v1/things"]["get"]["parameters"].append(
            {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}})
        doc["paths"]["/v1/things"]["post"]["responses"]["409"] = {"description": "conflict"}

    assert changed(widen) == []


def test_removed_path_and_operation() -> None:
    assert changed(lambda d: d["paths"].pop("/v1/things/{id}")) == [
        "/v1/things/{id}: path removed"]
    assert changed(lambda d: d["paths"]["/v1/things"].pop("post")) == [
        "POST /v1/things: operation removed"]


def test_removed_and_retyped_response_fields() -> None:
    assert changed(lambda d: schemas(d)["Thing"]["properties"].pop("name")) == [
        "GET /v1/things: response 200 (application/json).items[].name: field removed",
        "POST /v1/things: response 201 (application/json).name: field removed",
    ]
    retyped = changed(lambda d: schemas(d)["Thing"]["properties"]["id"].update(type="integer"))
    assert "POST /v1/things: response 201 (application/json).id: type string → integer may " \
           "send other types" in retyped


def test_new_required_request_field_and_parameter() -> None:
    def require(doc: dict[str, Any]) -> None:
        schemas(doc)["ThingIn"]["required"].append("count")
        doc["paths"]["/v1/things"]["get"]["parameters"].append(
            {"name": "society", "in": "query", "required": True, "schema": {"type": "string"}})

    assert changed(require) == [
        "GET /v1/things: query parameter society: new required parameter",
        "POST /v1/things: request body (application/json).count: new required field",
    ]


def test_narrowed_enum_in_a_request_and_widened_in_a_response() -> None:
    found = changed(lambda d: schemas(d)["Status"].update(enum=["accepted", "rejected"]))
    assert "POST /v1/things: request body (application/json).status: enum narrowed, " \
           "returned refused" in found
    assert "GET /v1/things: query parameter status: enum narrowed, returned refused" in found
    widened = changed(
        lambda d: schemas(d)["Status"].update(enum=["accepted", "returned", "rejected", "x"]))
    assert widened == [
        "GET /v1/things: response 200 (application/json).items[].status: enum widened, "
        "x may be sent",
        "POST /v1/things: response 201 (application/json).status: enum widened, x may be sent",
    ]


def test_request_type_that_accepts_less() -> None:
    found = changed(
        lambda d: schemas(d)["ThingIn"]["properties"]["count"].update(type="string"))
    assert found == ["POST /v1/things: request body (application/json).count: type integer → "
                     "string accepts less"]


def test_removed_success_status() -> None:
    def moved(doc: dict[str, Any]) -> None:
        responses = doc["paths"]["/v1/things"]["post"]["responses"]
        responses["200"] = responses.pop("201")

    assert changed(moved) == ["POST /v1/things: response 201: status removed"]
