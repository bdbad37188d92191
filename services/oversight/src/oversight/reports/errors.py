"""Errors of the pilot report."""

from kit.errors import NotFound, Unprocessable


class PeriodInvalid(Unprocessable):
    type_slug = "report-period-invalid"


class TargetInvalid(Unprocessable):
    type_slug = "report-target-invalid"


class ReportNotReady(NotFound):
    type_slug = "report-not-ready"
