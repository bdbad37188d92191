"""The words the API documents are the words the code stores: every enum of the schemas is
checked against the rules that write the column."""

from typing import get_args

from oversight.calibration import rules as calibration_rules
from oversight.calibration.schemas import ScoreKind
from oversight.complaints import rules
from oversight.complaints.schemas import (
    AboutKind,
    Action,
    ComplaintAboutRecord,
    Kind,
    Move,
    Status,
)
from oversight.reports import metrics, reference
from oversight.reports import rules as report_rules
from oversight.reports.schemas import AccessField, MetricCode, NonAccessField, PeriodKind


def test_complaint_words_are_the_stored_words() -> None:
    assert get_args(Status) == rules.STATES
    assert set(get_args(Status)) == set(rules.STATE_NAMES)
    assert get_args(Kind) == rules.KINDS
    assert get_args(AboutKind) == rules.ABOUT_KINDS
    assert get_args(Move) == tuple(rules.MOVES)
    # A step is a move, the sender's submission, or an attachment.
    assert set(get_args(Action)) == set(rules.MOVES) | {"submit", "attach"}
    # The shape that requires `about_ref` is the one for the kinds that need a reference.
    about_record = ComplaintAboutRecord.model_fields["about_kind"].annotation
    assert set(get_args(about_record)) == rules.NEEDS_REFERENCE


def test_report_words_are_the_stored_words() -> None:
    assert get_args(MetricCode) == metrics.METRICS
    assert set(get_args(ScoreKind)) == set(calibration_rules.THRESHOLDS)
    assert set(get_args(PeriodKind)) == set(report_rules._PATTERNS)
    assert get_args(AccessField) == tuple(reference.GBA_ACCESS_FIELDS)
    assert get_args(NonAccessField) == tuple(reference.GBA_NON_ACCESS_FIELDS)
