"""Itemised errors in the one shape every service answers (kit's ProblemErrorItem)."""

from collections.abc import Sequence


def items(code: str, messages: Sequence[str], *, location: Sequence[str] | None = None
          ) -> list[dict[str, str | list[str]]]:
    """One item per bilingual message ("中文 / English"), each with the same `code` and, when
    given, `location` (where in the request)."""
    result: list[dict[str, str | list[str]]] = []
    for message in messages:
        zh, _, en = message.partition(" / ")
        item: dict[str, str | list[str]] = {
            "code": code, "message_zh": zh.strip(), "message_en": (en or zh).strip()}
        if location is not None:
            item["location"] = list(location)
        result.append(item)
    return result
