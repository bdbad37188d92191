"""The domain rules as plain functions, without a database."""

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from evaluation.cases.rules import add_working_days, deadline_state
from evaluation.decisions.rules import Results, pass_blockers
from evaluation.examiners.rules import (
    Employment,
    Qualification,
    conflict_reasons,
    normalise_organisation,
    qualification_problems,
    still_binding,
)
from evaluation.interviews.rules import (
    COMPETENCIES,
    aggregate,
    default_rubric,
    judge,
    scores_above_maximum,
    shown,
)
from evaluation.notices.rules import notice_period
from evaluation.panels.rules import Candidate, panel_to_announce, propose_panel
from evaluation.reviews.rules import review_problems, round_outcome
from kit.clock import CHINA


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中国路桥工程有限责任公司", "中国路桥工程有限公司"),
        ("中国路桥工程有限责任公司", " 中国路桥工程　有限公司 "),
        ("中国交通建设集团有限公司", "中国交通建设股份有限公司"),
        ("（中国）华为技术有限公司", "(中国)华为技术公司"),
        ("ＡＢＣ工程有限公司", "abc工程"),
        ("Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES LIMITED"),
    ],
)
def test_same_organisation_despite_suffix_space_width_and_case(a: str, b: str) -> None:
    assert normalise_organisation(a) == normalise_organisation(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("中国路桥工程有限责任公司", "中国铁建股份有限公司"), ("Zinc Co.", "Z"), ("Costco", "Cost")],
)
def test_different_organisations_stay_apart(a: str, b: str) -> None:
    assert normalise_organisation(a) != normalise_organisation(b)


def test_suffix_alone_is_not_stripped_to_nothing() -> None:
    assert normalise_organisation("公司") == "公司"


TODAY = date(2026, 12, 1)


def conflicts(examiner_subject: str, *employments: Employment, years: int = 3) -> list[str]:
    return conflict_reasons(
        examiner_subject=examiner_subject, examiner_employments=employments,
        applicant_id="user-zhang", applicant_employers=["中国路桥工程有限责任公司"],
        recommending_enterprise="中国交通建设集团有限公司", today=TODAY, cooling_off_years=years)


def test_conflicts_former_employer_recommender_and_self() -> None:
    assert conflicts("e1", Employment("同济大学")) == []
    former = conflicts("e1", Employment("同济大学"),
                       Employment("中国路桥工程有限公司", date(2025, 6, 30)))
    assert len(former) == 1
    assert "the applicant's employer" in former[0]
    assert "2025年6月30日离职，未满 3 年" in former[0]
    recommender = conflicts("e1", Employment("中国交通建设股份有限公司"))
    assert "考官现任职于推荐单位" in recommender[0]
    assert "recommending enterprise" in recommender[0]
    assert "is the applicant" in conflicts("user-zhang")[0]


@pytest.mark.parametrize(
    ("ended_on", "years", "conflicted"),
    [
        (None, 3, True),                 # still there (or the end is not known)
        (date(2025, 12, 1), 3, True),    # a year ago
        (date(2023, 12, 2), 3, True),    # three years less a day
        (date(2023, 12, 1), 3, False),   # three years ago to the day: no longer
        (date(2006, 7, 1), 3, False),    # twenty years ago
        (date(2023, 12, 1), 5, True),    # a society with a five-year cooling-off
    ],
)
def test_a_former_employment_stops_conflicting_after_the_cooling_off_years(
    ended_on: date | None, years: int, conflicted: bool
) -> None:
    reasons = conflicts("e1", Employment("同济大学"), Employment("中国路桥工程有限公司", ended_on),
                        years=years)
    assert bool(reasons) is conflicted
    assert still_binding(Employment("x", ended_on), today=TODAY,
                         cooling_off_years=years) is conflicted


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中国交建", "中国交通建设股份有限公司"),
        ("中国交建", "中国交通建设集团有限公司"),
        ("中国交通建设", "中国交通建设股份有限公司"),
        ("CCCC", "中国交通建设股份有限公司"),
        ("China Communications Construction Co., Ltd.", "中国交建"),
        ("中国路桥", "中国路桥工程有限责任公司"),
        ("中国电建", "中国电力建设集团有限公司"),
        ("中石化", "中国石油化工股份有限公司"),
    ],
)
def test_abbreviations_from_the_alias_table_are_one_organisation(a: str, b: str) -> None:
    assert normalise_organisation(a) == normalise_organisation(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("中国路桥", "中国交建"), ("中国石油", "中国石化"), ("中铁", "中铁建")],
)
def test_a_subsidiary_or_a_lookalike_is_another_organisation(a: str, b: str) -> None:
    assert normalise_organisation(a) != normalise_organisation(b)


