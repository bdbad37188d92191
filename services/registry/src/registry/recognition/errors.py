"""Business errors of mutual recognition."""

from kit.errors import Conflict, Forbidden, NotFound


class AgreementNotFound(NotFound):
    type_slug = "agreement-not-found"


class ReferralNotFound(NotFound):
    type_slug = "referral-not-found"


class ReferralNotAllowed(Conflict):
    type_slug = "referral-not-allowed"


class NotYourReferral(Forbidden):
    type_slug = "referral-not-yours"
