"""Business errors of evaluation cases."""

from kit.errors import Conflict, Forbidden, NotFound, Unprocessable


class CaseNotFound(NotFound):
    type_slug = "case-not-found"


class CaseNotOpen(Conflict):
    type_slug = "case-invalid-transition"


class DecisionNeedsReasons(Unprocessable):
    type_slug = "decision-needs-reasons"


class PassNotAllowed(Conflict):
    type_slug = "pass-not-allowed"
    title = "评价尚未完成或未通过，不能审议通过 / The assessments do not support a pass yet"


class DeclarationRequired(Forbidden):
    type_slug = "declaration-required"
    title = "请先声明无利益冲突 / Declare that you have no conflict of interest first"


class NotFastTrack(Conflict):
    type_slug = "not-fast-track"


class NoticeStillRunning(Conflict):
    type_slug = "notice-still-running"
    title = "公示期尚未结束 / The public notice is still running"


class ObjectionsOpen(Conflict):
    type_slug = "objections-open"
    title = "公示期异议尚未处理 / Objections to the notice are not resolved"


class WrittenTestNotUsed(Conflict):
    type_slug = "written-test-not-used"


class ScoreAboveMaximum(Unprocessable):
    type_slug = "score-above-maximum"