def test_an_abbreviated_recommender_is_a_conflict() -> None:
    reasons = conflict_reasons(
        examiner_subject="e1", examiner_employments=[Employment("中国交建")],
        applicant_id="user-zhang", applicant_employers=[],
        recommending_enterprise="中国交通建设股份有限公司", today=TODAY)
    assert len(reasons) == 1


def test_qualification_field_level_specialty_training_status() -> None:
    good = Qualification(fields=["civil"], specialties=[], levels=["professional"], active=True,
                         trained=True)
    assert qualification_problems(good, field_code="civil", specialty_code="bridge",
                                  level="professional") == []
    assert len(qualification_problems(good, field_code="civil", specialty_code=None,
                                      level="senior")) == 1
    assert len(qualification_problems(good, field_code="electrical", specialty_code=None,
                                      level="professional")) == 1
    narrow = Qualification(fields=["civil"], specialties=["tunnel"], levels=["professional"],
                           active=False, trained=False)
    assert len(qualification_problems(narrow, field_code="civil", specialty_code="bridge",
                                      level="professional")) == 3


def test_proposal_balances_open_workload() -> None:
    ids = [uuid.uuid4() for _ in range(4)]
    pool = [Candidate(ids[0], "甲", 3), Candidate(ids[1], "乙", 0), Candidate(ids[2], "丙", 1),
            Candidate(ids[3], "丁", 0)]
    assert [c.name for c in propose_panel(pool, 3)] == ["丁", "乙", "丙"]
    assert propose_panel(pool[:1], 2) == pool[:1]


def test_panel_announced_when_complete_then_on_every_change() -> None:
    assert panel_to_announce([("a", "cleared"), ("b", "pending")], min_size=2,
                             announced=None) is None
    assert panel_to_announce([("a", "cleared"), ("b", "conflicted")], min_size=2,
                             announced=None) is None
    assert panel_to_announce([("b", "cleared"), ("a", "cleared")], min_size=2,
                             announced=None) == ["a", "b"]
    assert panel_to_announce([("a", "cleared"), ("b", "cleared")], min_size=2,
                             announced=["a", "b"]) is None
    assert panel_to_announce([("a", "cleared"), ("b", "removed")], min_size=2,
                             announced=["a", "b"]) == ["a"]


def test_review_must_be_complete_to_submit() -> None:
    full = {c: {"achieved": True, "comment": ""} for c in COMPETENCIES}
    assert review_problems(competencies=full, recommendation="pass", follow_up_needed=False,
                           follow_up_points="", supplement_requests="") == []
    missing = review_problems(
        competencies={**full, "ethics": {"achieved": False, "comment": ""}},
        recommendation="supplement", follow_up_needed=True, follow_up_points="",
        supplement_requests="")
    assert len(missing) == 3


def test_round_outcome() -> None:
    assert round_outcome(["supplement"], 2) == "supplement_requested"
    assert round_outcome(["pass"], 2) is None
    assert round_outcome(["pass", "pass"], 2) == "passed"
    assert round_outcome(["pass", "fail"], 2) == "failed"
    assert round_outcome(["pass", "pass"], 0) is None


def sheet(*values: float | str) -> dict[str, Decimal]:
    return dict(zip(COMPETENCIES, (Decimal(str(v)) for v in values), strict=True))


@pytest.mark.parametrize(
    ("level", "scores", "passed"),
    [
        # professional: knowledge ≥ 21 of 35, ethics ≥ 12 of 20, total ≥ 60
        ("professional", (21, 12, 9, 9, 9), True),
        ("professional", (20.9, 12, 10, 10, 10), False),
        ("professional", (22, 11.9, 10, 10, 10), False),
        ("professional", (21, 12, 9, 9, 8.9), False),
        # senior: knowledge ≥ 18 of 30
        ("senior", (18, 12, 10, 10, 10), True),
        ("senior", (17.9, 12, 10, 10, 12), False),
        ("senior", (18, 11.9, 10, 10, 12), False),
        ("senior", (18, 12, 10, 10, 9.9), False),
    ],
)
def test_pass_marks_just_above_and_below(level: str, scores: tuple[float, ...],
                                         passed: bool) -> None:
    result = judge(sheet(*scores), default_rubric(level), level)
    assert result.passed is passed
    assert bool(result.shortfalls) is not passed


