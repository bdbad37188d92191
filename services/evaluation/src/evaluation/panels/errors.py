"""Business errors of panel assignment."""

from kit.errors import Conflict, NotFound


class ExaminerConflicted(Conflict):
    type_slug = "examiner-conflict-of-interest"
    title = "考官存在利益冲突 / The examiner has a conflict of interest"


class ExaminerNotQualified(Conflict):
    type_slug = "examiner-not-qualified"
    title = "考官不具备该案件的评价资格 / The examiner is not qualified for this case"


class AlreadyOnPanel(Conflict):
    type_slug = "already-on-panel"


class PanelTooSmall(Conflict):
    type_slug = "panel-too-small"


class SeatNotFound(NotFound):
    type_slug = "panel-seat-not-found"


class AlreadyDeclared(Conflict):
    type_slug = "already-declared"
