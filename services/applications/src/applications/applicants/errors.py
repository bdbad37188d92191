"""Business errors of applicant profiles."""

from kit.errors import Conflict, NotFound


class ProfileNotFound(NotFound):
    type_slug = "applicant-profile-not-found"


class IdentityInUse(Conflict):
    type_slug = "identity-number-in-use"
