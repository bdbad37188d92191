"""Business errors of deferrals."""

from kit.errors import Conflict, NotFound, Unprocessable


class DeferralNotFound(NotFound):
    type_slug = "cpd-deferral-not-found"


class InvalidDeferral(Unprocessable):
    type_slug = "cpd-deferral-invalid"


class DeferralDecided(Conflict):
    type_slug = "cpd-deferral-decided"
