"""Business errors of the register."""

from kit.errors import NotFound


class CertificateNotFound(NotFound):
    type_slug = "certificate-not-found"
