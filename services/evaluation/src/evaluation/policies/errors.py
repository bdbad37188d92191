"""Business errors of society policies."""

from kit.errors import NotFound, Unprocessable


class SocietyNotFound(NotFound):
    type_slug = "society-not-found"


class InvalidRubric(Unprocessable):
    type_slug = "invalid-rubric"


class LooserThanCse(Unprocessable):
    """A society setting below a CSE floor; each item of `errors` names the setting (`field`)
    and quotes the rule it breaks (DOMAIN.md §13)."""

    type_slug = "looser-than-cse-rule"
    title = "不能放宽联合体的规定 / A society cannot loosen the CSE's rules"
