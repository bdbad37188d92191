"""The words people read: every event in both languages, never mixed. No database."""

import re
import types
import typing
import uuid
from datetime import UTC, date, datetime
from typing import Any, Literal

import pytest
from cse_contracts.events import (
    ALL_EVENTS,
    ApplicationReturned,
    EvaluationDecided,
    RecommendationScreened,
    ReminderDue,
)
from kit.events import EventData
from notifications.messages import words
from notifications.messages.catalogue import CATALOGUE, REMINDERS
from notifications.messages.render import KINDS, render_copy, render_event
from pydantic import BaseModel


def sample_value(annotation: Any, text: str) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        return args[0]
    if origin in (typing.Union, types.UnionType):
        return sample_value(next(a for a in args if a is not type(None)), text)
    if origin is list:
        return [sample_value(args[0], text)]
    if origin is dict:
        return {}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return sample(annotation, text)
    simple: dict[Any, Any] = {
        str: text, uuid.UUID: str(uuid.uuid4()), int: 2, float: 12.5, bool: False,
        date: "2026-12-15", datetime: datetime(2026, 12, 15, 10, 0, tzinfo=UTC).isoformat(),
    }
    return simple[annotation]


def sample(model: type[BaseModel], text: str = "sample") -> dict[str, Any]:
    return {name: sample_value(field.annotation, text)
            for name, field in model.model_fields.items()}


def event_sample(model: type[EventData], text: str = "sample") -> dict[str, Any]:
    data = sample(model, text)
    return model.model_validate(data).model_dump(mode="json")


MAIL_ONLY = {"evaluation.objection_resolved"}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _literal_values(model: type[EventData]) -> set[str]:
    values: set[str] = set()
    for field in model.model_fields.values():
        if typing.get_origin(field.annotation) is Literal:
            values |= {str(v) for v in typing.get_args(field.annotation)}
    return values


def test_every_contract_event_has_copy() -> None:
    assert {e.event_type for e in ALL_EVENTS} - {"reminder.due"} <= set(CATALOGUE)


def test_every_reminder_kind_has_copy() -> None:
    kind = ReminderDue.model_fields["kind"].annotation
    assert set(typing.get_args(kind)) == set(REMINDERS)


@pytest.mark.parametrize("model", ALL_EVENTS, ids=lambda m: m.event_type)
def test_each_language_reads_in_that_language_only(model: type[EventData]) -> None:
    data = event_sample(model)
    messages = render_event(model.event_type, data)
    if model.event_type in MAIL_ONLY:  # people without an account: the e-mail they left
        assert not messages
        messages = [render_copy(m.copy, data, ("email", "-"), model.event_type)
                    for m in CATALOGUE[model.event_type]]
    assert messages, f"{model.event_type} reaches nobody"
    codes = _literal_values(model)
    for message in messages:
        for text in (message.title_zh, message.body_zh):
            assert CJK.search(text), text
            leaked = {c for c in codes if re.search(rf"(?<![a-z_]){c}(?![a-z_])", text)}
            assert not leaked, f"code {leaked} shown as is in {text!r}"
        for text in (message.title_en, message.body_en):
            assert not CJK.search(text), f"Chinese in the English copy: {text!r}"
        assert "\n" not in message.title_zh
        assert "\n" not in message.title_en
        assert message.kind in KINDS


@pytest.mark.parametrize("kind", sorted(REMINDERS))
def test_each_reminder_reads_in_one_language(kind: str) -> None:
    data = {**event_sample(ReminderDue), "kind": kind, "recipient_subject": "u-1"}
    [message] = render_event("reminder.due", data)
    assert message.kind == f"reminder.{kind}"
    assert message.kind in KINDS
    assert CJK.search(message.title_zh)
    assert not CJK.search(message.title_en)
    assert "2026年12月15日" in message.title_zh + message.body_zh
    assert "15 December 2026" in message.title_en + message.body_en


def test_a_fail_carries_its_reasons() -> None:
    data = {**event_sample(EvaluationDecided), "outcome": "failed",
            "reasons": "工程伦理得分低于12分"}
    [message] = render_event("evaluation.decided", data)
    assert message.title_zh == "综合审议结果：未通过"
    assert message.title_en == "Evaluation decision: not passed"
    assert "工程伦理得分低于12分" in message.body_zh
    assert message.recipient == ("user", data["applicant_id"])


