"""Business errors of interviews."""

from kit.errors import Conflict, NotFound


class InterviewNotFound(NotFound):
    type_slug = "interview-not-found"


class InterviewClosed(Conflict):
    type_slug = "interview-closed"
    title = "面试评分已完成 / The interview has been scored"


class ScoresLocked(Conflict):
    type_slug = "interview-scores-locked"
    title = "评分已提交并锁定 / Your scores are submitted and locked"


class InterviewNotRequired(Conflict):
    type_slug = "interview-not-required"


class InterviewNotHeldYet(Conflict):
    type_slug = "interview-not-held-yet"
    title = "面试尚未开始，不能评分 / The interview has not taken place yet"
