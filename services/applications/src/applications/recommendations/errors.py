"""Business errors of recommendations and pre-screening."""

from kit.errors import Conflict, Forbidden, NotFound, Unprocessable


class RecommendationNotFound(NotFound):
    type_slug = "recommendation-not-found"


class CandidateNotFound(NotFound):
    type_slug = "candidate-not-found"


class NotAnEnterprise(Forbidden):
    type_slug = "enterprise-required"


class IdempotencyKeyReused(Conflict):
    type_slug = "idempotency-key-reused"


class AlreadyScreened(Conflict):
    type_slug = "candidate-already-screened"


class ScreeningIncomplete(Unprocessable):
    type_slug = "screening-incomplete"
