"""The catalogue of problem types: every `type` a problem of the platform can carry, with its
status and bilingual title, so `/problems/{slug}` (served by the gateway) explains each one.

Built at `make contract` time by walking every `kit.errors.ProblemError` subclass in the kit,
the gateway and every service (imported here only: this generator is the one place allowed to
look upward), plus the types the framework layer sends without a class (`http-NNN` of
routing and the gateway's nginx, `internal-error`). The gateway reads the committed
`problems.json` beside this module; it never imports a service.
"""

import importlib
import inspect
import json
import pkgutil
from functools import cache
from importlib.resources import files
from typing import Any

from kit.errors import TYPE_BASE, ProblemError

CATALOGUE_FILE = "problems.json"
PACKAGES = ("kit", "gateway", "applications", "evaluation", "registry", "cpd", "notifications",
            "oversight")
# Modules that are not imported to find error classes: scripts and database migrations.
_SKIP = (".migrations", ".__main__", ".tests")

# Types sent by the framework layer, not from a ProblemError class: (status, title).
FRAMEWORK: dict[str, tuple[int, str]] = {
    "http-400": (400, "请求无法解析 / Malformed request"),
    "http-404": (404, "未找到 / Not found"),
    "http-405": (405, "不支持的方法 / Method not allowed"),
    "http-413": (413, "请求体过大 / Payload too large"),
    "http-415": (415, "不支持的媒体类型 / Unsupported media type"),
    "http-429": (429, "请求过于频繁 / Too many requests"),
    "http-500": (500, "网关内部错误 / Internal gateway error"),
    "http-502": (502, "服务暂不可用 / Bad gateway"),
    "http-503": (503, "服务暂时不可用 / Service temporarily unavailable"),
    "http-504": (504, "服务响应超时 / Gateway timeout"),
    "internal-error": (500, "服务器内部错误 / Internal server error"),
}


def _import_all(package: str) -> None:
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if not any(part in module.name for part in _SKIP):
            importlib.import_module(module.name)


def _subclasses(cls: type[ProblemError]) -> list[type[ProblemError]]:
    found: list[type[ProblemError]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def _owner(cls: type) -> str:
    package = cls.__module__.split(".", 1)[0]
    return "identity" if package == "gateway" else package


def _explanation(cls: type) -> str:
    # Its own docstring only: an inherited one describes the parent, said on the parent's page.
    doc = vars(cls).get("__doc__")
    return " ".join(inspect.cleandoc(doc).split()) if doc else ""


def build() -> dict[str, Any]:
    """The catalogue from the code as it is now."""
    for package in PACKAGES:
        _import_all(package)
    entries: dict[str, dict[str, Any]] = {}
    classes: list[type[ProblemError]] = [ProblemError, *_subclasses(ProblemError)]
    for cls in classes:
        entry = entries.setdefault(cls.type_slug, {
            "slug": cls.type_slug, "status": cls.status, "title": cls.title,
            "explanation": "", "services": [], "classes": []})
        entry["classes"].append(f"{cls.__module__}.{cls.__qualname__}")
        entry["services"].append(_owner(cls))
        entry["explanation"] = entry["explanation"] or _explanation(cls)
    for slug, (status, title) in FRAMEWORK.items():
        entries.setdefault(slug, {"slug": slug, "status": status, "title": title,
                                  "explanation": "", "services": ["kit"], "classes": []})
    for entry in entries.values():
        entry["services"] = sorted(set(entry["services"]))
        entry["classes"] = sorted(set(entry["classes"]))
    return {"type_base": TYPE_BASE, "problems": [entries[s] for s in sorted(entries)]}


def render(catalogue: dict[str, Any]) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n"


@cache
def load() -> dict[str, dict[str, Any]]:
    """The committed catalogue, by slug."""
    text = (files("cse_contracts") / CATALOGUE_FILE).read_text(encoding="utf-8")
    return {entry["slug"]: entry for entry in json.loads(text)["problems"]}
