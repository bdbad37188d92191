"""Business errors of member status changes."""

from kit.errors import Conflict


class AlreadyBarred(Conflict):
    type_slug = "member-already-barred"
