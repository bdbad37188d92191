"""Business errors of CPD policies."""

from kit.errors import Forbidden, NotFound, Unprocessable


class PolicyLooserThanCse(Unprocessable):
    type_slug = "cpd-policy-looser-than-cse"
    title = "低于联合体规定的下限 / Looser than the CSE's rules"


class PolicyInThePast(Unprocessable):
    type_slug = "cpd-policy-in-the-past"


class UnknownSociety(NotFound):
    type_slug = "cpd-unknown-society"


class NotYourSociety(Forbidden):
    type_slug = "cpd-not-your-society"
