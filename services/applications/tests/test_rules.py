"""The plain rules, without a database: deadlines, statement, eligibility, pre-screening."""

from datetime import UTC, date, datetime

import pytest
from applications.applicants.schemas import Education, Membership, ProfessionalTitle, WorkPeriod
from applications.application.rules import (
    StatementPart,
    add_working_days,
    check_statement,
    chinese_share,
    count_characters,
    current_employer,
    has_lapsed,
    moves_forward,
    resubmission_deadline,
)
from applications.eligibility.policies import policy_for
from applications.eligibility.rules import (
    EligibilityInput,
    HeldCertificateFact,
    assess,
    upgrade_rule,
    years_of,
)
from applications.recommendations.rules import (
    CandidateFacts,
    assess_candidate,
    other_recommendations_rule,
)
from applications.reference.countries import resolve_country

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # National Day 2026: 10/1–7 off, Saturday 10/10 is a make-up working day.
        (date(2026, 9, 28), 10, date(2026, 10, 16)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 10, 9), 1, date(2026, 10, 10)),
        # An ordinary fortnight: two weekends skipped.
        (date(2026, 6, 1), 10, date(2026, 6, 15)),
    ],
)
def test_working_days_follow_the_chinese_calendar(start: date, days: int, expected: date) -> None:
    assert add_working_days(start, days) == expected


def test_deadline_counts_from_the_beijing_date_and_lapses_the_day_after() -> None:
    # 2026-09-27 17:00 UTC is already Monday 28 September in Beijing.
    deadline = resubmission_deadline(datetime(2026, 9, 27, 17, 0, tzinfo=UTC))
    assert deadline == date(2026, 10, 16)
    assert not has_lapsed(deadline, datetime(2026, 10, 16, 15, 59, tzinfo=UTC))
    assert has_lapsed(deadline, datetime(2026, 10, 16, 16, 0, tzinfo=UTC))


def test_characters_are_counted_as_a_person_counts_chinese() -> None:
    assert count_characters("我负责 主桥设计，\n工期 3 个月。") == 14
    assert chinese_share("我负责BIM建模") == pytest.approx(5 / 8)


def test_statement_rules() -> None:
    everything = ("knowledge", "ethics", "teamwork", "development", "leadership")
    good = [StatementPart("我负责主桥结构设计。" * 250, everything)]
    assert check_statement(good) == []
    long = [StatementPart("我负责主桥结构设计。" * 450, everything)]
    assert [f.code for f in check_statement(long)] == ["statement_length"]
    english = [StatementPart("I designed the bridge. " * 120 + "我" * 10, everything)]
    assert "statement_language" in {f.code for f in check_statement(english)}
    partial = [StatementPart("我负责主桥结构设计。" * 250, ("knowledge", "ethics"))]
    [finding] = check_statement(partial)
    assert "团队合作与交流能力" in finding.message_zh


def test_years_merge_overlaps_and_count_inclusive_ends() -> None:
    periods = [(date(2020, 7, 1), date(2025, 6, 30)), (date(2021, 1, 1), date(2022, 1, 1))]
    assert years_of(periods, TODAY) >= 5
    # A year is 365 days of the union, so a leap day may make up for one missing day.
    assert years_of([(date(2020, 7, 3), date(2025, 6, 30))], TODAY) < 5
    assert years_of([(date(2025, 1, 1), None)], TODAY) == pytest.approx(517 / 365)


def work(start: str, end: str | None, *, important: bool = True,
         during_study: str | None = None) -> WorkPeriod:
    return WorkPeriod.model_validate({
        "employer": "甲", "position": "工程师", "start": start, "end": end,
        "important": important, "during_study": during_study,
    })


BACHELOR = Education.model_validate({
    "degree": "bachelor", "subject": "土木工程", "engineering_related": True,
    "institution": "同济大学", "start": "2008-09-01", "end": "2012-06-30",
})
MEMBER = Membership(society_code="cces", member_number="CCES-1")


