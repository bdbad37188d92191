"""Business errors of evaluation cases."""

from kit.errors import Conflict, NotFound, Unprocessable


class CaseNotFound(NotFound):
    type_slug = "case-not-found"


class CaseNotOpen(Conflict):
    type_slug = "case-invalid-transition"


class DecisionNeedsReasons(Unprocessable):
    type_slug = "decision-needs-reasons"
