"""Eligibility (申请条件), rule by rule, from the applicant's dated data
[001 §1, 003 Q33–38, 004 §3].

Each rule says passed, failed (blocks submission) or judgement (the society or the
secretariat decides; never blocks), with a bilingual explanation. Pure functions: no database.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from applications.applicants.schemas import (
    INTERNATIONAL_TITLES,
    Education,
    InternationalTitle,
    Membership,
    ProfessionalTitle,
    WorkPeriod,
)
from applications.eligibility.policies import (
    LEVEL_NAMES,
    LEVEL_ORDER,
    RANK_NAMES,
    TITLE_RANKS,
    SocietyPolicy,
    with_article,
)

Outcome = Literal["passed", "failed", "judgement", "not_applicable"]
DAYS_PER_YEAR = 365  # the union of dated periods, in days, over 365: see years_of()
ENGINEERING_DEGREES = frozenset({"bachelor", "master", "doctorate"})


@dataclass(frozen=True)
class RuleResult:
    code: str
    outcome: Outcome
    message_zh: str
    message_en: str

    @property
    def blocks(self) -> bool:
        return self.outcome == "failed"


@dataclass(frozen=True)
class HeldCertificateFact:
    level: str
    valid_from: date
    valid_until: date

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_until


@dataclass(frozen=True)
class EligibilityInput:
    level: str
    society_code: str
    policy: SocietyPolicy
    today: date
    education: Sequence[Education] = ()
    work_history: Sequence[WorkPeriod] = ()
    professional_titles: Sequence[ProfessionalTitle] = ()
    international_titles: Sequence[InternationalTitle] = ()
    memberships: Sequence[Membership] = ()
    certificates: Sequence[HeldCertificateFact] = ()
    barred: bool = False
    # The enterprise channel (2025): "deployed" or "planned" from Annex 3; None otherwise.
    recommendation_section: str | None = None


@dataclass(frozen=True)
class Experience:
    relevant_years: float
    important_years: float
    # As above, were master's/doctoral practice counted (the society may count it).
    relevant_years_with_study: float
    important_years_with_study: float


@dataclass(frozen=True)
class Assessment:
    rules: list[RuleResult]
    experience: Experience
    fast_track: bool = False
    international_titles: list[str] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not any(rule.blocks for rule in self.rules)

    @property
    def needs_judgement(self) -> bool:
        return any(rule.outcome == "judgement" for rule in self.rules)


def years_of(periods: Iterable[tuple[date, date | None]], today: date) -> float:
    """Years covered by the union of periods (overlaps count once; ongoing ends today).
    Both ends are inclusive, so 2020-07-01 … 2025-06-30 is five years."""
    spans = sorted(
        (start, min(end or today, today) + timedelta(days=1))
        for start, end in periods if start <= today
    )
    days = 0
    current_start: date | None = None
    current_end: date | None = None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                days += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        days += (current_end - current_start).days
    return days / DAYS_PER_YEAR


def experience(work: Sequence[WorkPeriod], today: date) -> Experience:
    """Undergraduate practice never counts; master's/doctoral practice is counted separately
    so the society can decide [003 Q33, Q37]."""
    relevant = [w for w in work if w.relevant and w.during_study != "undergraduate"]
    outside_study = [w for w in relevant if w.during_study is None]

    def span(items: Iterable[WorkPeriod]) -> float:
        return round(years_of(((w.start, w.end) for w in items), today), 2)

    return Experience(
        relevant_years=span(outside_study),
        important_years=span(w for w in outside_study if w.important),
        relevant_years_with_study=span(relevant),
        important_years_with_study=span(w for w in relevant if w.important),
    )


def assess(data: EligibilityInput) -> Assessment:
    exp = experience(data.work_history, data.today)
    rules = [
        barred_rule(data.barred),
        degree_rule(data.education),
        *experience_rules(data, exp),
        title_rule(data),
        upgrade_rule(data.level, data.certificates, data.today),
        overseas_rule(data),
        membership_rule(data.society_code, data.memberships),
    ]
    titles = [
        t.name if t.title == "other" and t.name else INTERNATIONAL_TITLES[t.title]
        for t in data.international_titles
    ]
    fast = fast_track_rule(titles)
    rules.append(fast)
    return Assessment(rules=rules, experience=exp, fast_track=fast.outcome == "judgement",
                      international_titles=titles)


def barred_rule(barred: bool) -> RuleResult:
    if barred:
        return RuleResult(
            "not_barred", "failed",
            "申请人已被终身取消申请工程会员资格，不能申请",
            "The applicant is barred for life from applying for engineering membership "
            "[003 Q14].",
        )
    return RuleResult("not_barred", "passed", "未被取消申请资格", "Not barred from applying.")


def degree_rule(education: Sequence[Education]) -> RuleResult:
    """Bachelor's degree or higher in engineering or a related subject [001 一(二)]."""
    if any(e.degree in ENGINEERING_DEGREES and e.engineering_related for e in education):
        return RuleResult("degree", "passed", "具备工程类或相关专业本科及以上学历",
                          "Holds a bachelor's degree or higher in engineering or a related "
                          "subject.")
    if any(e.degree in ENGINEERING_DEGREES for e in education):
        return RuleResult("degree", "failed", "本科及以上学历的专业不属于工程类或相关专业",
                          "The bachelor's or higher degree is not in engineering or a related "
                          "subject.")
    if education:
        return RuleResult("degree", "failed", "需具备本科及以上学历（学位）",
                          "A bachelor's degree or higher is required.")
    return RuleResult("degree", "failed", "尚未填写学历信息；需具备工程类或相关专业本科及以上学历",
                      "No education given; a bachelor's degree or higher in engineering or a "
                      "related subject is required.")


