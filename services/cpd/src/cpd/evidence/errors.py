"""Business errors of evidence files."""

from typing import ClassVar

from kit.errors import Conflict, NotFound, ProblemError


class EvidenceNotFound(NotFound):
    type_slug = "cpd-evidence-not-found"


class EvidenceTooLarge(ProblemError):
    status: ClassVar[int] = 413
    type_slug = "cpd-evidence-too-large"
    title = "文件过大 / The file is too large"


class UnsupportedEvidenceType(ProblemError):
    status: ClassVar[int] = 415
    type_slug = "cpd-evidence-unsupported-type"
    title = "不支持的文件类型 / Unsupported file type"


class EvidenceLocked(Conflict):
    type_slug = "cpd-evidence-locked"
