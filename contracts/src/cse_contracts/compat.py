"""Breaking changes between two OpenAPI documents, each named so a reviewer can judge it.

A change breaks an integrator's client when a call that worked stops working, or an answer
it parsed no longer parses:
- a path or an operation removed;
- a request: a new required field or parameter, a field or parameter removed, a type that
  accepts less, an enum narrowed (a value clients send refused);
- a response: a field removed, a type that may now be something else, an enum widened (a
  generated client refuses a value it does not know), a success status removed.
Pure functions over JSON; `contracts/openapi/previous.json` is the last release.
"""

from collections.abc import Iterator
from typing import Any, Literal

Document = dict[str, Any]
Direction = Literal["request", "response"]

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def breaking_changes(previous: Document, current: Document) -> list[str]:
    """Every breaking change from `previous` to `current`, one sentence each, sorted."""
    found: set[str] = set()
    for path, old_item in previous.get("paths", {}).items():
        new_item = current.get("paths", {}).get(path)
        if new_item is None:
            found.add(f"{path}: path removed")
            continue
        for method in _METHODS:
            if method not in old_item:
                continue
            where = f"{method.upper()} {path}"
            if method not in new_item:
                found.add(f"{where}: operation removed")
                continue
            found.update(_operation(where, old_item[method], new_item[method],
                                    previous, current))
    return sorted(found)


def _operation(
    where: str, old: Document, new: Document, old_doc: Document, new_doc: Document
) -> Iterator[str]:
    old_params = {_param_key(p, old_doc): _resolve(p, old_doc)
                  for p in old.get("parameters", [])}
    new_params = {_param_key(p, new_doc): _resolve(p, new_doc)
                  for p in new.get("parameters", [])}
    for key, param in new_params.items():
        label = f"{where}: {key[0]} parameter {key[1]}"
        if key not in old_params:
            if param.get("required"):
                yield f"{label}: new required parameter"
            continue
        if param.get("required") and not old_params[key].get("required"):
            yield f"{label}: now required"
        yield from _schema(label, old_params[key].get("schema", {}),
                           param.get("schema", {}), old_doc, new_doc, "request", set())
    for key in old_params.keys() - new_params.keys():
        yield f"{where}: {key[0]} parameter {key[1]}: removed"

    old_body = _resolve(old.get("requestBody", {}), old_doc)
    new_body = _resolve(new.get("requestBody", {}), new_doc)
    if new_body.get("required") and not old_body and new_body:
        yield f"{where}: request body now required"
    for media, content in old_body.get("content", {}).items():
        new_content = new_body.get("content", {}).get(media)
        label = f"{where}: request body ({media})"
        if new_content is None:
            yield f"{label}: media type no longer accepted"
            continue
        yield from _schema(label, content.get("schema", {}), new_content.get("schema", {}),
                           old_doc, new_doc, "request", set())

    new_responses = new.get("responses", {})
    for status, response in old.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        label = f"{where}: response {status}"
        if status not in new_responses:
            yield f"{label}: status removed"
            continue
        response = _resolve(response, old_doc)
        new_response = _resolve(new_responses[status], new_doc)
        for media, content in response.get("content", {}).items():
            new_content = new_response.get("content", {}).get(media)
            if new_content is None:
                yield f"{label} ({media}): media type no longer sent"
                continue
            yield from _schema(f"{label} ({media})", content.get("schema", {}),
                               new_content.get("schema", {}), old_doc, new_doc, "response",
                               set())


def _param_key(param: Document, document: Document) -> tuple[str, str]:
    resolved = _resolve(param, document)
    name = str(resolved.get("name", ""))
    location = str(resolved.get("in", ""))
    # Header names are case-insensitive.
    return location, name.lower() if location == "header" else name