def experience_rules(data: EligibilityInput, exp: Experience) -> list[RuleResult]:
    need = data.policy.requirements[data.level]
    level_zh, level_en = LEVEL_NAMES[data.level]
    return [
        _years_rule("relevant_experience", "相关专业工作经历", "relevant professional work",
                    exp.relevant_years, exp.relevant_years_with_study, need.years,
                    level_zh, level_en),
        _years_rule("important_experience", "重要工程工作经历", "important engineering work",
                    exp.important_years, exp.important_years_with_study, need.important_years,
                    level_zh, level_en),
    ]


def _years_rule(code: str, what_zh: str, what_en: str, counted: float, with_study: float,
                need: float, level_zh: str, level_en: str) -> RuleResult:
    if need <= 0:
        return RuleResult(code, "not_applicable", f"{level_zh}无{what_zh}年限要求",
                          f"No minimum years of {what_en} for {with_article(level_en)}.")
    got = f"{counted:.1f}"
    if counted >= need:
        return RuleResult(code, "passed",
                          f"{what_zh} {got} 年，满足{level_zh}至少 {need:g} 年的要求",
                          f"{got} years of {what_en}; {with_article(level_en)} needs at "
                          f"least {need:g}.")
    if with_study >= need:
        return RuleResult(
            code, "judgement",
            f"不计在读期间实践时{what_zh}为 {got} 年；计入硕士/博士在读期间实践为 "
            f"{with_study:.1f} 年。是否认定由学会判断（要求至少 {need:g} 年）",
            f"{got} years of {what_en} without study-time practice, {with_study:.1f} with "
            f"master's/doctoral practice; the society decides whether it counts (needs "
            f"{need:g}) [003 Q33].",
        )
    return RuleResult(code, "failed",
                      f"{what_zh}仅 {got} 年，{level_zh}要求至少 {need:g} 年（本科期间实践不计入）",
                      f"Only {got} years of {what_en}; {with_article(level_en)} needs at "
                      f"least {need:g} (undergraduate practice never counts).")


def title_rule(data: EligibilityInput) -> RuleResult:
    """A society variant: e.g. the chemical society requires a professional title [004 三]."""
    required = data.policy.required_title_rank.get(data.level)
    if required is None:
        return RuleResult("professional_title", "not_applicable", "本学会对该级别无职称要求",
                          "This society requires no professional title for this level.")
    need_zh, need_en = RANK_NAMES[required]
    known = [TITLE_RANKS[t.name] for t in data.professional_titles if t.name in TITLE_RANKS]
    unknown = [t.name for t in data.professional_titles if t.name not in TITLE_RANKS]
    if known and max(known) >= required:
        return RuleResult("professional_title", "passed", f"具备{need_zh}",
                          f"Holds the required title ({need_en}).")
    if unknown:
        return RuleResult(
            "professional_title", "judgement",
            f"职称“{'、'.join(unknown)}”是否等同于{need_zh}，由学会认定",
            f"The society decides whether {', '.join(unknown)} is equivalent to {need_en}.",
        )
    return RuleResult("professional_title", "failed", f"本学会要求{need_zh}",
                      f"This society requires {need_en}.")