def facts(level: str = "professional", society: str = "cces", **changes: object
          ) -> EligibilityInput:
    base: dict[str, object] = {
        "level": level, "society_code": society, "policy": policy_for(society), "today": TODAY,
        "education": [BACHELOR], "work_history": [work("2012-07-01", None)],
        "memberships": [MEMBER],
    }
    base.update(changes)
    return EligibilityInput(**base)  # type: ignore[arg-type]


def outcomes(data: EligibilityInput) -> dict[str, str]:
    return {rule.code: rule.outcome for rule in assess(data).rules}


def test_professional_and_senior_thresholds() -> None:
    assert assess(facts()).eligible
    assert assess(facts("senior")).eligible  # 13.9 years, all important
    seven = [work("2019-01-01", None, important=False), work("2019-01-01", "2022-12-31")]
    assert outcomes(facts("senior", work_history=seven))["relevant_experience"] == "failed"
    assert outcomes(facts(work_history=seven))["important_experience"] == "passed"


def test_undergraduate_never_counts_and_graduate_study_is_judged() -> None:
    undergraduate = [work("2008-09-01", "2012-06-30", during_study="undergraduate"),
                     work("2023-07-01", None)]
    assert outcomes(facts(work_history=undergraduate))["relevant_experience"] == "failed"
    graduate = [work("2018-09-01", "2021-06-30", during_study="doctoral"),
                work("2021-07-01", None)]
    result = assess(facts(work_history=graduate))
    assert {r.code: r.outcome for r in result.rules}["relevant_experience"] == "judgement"
    assert result.eligible
    assert result.needs_judgement


def test_degree_must_be_engineering_bachelor_or_higher() -> None:
    associate = Education.model_validate({**BACHELOR.model_dump(), "degree": "associate"})
    unrelated = Education.model_validate({**BACHELOR.model_dump(), "engineering_related": False})
    assert outcomes(facts(education=[associate]))["degree"] == "failed"
    assert outcomes(facts(education=[unrelated]))["degree"] == "failed"
    assert outcomes(facts(education=[]))["degree"] == "failed"


def test_chemical_society_title_variant() -> None:
    def title(*names: str) -> list[ProfessionalTitle]:
        return [ProfessionalTitle(name=n) for n in names]

    member = [Membership(society_code="ciesc", joining_concurrently=True)]
    chemical = {"society": "ciesc", "memberships": member}
    assert outcomes(facts(**chemical))["professional_title"] == "failed"  # type: ignore[arg-type]
    assert outcomes(facts(professional_titles=title("讲师"), **chemical))[  # type: ignore[arg-type]
        "professional_title"] == "passed"
    assert outcomes(facts("senior", professional_titles=title("高级工程师"),
                          **chemical))["professional_title"] == "failed"  # type: ignore[arg-type]
    assert outcomes(facts("senior", professional_titles=title("教授级高工"),
                          **chemical))["professional_title"] == "passed"  # type: ignore[arg-type]
    assert outcomes(facts(professional_titles=title("主任药师"),
                          **chemical))["professional_title"] == "judgement"  # type: ignore[arg-type]
    assert outcomes(facts())["professional_title"] == "not_applicable"


@pytest.mark.parametrize(
    ("held", "wanted", "outcome"),
    [
        ([], "senior", "passed"),
        ([("apprentice", True)], "professional", "passed"),
        ([("professional", True)], "senior", "passed"),
        ([("apprentice", True)], "senior", "failed"),
        ([("professional", False)], "senior", "failed"),
        ([("professional", True)], "professional", "failed"),
    ],
)
def test_upgrades(held: list[tuple[str, bool]], wanted: str, outcome: str) -> None:
    certificates = [
        HeldCertificateFact(level, date(2024, 1, 1),
                            date(2029, 1, 1) if valid else date(2025, 1, 1))
        for level, valid in held
    ]
    assert upgrade_rule(wanted, certificates, TODAY).outcome == outcome


