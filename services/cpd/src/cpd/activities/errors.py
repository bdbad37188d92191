"""Business errors of CPD activities."""

from kit.errors import Conflict, NotFound, Unprocessable


class ActivityNotFound(NotFound):
    type_slug = "cpd-activity-not-found"


class InvalidActivity(Unprocessable):
    type_slug = "cpd-activity-invalid"


class YearClosed(Conflict):
    type_slug = "cpd-year-closed"
    title = "该年度已关闭 / The year is closed"


class ActivityLocked(Conflict):
    type_slug = "cpd-activity-locked"
