"""Business errors of complaints."""

from kit.errors import Conflict, NotFound, ProblemError, Unprocessable


class ComplaintNotFound(NotFound):
    type_slug = "complaint-not-found"


class ComplaintStateConflict(Conflict):
    type_slug = "complaint-state-conflict"
    title = "意见建议当前状态不允许此操作 / Not allowed in the complaint's current state"


class ComplaintInvalid(Unprocessable):
    type_slug = "complaint-invalid"


class AttachmentTooLarge(ProblemError):
    status = 413
    type_slug = "complaint-attachment-too-large"
    title = "附件过大 / Attachment too large"


class UnsupportedAttachmentType(ProblemError):
    status = 415
    type_slug = "complaint-attachment-type"
    title = "附件类型不支持 / Unsupported attachment type"