def test_a_return_says_what_to_correct_and_by_when_in_china_dates() -> None:
    data = {**event_sample(ApplicationReturned), "reasons": "学历证明不清晰",
            "resubmit_by": "2026-12-15"}
    [message] = render_event("application.returned", data)
    assert "学历证明不清晰" in message.body_zh
    assert "2026年12月15日" in message.title_zh
    assert "15 December 2026" in message.title_en
    assert message.due_on is not None
    assert message.due_on.isoformat() == "2026-12-15"


def test_deadlines_with_an_hour_are_beijing_time() -> None:
    # 20:00 UTC is 04:00 the next day in Beijing.
    assert words.format_moment("2026-12-15T20:00:00+00:00", "zh") == (
        "2026年12月16日 04:00（北京时间）")
    assert words.format_date("2026-12-15T20:00:00+00:00", "en") == "16 December 2026"


def test_screening_reaches_the_enterprise_and_the_assigned_society() -> None:
    data = {**event_sample(RecommendationScreened), "candidate_name": "张三",
            "enterprise_id": "crbc", "society_code": "cces", "decision": "accepted"}
    messages = render_event("recommendation.screened", data)
    assert [m.recipient for m in messages] == [("enterprise", "crbc"), ("society", "cces")]
    assert messages[0].title_zh == "张三的初筛结果：通过初筛"


def test_panel_seats_reach_each_examiner() -> None:
    from cse_contracts.events import EvaluationPanelAssigned

    data = {**event_sample(EvaluationPanelAssigned), "examiner_ids": ["e-1", "e-2"]}
    recipients = [m.recipient for m in render_event("evaluation.panel_assigned", data)]
    assert ("user", "e-1") in recipients
    assert ("user", "e-2") in recipients


def test_unknown_events_reach_the_secretariat() -> None:
    [message] = render_event("something.new", {})
    assert message.recipient == ("secretariat", "all")
    # A word the published `kind` enum has; the inbox row's event_type says which type came.
    assert message.kind == "unknown"


def test_reminders_use_what_the_owner_of_the_deadline_knows() -> None:
    base = {**event_sample(ReminderDue), "recipient_subject": "u-1"}
    [review] = render_event("reminder.due", {**base, "kind": "review_due", "details": {
        "round": "2", "applicant_name": "张三"}})
    assert review.body_zh.startswith("您负责的张三的申请（第2轮）材料审查尚未完成")
    assert "round 2" in review.body_en
    [cpd] = render_event("reminder.due", {**base, "kind": "cpd_behind_pace", "details": {
        "required_hours": "50.0", "credited_hours": "12.0", "expected_hours": "30.0"}})
    assert "已认定12.0学时，按进度应有30.0学时，全年要求50.0学时" in cpd.body_zh
    [supplement] = render_event("reminder.due", {**base, "kind": "supplement_due", "details": {
        "round": "1", "deadline": "2026-12-15T16:00:00+00:00"}})
    assert "截止日期为2026年12月15日（当天结束前）" in supplement.body_zh
    assert "by the end of 15 December 2026" in supplement.body_en


def test_a_supplement_deadline_reads_as_its_last_day() -> None:
    from cse_contracts.events import EvaluationSupplementRequested

    # The end of 15 December in Beijing is 16:00 UTC that day.
    data = {**event_sample(EvaluationSupplementRequested), "last_day": None,
            "deadline": "2026-12-15T16:00:00+00:00"}
    [message] = render_event("evaluation.supplement_requested", data)
    assert message.title_zh == "请于2026年12月15日前补充材料"
    assert message.title_en == "Please add supplementary material by 15 December 2026"
    assert message.due_on is not None
    assert message.due_on.isoformat() == "2026-12-15"


def test_a_supplement_reminder_links_to_the_application() -> None:
    data = {**event_sample(ReminderDue), "kind": "supplement_due", "recipient_subject": "u-1",
            "subject_kind": "application", "subject_id": "app-123"}
    [message] = render_event("reminder.due", data)
    assert message.link == "/v1/applications/app-123"
    assert message.due_on is not None
