"""Business errors of registrations."""

from kit.errors import Conflict, NotFound


class RegistrationNotFound(NotFound):
    type_slug = "registration-not-found"


class RegistrationDecided(Conflict):
    type_slug = "registration-already-decided"
