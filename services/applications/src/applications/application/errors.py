"""Business errors of applications."""

from kit.errors import Conflict, NotFound, Unprocessable


class ApplicationNotFound(NotFound):
    type_slug = "application-not-found"


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