def test_membership_ban_and_fast_track() -> None:
    assert outcomes(facts(memberships=[]))["membership"] == "failed"
    assert outcomes(facts(barred=True))["not_barred"] == "failed"
    assert not assess(facts(barred=True)).eligible
    from applications.applicants.schemas import InternationalTitle

    titled = assess(facts(international_titles=[InternationalTitle(title="intpe")]))
    assert titled.fast_track
    assert titled.eligible


def test_enterprise_channel_overseas_rule() -> None:
    assert outcomes(facts(recommendation_section="planned"))["overseas"] == "passed"
    assert outcomes(facts(recommendation_section="deployed"))["overseas"] == "passed"
    assert outcomes(facts())["overseas"] == "not_applicable"


def test_pre_screening_assessment() -> None:
    base = CandidateFacts(level="professional", field_known=True, field_has_society=True,
                          practice="曾参与仰光大桥工程", section="deployed", has_project=False,
                          location="中国")
    rules = {r.code: r.outcome for r in assess_candidate(base)}
    assert rules == {"field": "passed", "level": "passed", "degree": "judgement",
                     "experience": "judgement", "practice": "passed", "overseas": "judgement"}
    planned = CandidateFacts(**{**base.__dict__, "section": "planned", "field_has_society": False,
                                "other_statuses": ("rejected",)})
    rules = {r.code: r.outcome for r in assess_candidate(planned)}
    assert rules["overseas"] == "passed"
    assert rules["field"] == "judgement"
    assert rules["other_recommendations"] == "judgement"


def test_countries_by_chinese_name_code_or_english_name() -> None:
    assert resolve_country("缅甸") == "MM"
    assert resolve_country("刚果(金)") == "CD"
    assert resolve_country("MMR") == "MM"
    assert resolve_country("Singapore") == "SG"
    assert resolve_country("火星") is None


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        ("accepted", "under_evaluation", True),
        ("under_evaluation", "supplement_requested", True),
        ("on_public_notice", "under_evaluation", False),  # a late case_opened
        ("passed", "failed", False),
        ("failed", "passed", False),
        ("failed", "on_public_notice", False),
        ("supplement_requested", "failed", True),
        ("approved", "registered", True),
        ("registered", "approved", False),
        ("submitted", "under_evaluation", False),  # never before the formal check
        ("draft", "registered", False),
        ("on_public_notice", "withdrawn", True),
        ("approved", "withdrawn", False),
        ("withdrawn", "passed", False),
    ],
)
def test_outcome_events_only_move_an_application_forward(current: str, new: str,
                                                          moves: bool) -> None:
    assert moves_forward(current, new) is moves


@pytest.mark.parametrize("level", ["apprentice", "professional", "senior"])
def test_english_messages_use_the_right_article(level: str) -> None:
    short = [work("2025-01-01", None, important=False)]
    for data in (facts(level), facts(level, work_history=short)):
        for rule in assess(data).rules:
            assert " an professional" not in rule.message_en, rule.message_en
            assert " an senior" not in rule.message_en, rule.message_en
            assert " a apprentice" not in rule.message_en, rule.message_en
    [years] = [r for r in assess(facts(level, work_history=short)).rules
               if r.code == "relevant_experience"]
    expected = {"apprentice": "No minimum years of relevant professional work for an "
                "apprentice engineer.",
                "professional": "a professional engineer needs at least 5",
                "senior": "a senior professional engineer needs at least 10"}[level]
    assert expected in years.message_en


def test_other_recommendations_are_told_in_words() -> None:
    [rule] = other_recommendations_rule(("accepted", "rejected"))
    assert rule.message_zh == "该工程师另有 2 条推荐记录（通过初筛、未通过初筛）"
    assert "accepted in pre-screening, rejected in pre-screening" in rule.message_en


def test_the_current_employer_is_the_ongoing_one() -> None:
    history: list[dict[str, object]] = [
               {"employer": "甲", "start": "2010-01-01", "end": "2015-01-01"},
               {"employer": "乙", "start": "2015-02-01", "end": None},
               {"employer": "丙", "start": "2012-01-01", "end": "2014-01-01"}]
    assert current_employer(history) == "乙"
    assert current_employer(history[::2]) == "甲"
    assert current_employer([]) is None
