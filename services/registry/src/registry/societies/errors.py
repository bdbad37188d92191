"""Business errors of the societies' register settings."""

from kit.errors import Forbidden, NotFound, Unprocessable


class UnknownSociety(NotFound):
    type_slug = "society-not-found"


class SocietyRequired(Unprocessable):
    type_slug = "society-required"


class SettingReserved(Forbidden):
    type_slug = "register-setting-reserved"
