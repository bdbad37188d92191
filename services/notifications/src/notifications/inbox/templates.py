"""Who hears of each event, and what they read: plain data and functions, no I/O."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Recipient = tuple[str, str]  # (kind, id): user, enterprise, society, committee, secretariat


@dataclass(frozen=True)
class Template:
    title_zh: str
    title_en: str
    recipients: Callable[[Mapping[str, Any]], list[Recipient]]


def _applicant(data: Mapping[str, Any]) -> list[Recipient]:
    return [("user", str(data["applicant_id"]))]


def _applicant_and_society(data: Mapping[str, Any]) -> list[Recipient]:
    return [*_applicant(data), ("society", str(data["society_code"]))]


def _enterprise(data: Mapping[str, Any]) -> list[Recipient]:
    return [("enterprise", str(data["enterprise_id"]))]


TEMPLATES: dict[str, Template] = {
    "recommendation.received": Template(
        "已收到{enterprise_name}的推荐（{candidate_count}人）",
        "Recommendation of {candidate_count} engineer(s) received from {enterprise_name}",
        lambda d: [*_enterprise(d), ("committee", "all")],
    ),
    "recommendation.screened": Template(
        "{candidate_name}的初筛结果：{decision}",
        "Pre-screening of {candidate_name}: {decision}",
        _enterprise,
    ),
    "application.submitted": Template(
        "工程会员申请已提交", "Application submitted", _applicant_and_society,
    ),
    "application.returned": Template(
        "申请被退回，请于 {resubmit_by} 前修改后重新提交：{reasons}",
        "Application returned; correct and resubmit by {resubmit_by}: {reasons}", _applicant,
    ),
    "application.lapsed": Template(
        "申请未在期限内重新提交，已失效", "Application lapsed: not resubmitted in time",
        _applicant_and_society,
    ),
    "application.supplement_submitted": Template(
        "补充材料已提交（第 {round} 轮）", "Supplementary material submitted (round {round})",
        _applicant_and_society,
    ),
    "application.accepted": Template(
        "申请已通过初审，进入评价", "Application accepted in the formal check",
        _applicant_and_society,
    ),
    "evaluation.case_opened": Template(
        "评价已开始，截止日期 {deadline}", "Evaluation opened, due by {deadline}",
        _applicant_and_society,
    ),
    "evaluation.panel_assigned": Template(
        "评审专家组已确定", "Examiner panel assigned", lambda d: [("society", d["society_code"])],
    ),
    "evaluation.supplement_requested": Template(
        "请在 {deadline} 前补充材料：{requests}",
        "Please add supplementary material by {deadline}: {requests}", _applicant,
    ),
    "evaluation.notice_published": Template(
        "评价结果公示至 {notice_until}", "On public notice until {notice_until}",
        _applicant_and_society,
    ),
    "evaluation.decided": Template(
        "综合审议结果：{outcome}", "Evaluation decision: {outcome}", _applicant,
    ),
    "evaluation.approved": Template(
        "评价通过并完成公示，进入注册", "Evaluation approved for registration",
        _applicant_and_society,
    ),
    "certificate.issued": Template(
        "工程会员证书已颁发，编号 {certificate_number}",
        "Certificate {certificate_number} issued", _applicant_and_society,
    ),
    "member.barred": Template(
        "已被终身禁止申请：{reason}", "Barred for life: {reason}",
        lambda d: [("user", str(d["applicant_id"])), ("secretariat", "all")],
    ),
    "cpd.ledger_opened": Template(
        "继续职业发展记录已开通：每年 {required_hours_per_year} 学时",
        "CPD ledger opened: {required_hours_per_year} hours a year", _applicant,
    ),
}


def render(event_type: str, data: Mapping[str, Any]) -> tuple[str, str, list[Recipient]]:
    """Titles in Chinese and English and the recipients; unknown types go to the secretariat."""
    template = TEMPLATES.get(event_type)
    if template is None:
        return (f"事件 {event_type}", f"Event {event_type}", [("secretariat", "all")])
    return (
        template.title_zh.format_map(data),
        template.title_en.format_map(data),
        template.recipients(data),
    )
