"""Business errors of the examiner pool."""

from kit.errors import Conflict, NotFound


class ExaminerNotFound(NotFound):
    type_slug = "examiner-not-found"


class ExaminerExists(Conflict):
    type_slug = "examiner-exists"


class NotAnExaminer(NotFound):
    type_slug = "examiner-profile-missing"
    title = "未找到您的考官档案 / You have no examiner profile in this society"