def upgrade_rule(level: str, certificates: Sequence[HeldCertificateFact],
                 today: date) -> RuleResult:
    """Upgrades need a valid certificate of the level directly below; no skipping [003 Q34–35]."""
    wanted = LEVEL_ORDER[level]
    level_zh, level_en = LEVEL_NAMES[level]
    if not certificates:
        return RuleResult("upgrade", "passed", "首次申请，可按自身能力申请相应级别",
                          "A first application may be at the level that fits [003 Q35].")
    valid = [c for c in certificates if c.valid_on(today)]
    held = max((LEVEL_ORDER[c.level] for c in valid), default=0)
    if held >= wanted:
        return RuleResult("upgrade", "failed", f"已持有有效的{level_zh}或更高级别证书",
                          f"Already holds a valid certificate at {level_en} level or higher.")
    below = wanted - 1
    if held == below:
        return RuleResult("upgrade", "passed",
                          f"晋级申请：持有有效的下一级别证书，可申请{level_zh}",
                          f"Upgrade: holds a valid certificate of the level below {level_en}.")
    if held and held < below:
        return RuleResult("upgrade", "failed", "晋级申请不可越级，请先申请上一级别",
                          "An upgrade cannot skip a level; apply for the next level first "
                          "[003 Q35].")
    return RuleResult("upgrade", "failed",
                      "晋级申请须持有有效的下一级别工程会员证书（已持有的证书已失效）",
                      "An upgrade needs a valid certificate of the level directly below; the "
                      "certificates held are no longer valid.")


def overseas_rule(data: EligibilityInput) -> RuleResult:
    """The 2025 enterprise channel: overseas projects, or planned within 3 years [001 一(三)3]."""
    if data.recommendation_section is None:
        return RuleResult("overseas", "not_applicable", "非企业推荐渠道，无境外项目要求",
                          "Not through an enterprise recommendation: no overseas requirement.")
    if data.recommendation_section == "planned":
        return RuleResult("overseas", "passed", "所在单位计划未来3年内派其赴境外参与工程项目",
                          "The employer plans to send the engineer abroad within 3 years.")
    if data.recommendation_section == "deployed" or any(w.overseas for w in data.work_history):
        return RuleResult("overseas", "passed", "具有境外工程项目实践经历",
                          "Has worked on engineering projects abroad.")
    return RuleResult("overseas", "failed", "需具有境外工程项目实践经历或未来3年外派计划",
                      "Needs overseas project experience or a plan to be sent abroad within "
                      "3 years.")


def membership_rule(society_code: str, memberships: Sequence[Membership]) -> RuleResult:
    """Applicants must be members of the authorized society; joining may run alongside
    [003 Q4, Q6, Q36]."""
    mine = [m for m in memberships if m.society_code == society_code]
    if any(m.member_number for m in mine):
        return RuleResult("membership", "passed", "已是授权学会会员",
                          "Is a member of the authorized society.")
    if any(m.joining_concurrently for m in mine):
        return RuleResult("membership", "passed", "入会申请与本申请同时进行，由学会确认",
                          "Joining the society concurrently; the society confirms.")
    return RuleResult("membership", "failed",
                      f"须为授权学会（{society_code}）会员，或选择同时申请入会",
                      f"Must be a member of the authorized society ({society_code}) or join "
                      f"concurrently.")


def fast_track_rule(titles: Sequence[str]) -> RuleResult:
    """International titles: simplified assessment, confirmed by the CSE secretariat [003 Q29]."""
    if not titles:
        return RuleResult("international_title", "not_applicable", "未持有国际工程师称号",
                          "No international engineering title.")
    return RuleResult(
        "international_title", "judgement",
        f"持有{'、'.join(titles)}：学会可简化考核方式，须经联合体秘书处确认",
        f"Holds {', '.join(titles)}: the society may simplify the assessment, subject to "
        "confirmation by the CSE secretariat.",
    )
