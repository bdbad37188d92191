"""Business errors of member status changes."""

from kit.errors import Conflict, NotFound


class AlreadyBarred(Conflict):
    type_slug = "member-already-barred"


class NotAMember(NotFound):
    type_slug = "member-not-found"
