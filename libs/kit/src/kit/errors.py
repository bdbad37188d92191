"""Business errors that know their HTTP status (RFC 9457 problem details); no framework here,
so service code and workers can raise them without importing the web stack."""

from typing import Any, ClassVar

PROBLEM_JSON = "application/problem+json"
# Problem types are relative references (RFC 9457 §3.1.1): resolved against the request's URL
# they name the gateway's page explaining the type, `/problems/{slug}`, on whatever host the
# client reached the platform by.
TYPE_BASE = "/problems/"


class ProblemError(Exception):
    """A business error that knows its HTTP status; titles are bilingual for people to act on."""

    status: ClassVar[int] = 400
    type_slug: ClassVar[str] = "bad-request"
    title: ClassVar[str] = "请求有误 / Bad request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": TYPE_BASE + self.type_slug,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extensions)
        return body


class NotAuthenticated(ProblemError):
    status = 401
    type_slug = "not-authenticated"
    title = "未登录或令牌无效 / Not authenticated"


class Forbidden(ProblemError):
    status = 403
    type_slug = "forbidden"
    title = "无权执行此操作 / Forbidden"


class NotFound(ProblemError):
    status = 404
    type_slug = "not-found"
    title = "未找到 / Not found"


class Conflict(ProblemError):
    status = 409
    type_slug = "conflict"
    title = "与当前状态冲突 / Conflict with the current state"


class PreconditionFailed(ProblemError):
    status = 412
    type_slug = "precondition-failed"
    title = "文档已被他人修改 / The document was changed by someone else"


class Unprocessable(ProblemError):
    status = 422
    type_slug = "validation-error"
    title = "提交的数据有误 / The submitted data is invalid"


class ConcurrentUpdate(Conflict):
    type_slug = "concurrent-update"
    title = "并发修改冲突，请重试 / A concurrent change conflicted; retry"


class ServiceUnavailable(ProblemError):
    """A dependency (the database, the broker) cannot be reached: retry after a few seconds."""

    status = 503
    type_slug = "service-unavailable"
    title = "服务暂时不可用 / Service temporarily unavailable"

    def __init__(self, detail: str, retry_after: int = 5, **extensions: Any) -> None:
        super().__init__(detail, **extensions)
        self.retry_after = retry_after


DATABASE_UNAVAILABLE = (
    "数据库暂时无法访问，您的请求未被保存，请稍后重试 / The database cannot be reached right "
    "now; nothing of this request was stored. Retry in a few seconds."
)