def test_mean_is_exact_and_median_configurable() -> None:
    panel = [sheet(21, 12, 10, 10, 7), sheet(20, 12, 10, 10, 8)]
    mean = aggregate(panel)
    assert mean["knowledge"] == Decimal("20.5")
    result = judge(mean, default_rubric("professional"), "professional")
    assert not result.passed
    assert "20.5" in result.shortfalls[0]
    three = [sheet(30, 12, 10, 10, 10), sheet(20, 12, 10, 10, 10), sheet(21, 12, 10, 10, 10)]
    assert aggregate(three, "median")["knowledge"] == Decimal(21)
    assert aggregate(three, "mean")["knowledge"] == Decimal("71") / 3


def test_scores_above_maximum_and_display() -> None:
    assert scores_above_maximum(sheet(36, 20, 15, 15, 15), default_rubric("professional"))
    assert not scores_above_maximum(sheet(35, 20, 15, 15, 15), default_rubric("professional"))
    assert scores_above_maximum(sheet(30, 20, 15, 15, 21), default_rubric("senior"))
    assert shown(Decimal("20.999")) == "20.99"
    assert shown(Decimal(21)) == "21"


def test_working_days_skip_national_day_and_count_make_up_days() -> None:
    # 2026-09-30 (Wed): 1–7 October are holidays; Sat 10 October is a make-up workday.
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)
    assert add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)
    assert add_working_days(date(2026, 11, 20), 0) == date(2026, 11, 20)


def test_notice_period_in_beijing_time() -> None:
    published = datetime(2026, 11, 20, 2, tzinfo=UTC)  # Friday 10:00 in Beijing
    until, ends = notice_period(published, 5)
    assert until == date(2026, 11, 27)
    assert ends == datetime(2026, 11, 28, tzinfo=CHINA)
    # Below the CSE's floor (a policy stored before the floors): still one working day.
    assert notice_period(published, 0) == notice_period(published, 1)
    assert notice_period(published, 1)[0] == date(2026, 11, 23)


def test_deadline_states() -> None:
    deadline = date(2027, 2, 28)
    assert deadline_state(deadline, date(2027, 1, 1), at_risk_days=30, closed=False) == "on_track"
    assert deadline_state(deadline, date(2027, 1, 29), at_risk_days=30, closed=False) == "at_risk"
    assert deadline_state(deadline, date(2027, 3, 1), at_risk_days=30, closed=False) == "overdue"
    assert deadline_state(deadline, date(2027, 3, 1), at_risk_days=30, closed=True) == "closed"
    # The edges: at risk from 30 days before, still not overdue on the deadline itself.
    assert deadline_state(deadline, date(2027, 1, 28), at_risk_days=30, closed=False) == "on_track"
    assert deadline_state(deadline, date(2027, 2, 28), at_risk_days=30, closed=False) == "at_risk"
    assert deadline_state(deadline, date(2027, 2, 28), at_risk_days=0, closed=False) == "at_risk"
    assert deadline_state(deadline, date(2027, 2, 27), at_risk_days=0, closed=False) == "on_track"


def test_pass_needs_every_assessment_and_fast_track_confirmation() -> None:
    base = Results(status="deliberation", materials_outcome="passed", uses_written_test=False,
                   written_test_passed=None, interview_outcome="passed", fast_track=False,
                   fast_track_materials_only=True, fast_track_confirmed=False)
    assert pass_blockers(base) == []
    assert len(pass_blockers(Results(**{**base.__dict__, "interview_outcome": "failed"}))) == 1
    assert len(pass_blockers(Results(**{**base.__dict__, "uses_written_test": True}))) == 1
    fast = Results(**{**base.__dict__, "fast_track": True, "interview_outcome": "not_required",
                      "uses_written_test": True})
    assert len(pass_blockers(fast)) == 1
    assert pass_blockers(Results(**{**fast.__dict__, "fast_track_confirmed": True})) == []


def chinese_part(message: str) -> str:
    return message.split(" / ")[0]


def test_chinese_sentences_carry_no_english_codes() -> None:
    narrow = Qualification(fields=["civil"], specialties=["civil.structural"],
                           levels=["professional"], active=True, trained=True)
    messages = [
        *qualification_problems(narrow, field_code="civil", specialty_code="civil.geotechnical",
                                level="senior"),
        *qualification_problems(narrow, field_code="electrical", specialty_code=None,
                                level="professional"),
        *review_problems(competencies={"ethics": {"achieved": False, "comment": ""}},
                         recommendation="pass", follow_up_needed=False, follow_up_points="",
                         supplement_requests=""),
        *scores_above_maximum(sheet(36, 21, 15, 15, 15), default_rubric("professional")),
    ]
    assert len(messages) == 10
    assert "考官无权评价资深工程会员" in messages[1]
    assert "电气工程类" in messages[2]
    for message in messages:
        assert not re.search(r"[A-Za-z]", chinese_part(message)), message
        assert re.search(r"[A-Za-z]{3}", message.split(" / ")[-1]), message
