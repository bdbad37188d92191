"""Business errors of applications."""

from kit.errors import Conflict, NotFound, Unprocessable


class ApplicationNotFound(NotFound):
    type_slug = "application-not-found"


class PanelAccessPending(Conflict):
    """An examiner of the society asks for an application before evaluation's panel event
    has reached this service: not a missing application, a seat still being opened."""

    type_slug = "panel-access-pending"
    title = "考官查阅权限尚未开通 / Panel access not open yet"


class InvalidTransition(Conflict):
    type_slug = "application-invalid-transition"


class ApplicationLocked(Conflict):
    type_slug = "application-locked"


class CandidateMismatch(Unprocessable):
    type_slug = "candidate-mismatch"


class ReturnNeedsReasons(Unprocessable):
    type_slug = "return-needs-reasons"


class SubmissionBlocked(Conflict):
    """Submission refused: `errors` lists every unmet requirement or failed rule."""

    type_slug = "submission-blocked"
    title = "申请尚不能提交 / The application cannot be submitted yet"


class ResubmissionOverdue(Conflict):
    type_slug = "resubmission-overdue"


class CommitmentVersionOutdated(Conflict):
    type_slug = "commitment-version-outdated"


class SupplementNotOpen(Conflict):
    type_slug = "supplement-not-open"


class SupplementNotFound(NotFound):
    type_slug = "supplement-not-found"


class SupplementEmpty(Conflict):
    type_slug = "supplement-empty"
