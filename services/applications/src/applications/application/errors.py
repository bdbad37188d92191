"""Business errors of applications."""

from kit.errors import Conflict, NotFound, Unprocessable


class ApplicationNotFound(NotFound):
    type_slug = "application-not-found"


class InvalidTransition(Conflict):
    type_slug = "application-invalid-transition"


class CandidateMismatch(Unprocessable):
    type_slug = "candidate-mismatch"


class ReturnNeedsReasons(Unprocessable):
    type_slug = "return-needs-reasons"
