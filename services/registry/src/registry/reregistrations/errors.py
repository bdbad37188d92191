"""Business errors of re-registration."""

from kit.errors import Conflict, NotFound


class ReregistrationNotOpen(Conflict):
    type_slug = "reregistration-not-open"
    title = "不在再注册受理期内 / Re-registration is not open"


class ReregistrationNotAllowed(Conflict):
    type_slug = "reregistration-not-allowed"


class ReregistrationNotFound(NotFound):
    type_slug = "reregistration-not-found"


class ReregistrationDecided(Conflict):
    type_slug = "reregistration-already-decided"


class CpdNotMet(Conflict):
    type_slug = "reregistration-cpd-not-met"
    title = "持续职业发展未达标 / CPD requirement not met"
