"""Business errors of recommendations, the Excel upload and pre-screening."""

from typing import ClassVar

from kit.errors import Conflict, Forbidden, NotFound, ProblemError, Unprocessable


class RecommendationNotFound(NotFound):
    type_slug = "recommendation-not-found"


class CandidateNotFound(NotFound):
    type_slug = "candidate-not-found"


class NotAnEnterprise(Forbidden):
    type_slug = "enterprise-required"


class IdempotencyKeyReused(Conflict):
    type_slug = "idempotency-key-reused"


class ClaimCodeUnknown(NotFound):
    type_slug = "claim-code-unknown"
    title = "推荐码无效 / Unknown claim code"


class ClaimedByAnother(Conflict):
    type_slug = "recommendation-claimed-by-another"
    title = "该推荐已被其他账户认领 / This recommendation was claimed by another account"


class AlreadyScreened(Conflict):
    type_slug = "candidate-already-screened"


class ScreeningIncomplete(Unprocessable):
    type_slug = "screening-incomplete"


class SocietyNotAuthorizedForField(Unprocessable):
    type_slug = "society-not-authorized-for-field"


class UnknownFields(Unprocessable):
    type_slug = "unknown-field"


class WorkbookTooLarge(ProblemError):
    status: ClassVar[int] = 413
    type_slug = "workbook-too-large"
    title = "Excel 文件过大 / The workbook is too large"


class NotAnXlsx(ProblemError):
    status: ClassVar[int] = 415
    type_slug = "not-an-xlsx"
    title = "不是有效的 .xlsx 文件 / Not a valid .xlsx workbook"


class UnsafeWorkbook(Unprocessable):
    type_slug = "unsafe-workbook"
    title = "Excel 文件含有不安全的内容 / The workbook has unsafe content"


class WorkbookInvalid(Unprocessable):
    """Some rows are wrong: nothing was stored; `errors` lists each by sheet, row and column."""

    type_slug = "workbook-invalid"
    title = "推荐表有误，未保存任何内容 / The workbook has errors; nothing was stored"


class ExcelImportUnavailable(ProblemError):
    status: ClassVar[int] = 503
    type_slug = "excel-import-unavailable"
    title = "Excel 导入暂不可用 / Excel import is unavailable"