def _schema(
    where: str, old: Any, new: Any, old_doc: Document, new_doc: Document,
    direction: Direction, seen: set[tuple[str, str]],
) -> Iterator[str]:
    if not isinstance(old, dict) or not isinstance(new, dict):
        return
    pair = (str(old.get("$ref", id(old))), str(new.get("$ref", id(new))))
    if "$ref" in old and "$ref" in new:
        if pair in seen:
            return  # a recursive schema, compared already on this branch
        seen = seen | {pair}
    old, new = _resolve(old, old_doc), _resolve(new, new_doc)
    old_single, new_single = _single(old, old_doc), _single(new, new_doc)
    if old_single is not old or new_single is not new:
        yield from _schema(where, old_single, new_single, old_doc, new_doc, direction, seen)

    old_types, new_types = _types(old, old_doc), _types(new, new_doc)
    if old_types and new_types:
        if direction == "request" and not old_types <= new_types:
            yield f"{where}: type {_show(old_types)} → {_show(new_types)} accepts less"
        if direction == "response" and not new_types <= old_types:
            yield f"{where}: type {_show(old_types)} → {_show(new_types)} may send other types"

    old_enum, new_enum = _enum(old, old_doc), _enum(new, new_doc)
    if old_enum is not None and new_enum is not None:
        if direction == "request" and old_enum - new_enum:
            yield f"{where}: enum narrowed, {_show(old_enum - new_enum)} refused"
        if direction == "response" and new_enum - old_enum:
            yield f"{where}: enum widened, {_show(new_enum - old_enum)} may be sent"
    elif direction == "request" and new_enum is not None and old_enum is None and old_types:
        yield f"{where}: now limited to the enum {_show(new_enum)}"

    old_props = _properties(old, old_doc)
    new_props = _properties(new, new_doc)
    old_required = _required(old, old_doc)
    new_required = _required(new, new_doc)
    for name, schema in old_props.items():
        label = f"{where}.{name}"
        if name not in new_props:
            yield f"{label}: field removed"
            continue
        if direction == "response" and name in old_required and name not in new_required:
            yield f"{label}: no longer always sent"
        yield from _schema(label, schema, new_props[name], old_doc, new_doc, direction, seen)
    if direction == "request":
        for name in new_required - old_required:
            yield f"{where}.{name}: new required field"

    if "items" in old and "items" in new:
        yield from _schema(f"{where}[]", old["items"], new["items"], old_doc, new_doc,
                           direction, seen)


def _resolve(node: Any, document: Document) -> Any:
    """`node` with its `$ref` chain followed (local references only)."""
    hops = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and hops < 32:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node, hops = target, hops + 1
    return node


def _single(schema: Document, document: Document) -> Document:
    """The one non-null member of an `anyOf`/`oneOf` (FastAPI's `X | None`), or itself."""
    for key in ("anyOf", "oneOf"):
        members = [_resolve(m, document) for m in schema.get(key, [])]
        real = [m for m in members if m.get("type") != "null"]
        if len(real) == 1:
            return real[0]  # type: ignore[no-any-return]
    if len(schema.get("allOf", [])) == 1:
        return _resolve(schema["allOf"][0], document)  # type: ignore[no-any-return]
    return schema


def _types(schema: Document, document: Document) -> frozenset[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        types = {kind}
    elif isinstance(kind, list):
        types = {str(k) for k in kind}
    else:
        types = set()
    for key in ("anyOf", "oneOf"):
        for member in schema.get(key, []):
            member = _resolve(member, document)
            member_types = _types(member, document)
            if not member_types:
                return frozenset()  # a member of unknown type: accepts anything
            types |= member_types
    if "const" in schema and not types:
        types.add(type(schema["const"]).__name__)
    return frozenset(types)


def _enum(schema: Document, document: Document) -> frozenset[str] | None:
    if "enum" in schema:
        return frozenset(str(v) for v in schema["enum"])
    if "const" in schema:
        return frozenset({str(schema["const"])})
    values: set[str] = set()
    found = False
    for key in ("anyOf", "oneOf"):
        for member in schema.get(key, []):
            member = _resolve(member, document)
            if member.get("type") == "null":
                continue
            inner = _enum(member, document)
            if inner is None:
                return None
            values |= inner
            found = True
    return frozenset(values) if found else None


def _properties(schema: Document, document: Document) -> dict[str, Any]:
    props: dict[str, Any] = dict(schema.get("properties", {}))
    for member in schema.get("allOf", []):
        props.update(_properties(_resolve(member, document), document))
    return props


def _required(schema: Document, document: Document) -> set[str]:
    required = set(schema.get("required", []))
    for member in schema.get("allOf", []):
        required |= _required(_resolve(member, document), document)
    return required


def _show(values: frozenset[str]) -> str:
    return "/".join(sorted(values))
