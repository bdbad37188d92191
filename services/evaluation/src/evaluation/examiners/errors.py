"""Business errors of the examiner pool."""

from kit.errors import Conflict, NotFound, Unprocessable


class ExaminerNotFound(NotFound):
    type_slug = "examiner-not-found"


class ExaminerExists(Conflict):
    type_slug = "examiner-exists"


class NotAnExaminer(NotFound):
    type_slug = "examiner-profile-missing"
    title = "未找到您的考官档案 / You have no examiner profile in this society"


class UnknownExaminerAccount(Unprocessable):
    type_slug = "unknown-examiner-account"
    title = "考官账号不存在 / No such examiner account"
