"""Business errors of society policies."""

from kit.errors import NotFound, Unprocessable


class SocietyNotFound(NotFound):
    type_slug = "society-not-found"


class InvalidRubric(Unprocessable):
    type_slug = "invalid-rubric"
