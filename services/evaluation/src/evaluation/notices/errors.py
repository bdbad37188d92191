"""Business errors of the public notice and objections."""

from kit.errors import Conflict, NotFound


class NoticeNotFound(NotFound):
    type_slug = "notice-not-found"


class NoticeClosed(Conflict):
    type_slug = "notice-closed"
    title = "公示期已结束 / The public notice has ended"


class ObjectionNotFound(NotFound):
    type_slug = "objection-not-found"


class ObjectionResolved(Conflict):
    type_slug = "objection-already-resolved"
