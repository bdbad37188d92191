"""Public notice (公示) rules as plain functions."""

from datetime import date, datetime

from evaluation.cases.rules import add_working_days, china_date, end_of_china_day


def notice_period(published_at: datetime, working_days: int) -> tuple[date, datetime]:
    """(last day of the notice, the instant it ends).

    The notice runs for `working_days` Chinese working days after the day of publication
    (a part day is not counted) and ends at midnight Beijing time after the last one;
    0 working days end it at publication (a society that publishes elsewhere first).
    """
    published_on = china_date(published_at)
    if working_days <= 0:
        return published_on, published_at
    last_day = add_working_days(published_on, working_days)
    return last_day, end_of_china_day(last_day)
