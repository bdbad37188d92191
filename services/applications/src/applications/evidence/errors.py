"""Business errors of evidence files."""

from typing import ClassVar

from kit.errors import Conflict, Forbidden, NotFound, ProblemError, Unprocessable


class EvidenceNotFound(NotFound):
    type_slug = "evidence-not-found"


class EvidenceTooLarge(ProblemError):
    status: ClassVar[int] = 413
    type_slug = "evidence-too-large"
    title = "文件过大 / The file is too large"


class UnsupportedEvidenceType(ProblemError):
    status: ClassVar[int] = 415
    type_slug = "evidence-unsupported-type"
    title = "不支持的文件类型 / Unsupported file type"


class UnknownEvidenceKind(Unprocessable):
    type_slug = "evidence-unknown-kind"


class EvidenceLocked(Conflict):
    type_slug = "evidence-locked"


class EvidenceAccessDenied(Forbidden):
    type_slug = "evidence-access-denied"
