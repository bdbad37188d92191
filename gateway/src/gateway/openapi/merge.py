"""Merging OpenAPI documents: pure functions over JSON, testable without any service."""

import copy
import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from gateway.routes import ROUTES, Route, route_for

Document = dict[str, Any]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def merge_documents(
    documents: Mapping[str, Document],
    *,
    unavailable: Iterable[str] = (),
    routes: tuple[Route, ...] = ROUTES,
    title: str = "工程能力评价平台 API / CSE platform API",
    version: str = "1",
) -> Document:
    """One OpenAPI 3.1 document from each service's, in the order given.

    A path is kept only when the route table sends it to the service that published it,
    so the document lists exactly what is reachable through the gateway. A component whose
    name is taken by a different definition is renamed (`EvaluationProblem`) and the
    service's references to it rewritten; identical definitions are shared.
    """
    merged: Document = {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": {},
        "components": {},
        "tags": [],
    }
    operation_ids: set[str] = set()
    for service, document in documents.items():
        _merge_service(merged, service, document, routes, operation_ids)
    merged["info"]["description"] = _description(list(documents), list(unavailable))
    if not merged["components"]:
        del merged["components"]
    return merged


def _merge_service(
    merged: Document,
    service: str,
    document: Document,
    routes: tuple[Route, ...],
    operation_ids: set[str],
) -> None:
    incoming: dict[str, dict[str, Any]] = document.get("components", {})
    renames = _renames(merged["components"], incoming, service)
    document = _rewrite_refs(document, renames)
    for section, components in document.get("components", {}).items():
        target = merged["components"].setdefault(section, {})
        for name, definition in components.items():
            new_name = _component_name(renames, section, name)
            if new_name != name and isinstance(definition, dict) and "title" in definition:
                # Generated clients name their classes after the title: two `DecisionIn`
                # models would clash there even with distinct component names.
                definition = {**definition, "title": new_name}
            target[new_name] = definition
    for path, item in document.get("paths", {}).items():
        route = route_for(path, routes)
        if route is None or route.upstream != service or path in merged["paths"]:
            continue
        for method in _METHODS:
            if method in item:
                _claim_operation(item[method], service, operation_ids)
        merged["paths"][path] = item
    merged["tags"].append(
        {"name": service, "description": str(document.get("info", {}).get("title", service))}
    )


def _claim_operation(operation: dict[str, Any], service: str, operation_ids: set[str]) -> None:
    # Grouped by service in Swagger UI: the reader asks "what does registry offer".
    operation["tags"] = [service]
    operation_id = operation.get("operationId")
    if operation_id is not None:
        if operation_id in operation_ids:
            operation_id = f"{service}_{operation_id}"
            operation["operationId"] = operation_id
        operation_ids.add(operation_id)


def _renames(
    existing: Mapping[str, Mapping[str, Any]],
    incoming: Mapping[str, Mapping[str, Any]],
    service: str,
) -> dict[str, str]:
    """`#/components/<section>/<name>` → its new reference, for every clashing component.

    Repeated until nothing changes: renaming one component changes the definitions that
    refer to it, which may then clash in turn.
    """
    renames: dict[str, str] = {}
    prefix = "".join(part.capitalize() for part in service.replace("-", "_").split("_"))
    changed = True
    while changed:
        changed = False
        for section, components in incoming.items():
            taken = existing.get(section, {})
            for name, definition in components.items():
                ref = _ref(section, name)
                if ref in renames or name not in taken:
                    continue
                if taken[name] != _rewrite_refs(definition, renames):
                    reserved = set(taken) | set(components) | {
                        r.rsplit("/", 1)[1] for r in renames.values()
                    }
                    renames[ref] = _ref(section, _free_name(f"{prefix}{name}", reserved))
                    changed = True
    return renames


def _free_name(candidate: str, reserved: set[str]) -> str:
    if candidate not in reserved:
        return candidate
    return next(
        f"{candidate}{n}" for n in itertools.count(2) if f"{candidate}{n}" not in reserved
    )


def _component_name(renames: Mapping[str, str], section: str, name: str) -> str:
    return renames.get(_ref(section, name), _ref(section, name)).rsplit("/", 1)[1]


def _ref(section: str, name: str) -> str:
    return f"#/components/{section}/{name}"


def _rewrite_refs(node: Any, renames: Mapping[str, str]) -> Any:
    """A deep copy of `node` with every `$ref` in `renames` pointing at its new name."""
    if not renames:
        return copy.deepcopy(node)
    if isinstance(node, dict):
        return {
            key: renames.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def _description(merged: list[str], unavailable: list[str]) -> str:
    text = "合并自以下服务 / Merged from the services: " + ", ".join(merged) + "."
    if unavailable:
        text += (
            "\n\n以下服务暂不可达，其接口未列出 / Unreachable just now, their APIs are missing: "
            + ", ".join(unavailable)
            + "."
        )
    return text
