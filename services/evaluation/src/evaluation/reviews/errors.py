"""Business errors of materials review."""

from kit.errors import Conflict, NotFound, Unprocessable


class ReviewNotFound(NotFound):
    type_slug = "review-not-found"


class ReviewLocked(Conflict):
    type_slug = "review-locked"
    title = "审查记录已提交并锁定 / The review record is submitted and locked"


class RoundClosed(Conflict):
    type_slug = "review-round-closed"


class ReviewIncomplete(Conflict):
    type_slug = "review-incomplete"
    title = "审查记录尚未填写完整 / The review record is not complete"


class DeadlineInPast(Unprocessable):
    type_slug = "deadline-in-past"
