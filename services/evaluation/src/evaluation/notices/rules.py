"""Public notice (公示) rules as plain functions."""

from datetime import date, datetime

from kit.clock import china_date

from evaluation.cases.rules import add_working_days, end_of_china_day
from evaluation.policies.rules import MIN_NOTICE_WORKING_DAYS


def notice_period(published_at: datetime, working_days: int) -> tuple[date, datetime]:
    """(last day of the notice, the instant it ends).

    The notice runs for `working_days` Chinese working days after the day of publication
    (a part day is not counted) and ends at midnight Beijing time after the last one. Never
    shorter than the CSE's floor of one working day, whatever a stored policy says: a pass
    is never registered without a notice (004 §4(三)).
    """
    published_on = china_date(published_at)
    last_day = add_working_days(published_on, max(working_days, MIN_NOTICE_WORKING_DAYS))
    return last_day, end_of_china_day(last_day)
