"""What an integrator reads in each service's document: every property and parameter described,
every request body with an example, every status-like field an enum, every list one page shape.

Each check is parametrised by service so a failure names the service and every offender."""

import re
from typing import Any

import pytest
from cse_contracts.openapi import service_documents

Document = dict[str, Any]
METHODS = ("get", "post", "put", "patch", "delete")
# Field names that carry a closed set of words (a state, an outcome, a kind, a role...).
STATUS_LIKE = re.compile(r"(^|_)(status|state|outcome|result|decision|kind|mode|verdict|role)$")

DOCUMENTS: dict[str, Document] = service_documents()


def _schemas(document: Document) -> dict[str, Document]:
    schemas: dict[str, Document] = document.get("components", {}).get("schemas", {})
    return schemas


def _operations(document: Document) -> list[tuple[str, str, Document]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _alternatives(node: Document) -> list[Document]:
    return [node, *node.get("anyOf", []), *node.get("oneOf", []), *node.get("allOf", [])]


def _is_plain_string(node: Document) -> bool:
    """A string with no enum, const or reference to an enum schema, even inside anyOf/null."""
    options = _alternatives(node)
    if any("enum" in o or "const" in o or "$ref" in o for o in options):
        return False
    return any(o.get("type") == "string" and o.get("format") is None for o in options)


SERVICES = sorted(DOCUMENTS)


@pytest.mark.parametrize("service", SERVICES)
def test_every_property_is_described(service: str) -> None:
    missing = [
        f"{name}.{prop}"
        for name, schema in _schemas(DOCUMENTS[service]).items()
        for prop, node in (schema.get("properties") or {}).items()
        if not node.get("description")
    ]
    assert not missing, f"{service}: {len(missing)} properties without a description: {missing}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_parameter_is_described(service: str) -> None:
    missing = [
        f"{method} {path} {parameter['name']}"
        for method, path, operation in _operations(DOCUMENTS[service])
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert not missing, f"{service}: {len(missing)} parameters without a description: {missing}"


def _has_example(media: Document, schemas: dict[str, Document]) -> bool:
    if "example" in media or "examples" in media:
        return True
    schema: Document = media.get("schema", {})
    target = schemas.get(schema.get("$ref", "").rsplit("/", 1)[-1], schema)
    return "example" in target or "examples" in target


@pytest.mark.parametrize("service", SERVICES)
def test_every_request_body_has_an_example(service: str) -> None:
    schemas = _schemas(DOCUMENTS[service])
    missing = [
        f"{method} {path} ({media_type})"
        for method, path, operation in _operations(DOCUMENTS[service])
        for media_type, media in operation.get("requestBody", {}).get("content", {}).items()
        if not _has_example(media, schemas)
    ]
    assert not missing, f"{service}: {len(missing)} request bodies without an example: {missing}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_status_field_is_an_enum(service: str) -> None:
    plain = [
        f"{name}.{prop}"
        for name, schema in _schemas(DOCUMENTS[service]).items()
        for prop, node in (schema.get("properties") or {}).items()
        if STATUS_LIKE.search(prop) and _is_plain_string(node)
    ]
    assert not plain, f"{service}: {len(plain)} status-like fields that are plain strings: {plain}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_list_is_one_cursor_page(service: str) -> None:
    """A GET answering a JSON list answers {items, next_cursor}, never a bare array."""
    bare = []
    for method, path, operation in _operations(DOCUMENTS[service]):
        if method != "GET":
            continue
        media = operation.get("responses", {}).get("200", {}).get("content", {})
        schema = media.get("application/json", {}).get("schema", {})
        if schema.get("type") == "array":
            bare.append(f"{method} {path}")
    assert not bare, f"{service}: {len(bare)} lists answered as bare arrays: {bare}"
