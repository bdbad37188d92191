"""Rendering the catalogue's copy for one event: Jinja2 over the event's data, no I/O."""

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from jinja2 import Environment, StrictUndefined, Template

from notifications.messages import words
from notifications.messages.catalogue import CATALOGUE, REMINDERS, UNKNOWN, Copy, Recipient
from notifications.messages.words import Language

REMINDER_EVENT = "reminder.due"
# The kind of a message about an event type the catalogue has no copy for (its `event_type`
# says which): the secretariat's notice that something new arrived.
UNKNOWN_KIND = "unknown"
# Every word a message's `kind` takes: the event types with copy, each reminder, and unknown.
KINDS: tuple[str, ...] = (
    *sorted(CATALOGUE), *(f"reminder.{kind}" for kind in sorted(REMINDERS)), UNKNOWN_KIND)


@dataclass(frozen=True)
class RenderedMessage:
    recipient: Recipient
    # What the inbox filters on: the event type, `reminder.<kind>` for a reminder, or `unknown`
    # (one of KINDS).
    kind: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    link: str | None
    due_on: date | None

    def title(self, language: Language) -> str:
        return self.title_zh if language == "zh" else self.title_en

    def body(self, language: Language) -> str:
        return self.body_zh if language == "zh" else self.body_en


# Plain text: the copy is read in the inbox and in the text part of an e-mail; the HTML
# part escapes it when it lays it out.
_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


@functools.cache
def _template(source: str) -> Template:
    return _ENV.from_string(source)


def _helpers(language: Language) -> dict[str, Any]:
    return {
        "w": lambda category, value: words.word(category, value, language),
        "d": lambda value: words.format_date(value, language),
        "dt": lambda value: words.format_moment(value, language),
        "society": lambda code: words.society_name(code, language),
        "field": lambda code: words.field_name(code, language),
    }


def _text(source: str, data: Mapping[str, Any], language: Language) -> str:
    return _template(source).render({**data, **_helpers(language)}).strip()


def _due(copy: Copy, data: Mapping[str, Any]) -> date | None:
    if copy.due is None or not data.get(copy.due):
        return None
    return words.china_day(data[copy.due])


def _link(copy: Copy, data: Mapping[str, Any]) -> str | None:
    return copy.link.format_map(data) if copy.link else None


def render_copy(copy: Copy, data: Mapping[str, Any], recipient: Recipient, kind: str
                ) -> RenderedMessage:
    return RenderedMessage(
        recipient=recipient,
        kind=kind,
        title_zh=_text(copy.title_zh, data, "zh"),
        title_en=_text(copy.title_en, data, "en"),
        body_zh=_text(copy.body_zh, data, "zh"),
        body_en=_text(copy.body_en, data, "en"),
        link=_link(copy, data),
        due_on=_due(copy, data),
    )


def reminder_recipients(data: Mapping[str, Any]) -> list[Recipient]:
    """A reminder goes to the person who must act, else to their society's staff."""
    if data.get("recipient_subject"):
        return [("user", str(data["recipient_subject"]))]
    if data.get("society_code"):
        return [("society", str(data["society_code"]))]
    return [("secretariat", "all")]


def render_event(event_type: str, data: Mapping[str, Any]) -> list[RenderedMessage]:
    """Every recipient's message for one event, each recipient once; an event type without
    copy reaches the secretariat, so nothing new goes unnoticed."""
    messages: list[RenderedMessage] = []
    seen: set[Recipient] = set()
    deadline = data.get("deadline")
    if not data.get("last_day") and isinstance(deadline, str) and "T" in deadline:
        # A deadline instant (the end of a China day), without the day itself in the event:
        # people read the day it closes.
        data = {**data, "last_day": words.last_day_of(data["deadline"]).isoformat()}
    if event_type == REMINDER_EVENT:
        copy = REMINDERS[str(data["kind"])]
        kind = f"reminder.{data['kind']}"
        plan = [(recipient, copy) for recipient in reminder_recipients(data)]
    elif event_type in CATALOGUE:
        kind = event_type
        plan = [(recipient, message.copy) for message in CATALOGUE[event_type]
                for recipient in message.audience(data)]
    else:
        kind = UNKNOWN_KIND
        plan = [(("secretariat", "all"), UNKNOWN)]
        data = {"event_type": event_type}
    for recipient, copy in plan:
        if recipient in seen:
            continue
        seen.add(recipient)
        messages.append(render_copy(copy, data, recipient, kind))
    return messages
