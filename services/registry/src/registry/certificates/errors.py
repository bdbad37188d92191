"""Business errors of the register."""

from kit.errors import Conflict, Forbidden, NotFound, Unprocessable


class CertificateNotFound(NotFound):
    type_slug = "certificate-not-found"


class NotYourCertificate(Forbidden):
    type_slug = "certificate-not-yours"


class StatusChangeRefused(Conflict):
    type_slug = "certificate-status-change-refused"
    title = "证书状态不允许此变更 / The certificate's status does not allow this change"


class InvalidEffectiveDate(Unprocessable):
    type_slug = "certificate-effective-date-invalid"
