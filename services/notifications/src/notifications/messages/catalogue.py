"""Who hears of each event and what each of them reads: plain data, no I/O.

Each event type lists its audiences; each audience has its own copy in Chinese and English
(Jinja2 sources rendered by `messages.render`): what happened, what to do and by when.
Inside the copy: `w(category, value)` words for codes, `d(date)` and `dt(moment)` China dates,
`society(code)` and `field(code)` names.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# (kind, id): user (a person's subject: applicant, examiner), enterprise, society, committee,
# secretariat, supervision, partner (organisation code).
Recipient = tuple[str, str]
Audience = Callable[[Mapping[str, Any]], list[Recipient]]


@dataclass(frozen=True)
class Copy:
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    # A path under the platform's public address, formatted with the event's data.
    link: str | None = None
    # The data field holding the date the recipient must act by, if any.
    due: str | None = None


@dataclass(frozen=True)
class Message:
    audience: Audience
    copy: Copy


def applicant(data: Mapping[str, Any]) -> list[Recipient]:
    return [("user", str(data["applicant_id"]))]


def society(data: Mapping[str, Any]) -> list[Recipient]:
    code = data.get("society_code")
    return [("society", str(code))] if code else []


def enterprise(data: Mapping[str, Any]) -> list[Recipient]:
    return [("enterprise", str(data["enterprise_id"]))]


def recommending_enterprise(data: Mapping[str, Any]) -> list[Recipient]:
    # Added to the data by the handler from the service's own record of recommendations
    # (the event names the enterprise, not its account).
    code = data.get("recommended_by")
    return [("enterprise", str(code))] if code else []


def examiners(data: Mapping[str, Any]) -> list[Recipient]:
    return [("user", str(subject)) for subject in data.get("examiner_ids", [])]


def complainant(data: Mapping[str, Any]) -> list[Recipient]:
    subject = data.get("complainant_subject")
    return [("user", str(subject))] if subject else []


def nobody(data: Mapping[str, Any]) -> list[Recipient]:
    """For a person without an account (a public objector): no inbox, only the e-mail they
    left (see mail.service.enqueue)."""
    return []


def supervision(data: Mapping[str, Any]) -> list[Recipient]:
    return [("supervision", "all")]


def partner(data: Mapping[str, Any]) -> list[Recipient]:
    return [("partner", str(data["partner_code"]))]


def examiner(data: Mapping[str, Any]) -> list[Recipient]:
    return [("user", str(data["examiner_id"]))]


def pilot_units(data: Mapping[str, Any]) -> list[Recipient]:
    return [("society", str(unit)) for unit in data.get("units", [])]


def webhook_owner(data: Mapping[str, Any]) -> list[Recipient]:
    # The organisation's inbox, which the client that owns the subscription reads too.
    return [(str(data["scope_kind"]), str(data["scope_id"]))]


def course_publishers(data: Mapping[str, Any]) -> list[Recipient]:
    recipients: list[Recipient] = [("provider", str(data["provider_code"]))]
    if data.get("publisher") and data["publisher"] != "cse":
        recipients.append(("society", str(data["publisher"])))
    return recipients


def panel(data: Mapping[str, Any]) -> list[Recipient]:
    # Added by the handler from the service's own record of each case's announced panel.
    return [("user", str(subject)) for subject in data.get("panel", [])]


def committee(data: Mapping[str, Any]) -> list[Recipient]:
    return [("committee", "all")]


def secretariat(data: Mapping[str, Any]) -> list[Recipient]:
    return [("secretariat", "all")]


APPLICATION_LINK = "/v1/applications/{application_id}"
CERTIFICATE_LINK = "/v1/certificates/{certificate_number}"

CATALOGUE: dict[str, tuple[Message, ...]] = {
    "recommendation.received": (
        Message(enterprise, Copy(
            "已收到贵单位的推荐（{{ candidate_count }}人）",
            "Your recommendation of {{ candidate_count }} engineer(s) was received",
            "工程能力评价委员会已收到{{ enterprise_name }}推荐的 {{ candidate_count }} 名工程师，"
            "将进行初筛。初筛结果会逐人通知贵单位，无需重复提交。",
            "The evaluation committee received {{ enterprise_name }}'s recommendation of "
            "{{ candidate_count }} engineer(s) and will pre-screen them. You will hear the "
            "result for each candidate; there is no need to send it again.",
            link="/v1/recommendations/{recommendation_id}",
        )),
        Message(committee, Copy(
            "新的企业推荐待初筛：{{ enterprise_name }}（{{ candidate_count }}人）",
            "New recommendation to pre-screen: {{ enterprise_name }} "
            "({{ candidate_count }} engineer(s))",
            "{{ enterprise_name }}推荐了 {{ candidate_count }} 名工程师，请进行初筛并分配至相应学"
            "会。",
            "{{ enterprise_name }} recommended {{ candidate_count }} engineer(s). Please "
            "pre-screen them and assign each accepted candidate to a society.",
            link="/v1/recommendations/{recommendation_id}",
        )),
    ),
    "recommendation.screened": (
        Message(enterprise, Copy(
            "{{ candidate_name }}的初筛结果：{{ w('decision', decision) }}",
            "Pre-screening of {{ candidate_name }}: {{ w('decision', decision) }}",
            "{% if decision == 'accepted' %}{{ candidate_name }}已通过工程能力评价委员会的初筛，"
            "由{{ society(society_code) }}负责评价。请通知本人在平台上提交工程会员申请。"
            "{% else %}{{ candidate_name }}未通过初筛。原因：{{ reason or '未说明' }}"
            "{% endif %}",
            "{% if decision == 'accepted' %}{{ candidate_name }} passed the evaluation "
            "committee's pre-screening and will be evaluated by {{ society(society_code) }}. "
            "Please ask them to file their application on the platform."
            "{% else %}{{ candidate_name }} was not accepted in the pre-screening. Reason: "
            "{{ reason or 'not given' }}{% endif %}",
            link="/v1/recommendations/{recommendation_id}",
        )),
        Message(society, Copy(
            "新的推荐候选人分配至本学会：{{ candidate_name }}",
            "A recommended candidate was assigned to your society: {{ candidate_name }}",
            "工程能力评价委员会已将{{ candidate_name }}分配至{{ society(society_code) }}评价。"
            "申请人提交申请后，请及时进行初审。",
            "The evaluation committee assigned {{ candidate_name }} to "
            "{{ society(society_code) }}. Please run the formal check once they apply.",
        )),
    ),
    "application.submitted": (
        Message(applicant, Copy(
            "您的{{ w('level', level) }}申请已提交",
            "Your {{ w('level', level) }} application was submitted",
            "您申请{{ field(field_code) }}领域{{ w('level', level) }}的材料已提交至"
            "{{ society(society_code) }}，学会将进行初审。初审期间无需任何操作，结果会另行通知。",
            "Your application for {{ w('level', level) }} in {{ field(field_code) }} reached "
            "{{ society(society_code) }}, which will run the formal check. Nothing to do "
            "until you hear the result.",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "新的{{ w('level', level) }}申请待初审",
            "New {{ w('level', level) }} application for the formal check",
            "有一份{{ field(field_code) }}领域{{ w('level', level) }}申请已提交，请进行初审。",
            "An application for {{ w('level', level) }} in {{ field(field_code) }} was "
            "submitted. Please run the formal check.",
            link=APPLICATION_LINK,
        )),
    ),
    "application.returned": (
        Message(applicant, Copy(
            "您的申请被退回，请于{{ d(resubmit_by) }}前修改后重新提交",
            "Your application was returned: correct it and resubmit by {{ d(resubmit_by) }}",
            "学会在初审中退回了您的申请。需要修改的内容：\n\n{{ reasons }}\n\n"
            "请在{{ d(resubmit_by) }}前修改并重新提交；逾期未提交，申请将失效。",
            "Your society returned your application in the formal check. What to correct:"
            "\n\n{{ reasons }}\n\nPlease correct it and resubmit by {{ d(resubmit_by) }}; "
            "after that date the application lapses.",
            link=APPLICATION_LINK, due="resubmit_by",
        )),
    ),
    "application.lapsed": (
        Message(applicant, Copy(
            "您的申请因未按期重新提交已失效",
            "Your application lapsed: it was not resubmitted in time",
            "被退回的申请未在期限内重新提交，已失效。如仍希望申请，可在平台上重新发起申请。",
            "Your returned application was not resubmitted within the deadline and has "
            "lapsed. You may start a new application on the platform.",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "一份被退回的申请已失效", "A returned application lapsed",
            "一份被退回的申请未在期限内重新提交，已失效，无需再处理。",
            "A returned application was not resubmitted within the deadline and has lapsed; "
            "nothing more to do.",
            link=APPLICATION_LINK,
        )),
    ),
    "application.supplement_submitted": (
        Message(applicant, Copy(
            "第{{ round }}轮补充材料已提交",
            "Supplementary material (round {{ round }}) submitted",
            "您提交的第{{ round }}轮补充材料（{{ evidence_ids | length }}份）已送交评审专家，"
            "审查结果会另行通知。",
            "Your supplementary material for round {{ round }} "
            "({{ evidence_ids | length }} file(s)) went to the examiners; you will hear the "
            "result.",
            link=APPLICATION_LINK,
        )),
        Message(panel, Copy(
            "请复审：申请人已提交第{{ round }}轮补充材料",
            "Please review again: round {{ round }} supplementary material arrived",
            "您所在评审专家组审查的申请已提交第{{ round }}轮补充材料"
            "（{{ evidence_ids | length }}份）。请查阅并完成复审记录。",
            "The application your panel reviews has round {{ round }} supplementary material "
            "({{ evidence_ids | length }} file(s)). Please read it and complete your "
            "re-review.",
            link="/v1/cases/{case_id}",
        )),
        Message(society, Copy(
            "申请人已提交第{{ round }}轮补充材料",
            "The applicant submitted supplementary material (round {{ round }})",
            "申请人已提交第{{ round }}轮补充材料（{{ evidence_ids | length }}份），请安排评审专家"
            "复审。",
            "The applicant submitted round {{ round }} of supplementary material "
            "({{ evidence_ids | length }} file(s)). Please have the examiners review it.",
            link="/v1/cases/{case_id}",
        )),
    ),
    "application.accepted": (
        Message(applicant, Copy(
            "您的申请已通过初审，进入评价",
            "Your application passed the formal check and goes to evaluation",
            "{{ society(society_code) }}已受理您的{{ w('level', level) }}申请，"
            "即将开始材料审查。材料审查开始后申请不可再修改。",
            "{{ society(society_code) }} accepted your application for "
            "{{ w('level', level) }}; the materials review starts shortly. From then on the "
            "application can no longer be edited.",
            link=APPLICATION_LINK,
        )),
        Message(recommending_enterprise, Copy(
            "贵单位推荐的{{ applicant_name }}的申请已通过初审",
            "The application of {{ applicant_name }}, whom you recommended, passed the "
            "formal check",
            "{{ applicant_name }}的{{ w('level', level) }}申请已由{{ society(society_code) }}受理，"
            "进入评价阶段。",
            "{{ society(society_code) }} accepted {{ applicant_name }}'s application for "
            "{{ w('level', level) }}; it now goes to evaluation.",
        )),
    ),
    "evaluation.case_opened": (
        Message(applicant, Copy(
            "评价已开始，预计于{{ d(deadline) }}前完成",
            "Your evaluation started and is due by {{ d(deadline) }}",
            "{{ society(society_code) }}已开始评价您的申请，应于{{ d(deadline) }}前完成。"
            "如需补充材料，学会会另行通知。",
            "{{ society(society_code) }} started evaluating your application; it is due by "
            "{{ d(deadline) }}. You will be told if supplementary material is needed.",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "新的评价案件，期限{{ d(deadline) }}",
            "New evaluation case, due by {{ d(deadline) }}",
            "一份申请已进入评价，请组建评审专家组，并于{{ d(deadline) }}前完成评价。",
            "An application entered evaluation. Please form its examiner panel and finish "
            "by {{ d(deadline) }}.",
            link="/v1/cases/{case_id}", due="deadline",
        )),
    ),
    "evaluation.panel_assigned": (
        Message(examiners, Copy(
            "您已被选入评审专家组",
            "You have a seat on an examiner panel",
            "{{ society(society_code) }}已将您列入一份申请的评审专家组，您现在可以查阅申请材料。"
            "请按学会要求完成材料审查，并如实记录每项能力的审查意见。",
            "{{ society(society_code) }} seated you on the examiner panel of an application; "
            "you can now read its files. Please complete the materials review as the society "
            "asks, with your comments on each competency.",
            link="/v1/cases/{case_id}",
        )),
        Message(society, Copy(
            "评审专家组已确定（{{ examiner_ids | length }}人）",
            "Examiner panel formed ({{ examiner_ids | length }} examiners)",
            "一份申请的评审专家组已确定，共 {{ examiner_ids | length }} 人，均已声明无利益冲突。",
            "The examiner panel of an application is formed: {{ examiner_ids | length }} "
            "examiners, each of whom declared no conflict of interest.",
            link="/v1/cases/{case_id}",
        )),
    ),
    "evaluation.supplement_requested": (
        Message(applicant, Copy(
            "请于{{ d(last_day) }}前补充材料",
            "Please add supplementary material by {{ d(last_day) }}",
            "评审专家在材料审查中要求您补充以下材料（第{{ round }}轮）：\n\n{{ requests }}\n\n"
            "请在{{ d(last_day) }}（北京时间）当天结束前上传并提交。"
            "逾期未提交，评价将依据现有材料进行。",
            "The examiners ask for supplementary material (round {{ round }}):\n\n"
            "{{ requests }}\n\nPlease upload and submit it by the end of {{ d(last_day) }} "
            "(Beijing time). After that the evaluation goes on with the material you have "
            "already filed.",
            link=APPLICATION_LINK, due="last_day",
        )),
    ),
    "evaluation.supplement_lapsed": (
        Message(applicant, Copy(
            "补充材料已逾期，评价依据现有材料继续",
            "Supplementary material overdue: the evaluation goes on without it",
            "第{{ round }}轮补充材料未在{{ d(last_day) }}前提交。评审专家将依据您已提交的材料"
            "进行第{{ next_round }}轮审查并作出结论，无需再补充。",
            "The round {{ round }} supplementary material was not submitted by "
            "{{ d(last_day) }}. The examiners now conclude on the material you filed, in "
            "review round {{ next_round }}; nothing more can be added.",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "补充材料逾期，案件进入第{{ next_round }}轮审查",
            "Supplement overdue: the case goes to review round {{ next_round }}",
            "申请人未在{{ d(last_day) }}前提交第{{ round }}轮补充材料，请评审专家依据现有材料"
            "进行第{{ next_round }}轮审查。",
            "The applicant did not submit round {{ round }} supplementary material by "
            "{{ d(last_day) }}. Please have the examiners conclude on the material filed, "
            "in review round {{ next_round }}.",
            link="/v1/cases/{case_id}",
        )),
    ),
    "evaluation.decided": (
        Message(applicant, Copy(
            "综合审议结果：{{ w('outcome', outcome) }}",
            "Evaluation decision: {{ w('outcome', outcome) }}",
            "{% if outcome == 'passed' %}{{ society(society_code) }}综合审议通过了您的申请。"
            "接下来将进行公示，公示无异议后办理注册。"
            "{% else %}很遗憾，{{ society(society_code) }}综合审议未通过您的申请。原因："
            "\n\n{{ reasons }}\n\n您可以在以后的批次中再次申请。{% endif %}",
            "{% if outcome == 'passed' %}{{ society(society_code) }}'s deliberation passed "
            "your application. It now goes on public notice, and you are registered once the "
            "notice closes without objection."
            "{% else %}{{ society(society_code) }}'s deliberation did not pass your "
            "application. The reasons:\n\n{{ reasons }}\n\nYou may apply again in a later "
            "batch.{% endif %}",
            link=APPLICATION_LINK,
        )),
    ),
    "evaluation.notice_published": (
        Message(applicant, Copy(
            "您的评价结果公示至{{ d(notice_until) }}",
            "Your result is on public notice until {{ d(notice_until) }}",
            "您的评价结果正在公示，公示期至{{ d(notice_until) }}。公示期间如有异议，学会将进行核实"
            "；"
            "公示结束后办理注册，无需您操作。",
            "Your result is on public notice until {{ d(notice_until) }}. Any objection is "
            "looked into by the society; you are registered after the notice, with nothing "
            "for you to do.",
            link="/v1/public-notices",
        )),
        Message(society, Copy(
            "公示已发布，至{{ d(notice_until) }}",
            "Public notice published, until {{ d(notice_until) }}",
            "一份通过评价的申请已进入公示，公示期至{{ d(notice_until) }}。请在公示期内处理收到的异"
            "议。",
            "A passed case is on public notice until {{ d(notice_until) }}. Please resolve "
            "any objection before it closes.",
            link="/v1/cases/{case_id}", due="notice_until",
        )),
    ),
    "evaluation.approved": (
        Message(applicant, Copy(
            "评价已通过并完成公示，正在办理注册",
            "Evaluation approved: your registration is under way",
            "您的{{ w('level', level) }}评价已通过且公示无异议，正在向联合体办理注册备案，"
            "证书颁发后会另行通知。",
            "Your evaluation for {{ w('level', level) }} is approved and the public notice "
            "closed without objection. Your registration with the CSE is under way; you will "
            "hear when the certificate is issued.",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "{{ applicant_name }}的评价已批准注册",
            "{{ applicant_name }} approved for registration",
            "{{ applicant_name }}（{{ w('level', level) }}，{{ field(field_code) }}）已通过评价和"
            "公示，"
            "正在办理注册备案。",
            "{{ applicant_name }} ({{ w('level', level) }}, {{ field(field_code) }}) cleared "
            "evaluation and public notice; registration is under way.",
        )),
    ),
    "certificate.issued": (
        Message(applicant, Copy(
            "您的工程会员证书已颁发，编号{{ certificate_number }}",
            "Your certificate {{ certificate_number }} was issued",
            "恭喜！您已注册为{{ w('level', level) }}，证书编号{{ certificate_number }}，"
            "有效期自{{ d(valid_from) }}至{{ d(valid_until) }}。有效期内每年需完成继续职业发展学时"
            "，"
            "并在到期前3个月内申请再注册。",
            "Congratulations: you are registered as {{ w('level', level) }}, certificate "
            "{{ certificate_number }}, valid from {{ d(valid_from) }} to "
            "{{ d(valid_until) }}. Complete your CPD hours every year and apply for "
            "re-registration in the 3 months before it expires.",
            link=CERTIFICATE_LINK,
        )),
        Message(society, Copy(
            "证书已颁发：{{ certificate_number }}",
            "Certificate issued: {{ certificate_number }}",
            "{{ w('level', level) }}证书{{ certificate_number }}已颁发，有效期"
            "至{{ d(valid_until) }}。",
            "Certificate {{ certificate_number }} ({{ w('level', level) }}) was issued, valid "
            "until {{ d(valid_until) }}.",
            link=CERTIFICATE_LINK,
        )),
    ),
    "member.barred": (
        Message(applicant, Copy(
            "您已被终身禁止申请工程会员",
            "You are barred for life from engineering membership",
            "因以下原因，您已被终身禁止申请工程会员，您持有的证书均已撤销：\n\n{{ reason }}\n\n"
            "如有异议，可向标准与质量监督委员会提出书面意见。",
            "For the following reason you are barred for life from engineering membership, "
            "and any certificate you hold is revoked:\n\n{{ reason }}\n\nYou may write to "
            "the standards and quality supervision committee if you disagree.",
        )),
        Message(secretariat, Copy(
            "一名申请人已被终身禁止申请", "An applicant was barred for life",
            "一名申请人已被终身禁止申请，原因：{{ reason }}",
            "An applicant was barred for life. Reason: {{ reason }}",
        )),
    ),
    "cpd.ledger_opened": (
        Message(applicant, Copy(
            "继续职业发展记录已开通：每年{{ required_hours_per_year }}学时",
            "Your CPD record is open: {{ required_hours_per_year }} hours a year",
            "证书{{ certificate_number }}的继续职业发展记录已开通。有效期内每年需完成"
            "{{ required_hours_per_year }}学时（每学时不少于45分钟），请及时登记活动并保存证明材料"
            "。",
            "The CPD record of certificate {{ certificate_number }} is open. Each year of its "
            "validity you need {{ required_hours_per_year }} hours (an hour is at least 45 "
            "minutes); record your activities and keep their evidence.",
            link="/v1/cpd",
        )),
    ),
    "certificate.status_changed": (
        Message(applicant, Copy(
            "您的证书{{ certificate_number }}状态变更为：{{ w('certificate_status', status) }}",
            "Your certificate {{ certificate_number }} is now "
            "{{ w('certificate_status', status) }}",
            "自{{ d(effective_on) }}起，证书{{ certificate_number }}的状态由"
            "{{ w('certificate_status', previous_status) }}变更为"
            "{{ w('certificate_status', status) }}。原因：{{ reason or '未说明' }}"
            "{% if status == 'suspended' %}\n\n请与所属学会联系，了解恢复证书的条件。{% endif %}",
            "From {{ d(effective_on) }} certificate {{ certificate_number }} changed from "
            "{{ w('certificate_status', previous_status) }} to "
            "{{ w('certificate_status', status) }}. Reason: {{ reason or 'not given' }}"
            "{% if status == 'suspended' %}\n\nPlease contact your society to learn what "
            "restores it.{% endif %}",
            link=CERTIFICATE_LINK,
        )),
        Message(society, Copy(
            "证书{{ certificate_number }}状态变更为：{{ w('certificate_status', status) }}",
            "Certificate {{ certificate_number }} is now {{ w('certificate_status', status) }}",
            "自{{ d(effective_on) }}起，证书{{ certificate_number }}由"
            "{{ w('certificate_status', previous_status) }}变更为"
            "{{ w('certificate_status', status) }}。原因：{{ reason or '未说明' }}",
            "From {{ d(effective_on) }} certificate {{ certificate_number }} changed from "
            "{{ w('certificate_status', previous_status) }} to "
            "{{ w('certificate_status', status) }}. Reason: {{ reason or 'not given' }}",
            link=CERTIFICATE_LINK,
        )),
    ),
    "certificate.renewed": (
        Message(applicant, Copy(
            "再注册完成，证书{{ certificate_number }}有效期至{{ d(valid_until) }}",
            "Re-registered: certificate {{ certificate_number }} valid until "
            "{{ d(valid_until) }}",
            "您已完成再注册，证书编号不变（{{ certificate_number }}），新的有效期自"
            "{{ d(valid_from) }}至{{ d(valid_until) }}。",
            "You are re-registered with the same number ({{ certificate_number }}); the new "
            "validity runs from {{ d(valid_from) }} to {{ d(valid_until) }}.",
            link=CERTIFICATE_LINK,
        )),
        Message(society, Copy(
            "证书{{ certificate_number }}已再注册",
            "Certificate {{ certificate_number }} re-registered",
            "证书{{ certificate_number }}已再注册，有效期至{{ d(valid_until) }}。",
            "Certificate {{ certificate_number }} was re-registered, valid until "
            "{{ d(valid_until) }}.",
            link=CERTIFICATE_LINK,
        )),
    ),
    "cpd.compliance_changed": (
        Message(applicant, Copy(
            "继续职业发展学时：{{ w('compliant', compliant) }}",
            "CPD hours: {{ w('compliant', compliant) }}",
            "证书{{ certificate_number }}有效期（{{ d(period_start) }}至{{ d(period_end) }}）内要求"
            "{{ required_hours }}学时，已认定{{ credited_hours }}学时"
            "{% if deferred_hours %}，缓办{{ deferred_hours }}学时{% endif %}。"
            "{% if compliant %}已满足再注册的学时要求。{% else %}尚缺{{ shortfall_hours }}学时，"
            "请在{{ d(period_end) }}前补足，否则无法再注册。{% endif %}",
            "Certificate {{ certificate_number }} needs {{ required_hours }} CPD hours over "
            "its validity ({{ d(period_start) }} to {{ d(period_end) }}); "
            "{{ credited_hours }} are credited{% if deferred_hours %} and "
            "{{ deferred_hours }} deferred{% endif %}. {% if compliant %}That meets the "
            "requirement for re-registration.{% else %}{{ shortfall_hours }} hours are still "
            "missing: complete them by {{ d(period_end) }} or re-registration will be "
            "refused.{% endif %}",
            link="/v1/cpd", due="period_end",
        )),
    ),
    "evaluation.withdrawn": (
        Message(applicant, Copy(
            "您的评价已终止", "Your evaluation was closed without a decision",
            "您的评价案件已终止，不作结论。原因：{{ reason }}",
            "Your evaluation case was closed without a decision. Reason: {{ reason }}",
            link=APPLICATION_LINK,
        )),
        Message(society, Copy(
            "一份评价案件已终止", "An evaluation case was closed without a decision",
            "一份评价案件因申请人被终身禁止申请而终止，不再需要评审。原因：{{ reason }}",
            "An evaluation case was closed because the applicant was barred for life; no "
            "further review is needed. Reason: {{ reason }}",
            link="/v1/cases/{case_id}",
        )),
    ),
    "complaint.received": (
        Message(supervision, Copy(
            "收到新的{{ w('complaint_kind', kind) }}：{{ tracking_code }}",
            "New {{ w('complaint_kind', kind) }} received: {{ tracking_code }}",
            "标准与质量监督委员会收到一件关于{{ w('complaint_about', about_kind) }}的"
            "{{ w('complaint_kind', kind) }}（编号{{ tracking_code }}）"
            "{% if society_code %}，涉及{{ society(society_code) }}{% endif %}。请进行调查并答复。",
            "The standards and quality supervision committee received a "
            "{{ w('complaint_kind', kind) }} about {{ w('complaint_about', about_kind) }} "
            "(reference {{ tracking_code }}){% if society_code %} concerning "
            "{{ society(society_code) }}{% endif %}. Please investigate and answer it.",
            link="/v1/complaints/{complaint_id}",
        )),
        Message(complainant, Copy(
            "您的{{ w('complaint_kind', kind) }}已收到：{{ tracking_code }}",
            "Your {{ w('complaint_kind', kind) }} was received: {{ tracking_code }}",
            "标准与质量监督委员会已收到您的{{ w('complaint_kind', kind) }}，编"
            "号{{ tracking_code }}。"
            "调查后将答复您，请保留此编号以便查询。",
            "The standards and quality supervision committee received your "
            "{{ w('complaint_kind', kind) }}, reference {{ tracking_code }}. It will answer "
            "you after looking into it; keep the reference to follow it up.",
        )),
    ),
    "complaint.statement_requested": (
        Message(society, Copy(
            "请于{{ d(statement_due) }}前就一件投诉提交说明",
            "Please send a statement on a complaint by {{ d(statement_due) }}",
            "标准与质量监督委员会请贵学会就一件投诉提交书面说明，截止日期为{{ d(statement_due) }}"
            "。",
            "The standards and quality supervision committee asks your society for a written "
            "statement on a complaint by {{ d(statement_due) }}.",
            link="/v1/complaints/{complaint_id}", due="statement_due",
        )),
    ),
    "evaluation.objection_resolved": (
        Message(nobody, Copy(
            "您对公示提出的异议已处理：{{ w('objection_outcome', outcome) }}",
            "Your objection to a public notice was {{ w('objection_outcome', outcome) }}",
            "学会已处理您在公示期内提出的异议，结论为：{{ w('objection_outcome', outcome) }}。\n"
            "\n处理意见：{{ reasons }}",
            "The society has resolved the objection you lodged during the public notice: "
            "{{ w('objection_outcome', outcome) }}.\n\nIts reasons: {{ reasons }}",
        )),
    ),
    "complaint.answered": (
        Message(complainant, Copy(
            "您的投诉或建议已答复：{{ tracking_code }}",
            "Your complaint or suggestion was answered: {{ tracking_code }}",
            "标准与质量监督委员会对您的投诉或建议（编号{{ tracking_code }}）答复如下：\n"
            "\n{{ answer }}",
            "The standards and quality supervision committee answered your complaint or "
            "suggestion (reference {{ tracking_code }}):\n\n{{ answer }}",
        )),
    ),
    "pilot_report.ready": (
        Message(secretariat, Copy(
            "{{ w('period_kind', period_kind) }}试点报告已生成",
            "The {{ w('period_kind', period_kind) }} pilot report is ready",
            "{{ d(period_start) }}至{{ d(period_end) }}的{{ w('period_kind', period_kind) }}"
            "试点报告已生成，请于{{ d(ready_by) }}前审阅报送。",
            "The {{ w('period_kind', period_kind) }} pilot report for {{ d(period_start) }} "
            "to {{ d(period_end) }} is ready; please review and file it by {{ d(ready_by) }}.",
            link="/v1/reports/{report_id}", due="ready_by",
        )),
        Message(pilot_units, Copy(
            "{{ w('period_kind', period_kind) }}试点报告已生成",
            "The {{ w('period_kind', period_kind) }} pilot report is ready",
            "{{ d(period_start) }}至{{ d(period_end) }}的试点报告已生成，请于{{ d(ready_by) }}前核"
            "对本单位数据。",
            "The pilot report for {{ d(period_start) }} to {{ d(period_end) }} is ready; "
            "please check your unit's figures by {{ d(ready_by) }}.",
            link="/v1/reports/{report_id}", due="ready_by",
        )),
    ),
    "evaluation.review_submitted": (
        Message(society, Copy(
            "一位评审专家提交了材料审查记录",
            "An examiner submitted a materials review",
            "一位评审专家提交了第{{ round }}轮材料审查记录："
            "{{ competencies_achieved }}/{{ competencies_total }}项能力达到要求"
            "{% if recommendation %}，{{ w('review_recommendation', recommendation) }}{% endif %}"
            "。",
            "An examiner submitted a round {{ round }} materials review: "
            "{{ competencies_achieved }} of {{ competencies_total }} competencies achieved"
            "{% if recommendation %}; the examiner "
            "{{ w('review_recommendation', recommendation) }}{% endif %}.",
            link="/v1/cases/{case_id}",
        )),
    ),
    "evaluation.interview_scored": (
        Message(society, Copy(
            "一位评审专家提交了面试评分（{{ total }}分）",
            "An examiner submitted interview scores ({{ total }} points)",
            "一位评审专家提交了{{ w('level', level) }}申请的面试评分，总分{{ total }}分。",
            "An examiner submitted interview scores for a {{ w('level', level) }} "
            "application: {{ total }} points in all.",
            link="/v1/cases/{case_id}",
        )),
    ),
    "examiner.trained": (
        Message(examiner, Copy(
            "考官培训已记录：{{ course }}", "Examiner training recorded: {{ course }}",
            "您于{{ d(completed_on) }}完成的考官培训“{{ course }}”已记录。",
            "Your examiner training \"{{ course }}\", completed on {{ d(completed_on) }}, "
            "is recorded.",
        )),
    ),
    "registration.refused": (
        Message(applicant, Copy(
            "您的注册未被批准", "Your registration was refused",
            "您的{{ w('level', level) }}注册未被批准，不予颁发证书。原因：\n\n{{ reason }}",
            "Your registration as {{ w('level', level) }} was refused; no certificate is "
            "issued. Reason:\n\n{{ reason }}",
        )),
        Message(society, Copy(
            "一份注册未被批准", "A registration was refused",
            "一份{{ w('level', level) }}注册未被批准。原因：{{ reason }}",
            "A registration as {{ w('level', level) }} was refused. Reason: {{ reason }}",
            link="/v1/cases/{case_id}",
        )),
    ),
    "reregistration.refused": (
        Message(applicant, Copy(
            "证书{{ certificate_number }}的再注册未被批准",
            "Re-registration of certificate {{ certificate_number }} was refused",
            "您的证书{{ certificate_number }}再注册未被批准。原因：\n\n{{ reasons }}\n\n"
            "请联系所属学会了解补救办法。",
            "The re-registration of your certificate {{ certificate_number }} was refused. "
            "Reasons:\n\n{{ reasons }}\n\nPlease ask your society what you can do.",
            link=CERTIFICATE_LINK,
        )),
        Message(society, Copy(
            "证书{{ certificate_number }}的再注册未被批准",
            "Re-registration of certificate {{ certificate_number }} refused",
            "证书{{ certificate_number }}的再注册未被批准。原因：{{ reasons }}",
            "The re-registration of certificate {{ certificate_number }} was refused. "
            "Reasons: {{ reasons }}",
            link=CERTIFICATE_LINK,
        )),
    ),
    "referral.requested": (
        Message(secretariat, Copy(
            "新的国际互认推荐申请：{{ partner_code }}",
            "New mutual-recognition referral request: {{ partner_code }}",
            "证书{{ certificate_number }}的持有人申请依据协议{{ agreement_code }}推荐至"
            "{{ partner_code }}，请审核并办理。",
            "The holder of certificate {{ certificate_number }} asks to be referred to "
            "{{ partner_code }} under agreement {{ agreement_code }}. Please review and send "
            "the referral.",
            link="/v1/referrals/{referral_id}",
        )),
        Message(applicant, Copy(
            "您的国际互认推荐申请已提交", "Your mutual-recognition referral request was filed",
            "您申请推荐至{{ partner_code }}的请求已提交，联合体秘书处审核后将办理推荐。",
            "Your request to be referred to {{ partner_code }} was filed; the CSE secretariat "
            "will review it and send the referral.",
            link="/v1/referrals/{referral_id}",
        )),
    ),
    "referral.sent": (
        Message(partner, Copy(
            "新的互认推荐：证书{{ certificate_number }}",
            "New mutual-recognition referral: certificate {{ certificate_number }}",
            "中国工程师联合体依据协议{{ agreement_code }}推荐证书{{ certificate_number }}的持有人，"
            "请审核并登记结果。",
            "The CSE refers the holder of certificate {{ certificate_number }} under "
            "agreement {{ agreement_code }}. Please review it and record your outcome.",
            link="/v1/referrals/{referral_id}",
        )),
        Message(applicant, Copy(
            "您已被推荐至{{ partner_code }}", "You were referred to {{ partner_code }}",
            "联合体秘书处已于{{ d(referred_at) }}将您推荐至{{ partner_code }}，对方的审核结果将另"
            "行通知。",
            "The CSE secretariat referred you to {{ partner_code }} on {{ d(referred_at) }}; "
            "you will hear their outcome.",
            link="/v1/referrals/{referral_id}",
        )),
    ),
    "referral.decided": (
        Message(applicant, Copy(
            "{{ partner_code }}的互认结果：{{ w('referral_outcome', outcome) }}",
            "{{ partner_code }}'s recognition outcome: {{ w('referral_outcome', outcome) }}",
            "{% if outcome == 'granted' %}{{ partner_code }}已于{{ d(decided_on) }}授予您"
            "{{ granted_title or '相应称号' }}{% if partner_number %}，编"
            "号{{ partner_number }}{% endif %"
            "}。"
            "{% else %}{{ partner_code }}未授予称号。原因：{{ reason or '未说明' }}{% endif %}",
            "{% if outcome == 'granted' %}{{ partner_code }} granted you "
            "{{ granted_title or 'its title' }} on {{ d(decided_on) }}"
            "{% if partner_number %}, number {{ partner_number }}{% endif %}."
            "{% else %}{{ partner_code }} did not grant its title. Reason: "
            "{{ reason or 'not given' }}{% endif %}",
            link="/v1/referrals/{referral_id}",
        )),
        Message(secretariat, Copy(
            "{{ partner_code }}的互认结果：{{ w('referral_outcome', outcome) }}",
            "{{ partner_code }}'s recognition outcome: {{ w('referral_outcome', outcome) }}",
            "{{ partner_code }}对证书{{ certificate_number }}持有人的互认结果："
            "{{ w('referral_outcome', outcome) }}。",
            "{{ partner_code }}'s outcome for the holder of certificate "
            "{{ certificate_number }}: {{ w('referral_outcome', outcome) }}.",
            link="/v1/referrals/{referral_id}",
        )),
    ),
    "cpd.course_published": (
        Message(course_publishers, Copy(
            "继续职业发展课程已发布：{{ title }}",
            "CPD course published: {{ title }}",
            "课程“{{ title }}”已发布，时间为{{ d(starts_on) }}至{{ d(ends_on) }}，"
            "共{{ minutes }}分钟{% if quality %}，列为优质课程{% endif %}。"
            "学员参加后，请及时推送出勤记录，以便计入其继续职业发展学时。",
            "The course \"{{ title }}\" is published, running from {{ d(starts_on) }} to "
            "{{ d(ends_on) }}, {{ minutes }} minutes{% if quality %}, listed as a quality "
            "course{% endif %}. Push attendance once members have taken part, so it counts "
            "towards their CPD hours.",
            link="/v1/cpd/courses/{course_id}",
        )),
    ),
    # Not a bus event: the service's own notice when it disables a failing endpoint.
    "webhook.disabled": (
        Message(webhook_owner, Copy(
            "Webhook 端点已停用：连续投递失败",
            "Webhook endpoint disabled after repeated failures",
            "自{{ dt(failing_since) }}起，发往 {{ url }} 的事件连续投递失败"
            "（共{{ attempts }}次尝试，最后响应码{{ last_status_code or '无' }}），"
            "平台已停用此订阅。\n\n请修复接收端后，将订阅状态改为“启用”（status: active）"
            "以恢复投递；停用期间不再生成新的投递，失败的投递可在投递记录中手动重新投递。",
            "Since {{ dt(failing_since) }} every delivery to {{ url }} failed "
            "({{ attempts }} attempts, last response {{ last_status_code or 'none' }}), so the "
            "platform disabled the subscription.\n\nFix the receiver, then set the "
            "subscription's status to active to resume. No new deliveries are made while it is "
            "disabled; failed ones can be redelivered from its delivery log.",
            link="/v1/webhooks/{subscription_id}",
        )),
    ),
}

# Reminders: the kind decides the words; `details` may add what the owner knows.
REMINDERS: dict[str, Copy] = {
    "review_due": Copy(
        "材料审查提醒：请于{{ d(due_on) }}前完成",
        "Reminder: complete your materials review by {{ d(due_on) }}",
        "您负责的{% if details.get('applicant_name') %}{{ details['applicant_name'] }}的{% endif %}"
        "申请{% if details.get('round') %}（第{{ details['round'] }}轮）{% endif %}"
        "材料审查尚未完成，"
        "评价期限为{{ d(due_on) }}。请及时提交审查记录。",
        "Your materials review{% if details.get('round') %} (round {{ details['round'] }})"
        "{% endif %} of {% if details.get('applicant_name') %}{{ details['applicant_name'] }}'s"
        "{% else %}an{% endif %} application is still open; the case is due by "
        "{{ d(due_on) }}. Please submit your review record.",
        link="/v1/cases/{subject_id}",
    ),
    "score_due": Copy(
        "面试评分提醒：请于{{ d(due_on) }}前完成",
        "Reminder: submit your interview scores by {{ d(due_on) }}",
        "您对{% if details.get('applicant_name') %}{{ details['applicant_name'] }}的{% endif %}"
        "面试评分尚未提交，评价期限为{{ d(due_on) }}。请及时提交评分。",
        "Your interview scores{% if details.get('applicant_name') %} for "
        "{{ details['applicant_name'] }}{% endif %} are still open; the case is due by "
        "{{ d(due_on) }}. Please submit them.",
        link="/v1/cases/{subject_id}",
    ),
    "supplement_due": Copy(
        "补充材料提醒：请于{{ d(due_on) }}前提交",
        "Reminder: supplementary material due by {{ d(due_on) }}",
        "评审专家要求的{% if details.get('round') %}第{{ details['round'] }}轮{% endif %}"
        "补充材料尚未提交，"
        "截止日期为{{ d(due_on) }}（当天结束前）。逾期未提交，评价将依据现有材料进行。",
        "The supplementary material the examiners asked for"
        "{% if details.get('round') %} (round {{ details['round'] }}){% endif %} is due by "
        "the end of {{ d(due_on) }}. After that the evaluation goes on with the material "
        "already filed.",
        link="/v1/applications/{subject_id}", due="due_on",
    ),
    "supplement_passed": Copy(
        "补充材料已逾期（截止{{ d(due_on) }}）",
        "Supplementary material overdue (due {{ d(due_on) }})",
        "补充材料未在{{ d(due_on) }}前提交，评价将依据现有材料继续进行。"
        "{% if details.get('consequence_zh') %}{{ details['consequence_zh'] }}{% endif %}",
        "The supplementary material was not submitted by {{ d(due_on) }}; the evaluation "
        "goes on with the material already filed."
        "{% if details.get('consequence_en') %} {{ details['consequence_en'] }}{% endif %}",
        link="/v1/applications",
    ),
    "resubmission_due": Copy(
        "重新提交提醒：请于{{ d(due_on) }}前提交",
        "Reminder: resubmit your application by {{ d(due_on) }}",
        "您被退回的申请尚未重新提交，截止日期为{{ d(due_on) }}，逾期申请将失效。"
        "{% if details.get('reasons') %}\n\n需要修改的内容：{{ details['reasons'] }}{% endif %}",
        "Your returned application has not been resubmitted; it lapses unless you resubmit "
        "by {{ d(due_on) }}.{% if details.get('reasons') %}\n\nWhat to correct: "
        "{{ details['reasons'] }}{% endif %}",
        link="/v1/applications/{subject_id}", due="due_on",
    ),
    "case_at_risk": Copy(
        "评价案件面临6个月期限：{{ d(due_on) }}",
        "Case at risk of the 6-month limit: {{ d(due_on) }}",
        "{% if details.get('applicant_name') %}{{ details['applicant_name'] }}的"
        "{% else %}一份{% endif %}"
        "评价案件须于{{ d(due_on) }}前完成（评价周期不超过6个月）"
        "{% if details.get('days_left') %}，仅剩{{ details['days_left'] }}天{% endif %}，"
        "目前尚未完成。请尽快推进。",
        "The evaluation case{% if details.get('applicant_name') %} of "
        "{{ details['applicant_name'] }}{% endif %} must be finished by {{ d(due_on) }} "
        "(6 months at most){% if details.get('days_left') %}, {{ details['days_left'] }} "
        "days from now{% endif %}, and is still open. Please move it on.",
        link="/v1/cases/{subject_id}", due="due_on",
    ),
    "reregistration_open": Copy(
        "证书{{ subject_id }}可申请再注册（{{ d(due_on) }}到期）",
        "Certificate {{ subject_id }}: re-registration is open (expires {{ d(due_on) }})",
        "您的证书{{ subject_id }}将于{{ d(due_on) }}到期，现在可以申请再注册。"
        "请准备有效期内的继续职业发展记录。",
        "Your certificate {{ subject_id }} expires on {{ d(due_on) }}; you can now apply for "
        "re-registration. Have the CPD record of its validity ready.",
        link="/v1/certificates/{subject_id}", due="due_on",
    ),
    "reregistration_last_month": Copy(
        "证书{{ subject_id }}将于{{ d(due_on) }}到期，请尽快再注册",
        "Certificate {{ subject_id }} expires on {{ d(due_on) }}: re-register now",
        "您的证书{{ subject_id }}将于{{ d(due_on) }}到期，距到期不足一个月。请尽快申请再注册，"
        "逾期证书将失效。",
        "Your certificate {{ subject_id }} expires on {{ d(due_on) }}, less than a month "
        "away. Apply for re-registration now or it will expire.",
        link="/v1/certificates/{subject_id}", due="due_on",
    ),
    "cpd_behind_pace": Copy(
        "继续职业发展学时进度落后",
        "Your CPD hours are behind pace",
        "您本年度的继续职业发展学时低于应有进度"
        "{% if details.get('credited_hours') %}：已认定{{ details['credited_hours'] }}学时"
        "{% if details.get('expected_hours') %}，按进度应有{{ details['expected_hours'] }}学时"
        "{% endif %}{% if details.get('required_hours') %}，全年要求"
        "{{ details['required_hours'] }}学时{% endif %}{% endif %}。"
        "请在{{ d(due_on) }}前补足。",
        "Your CPD hours this year are behind pace"
        "{% if details.get('credited_hours') %}: {{ details['credited_hours'] }} credited"
        "{% if details.get('expected_hours') %}, {{ details['expected_hours'] }} expected by "
        "now{% endif %}{% if details.get('required_hours') %}, "
        "{{ details['required_hours'] }} needed for the year{% endif %}{% endif %}. "
        "Catch up by {{ d(due_on) }}.",
        link="/v1/cpd", due="due_on",
    ),
    "cpd_year_shortfall": Copy(
        "本年度继续职业发展学时不足",
        "CPD hours short this year",
        "您本年度的继续职业发展学时未达到要求（截至{{ d(due_on) }}）。"
        "{% if details.get('shortfall_hours') %}尚缺{{ details['shortfall_hours'] }}学时"
        "{% if details.get('required_hours') %}（要求{{ details['required_hours'] }}学时，"
        "已认定{{ details.get('credited_hours', '0') }}学时）{% endif %}。{% endif %}"
        "请联系所属学会了解补足或缓办的办法。",
        "Your CPD hours this year fall short of the requirement (as of {{ d(due_on) }})."
        "{% if details.get('shortfall_hours') %} {{ details['shortfall_hours'] }} hours are "
        "missing{% if details.get('required_hours') %} ({{ details['required_hours'] }} "
        "required, {{ details.get('credited_hours', '0') }} credited){% endif %}.{% endif %} "
        "Please ask your society how to make them up or defer them.",
        link="/v1/cpd", due="due_on",
    ),
}

UNKNOWN = Copy(
    "平台事件：{{ event_type }}", "Platform event: {{ event_type }}",
    "收到一个尚无通知模板的事件（{{ event_type }}），请检查是否需要处理。",
    "An event without a notification template arrived ({{ event_type }}); please check "
    "whether it needs action.",
)
