from kit.errors import Conflict, Forbidden, NotAuthenticated, NotFound, ProblemError, Unprocessable

# `error` carries the RFC 6749 code, for OAuth2 client libraries that look for it.


class InvalidCredentials(NotAuthenticated):
    type_slug = "invalid-credentials"
    title = "用户名或密码错误 / Wrong username or password"

    def __init__(self) -> None:
        # One message whether or not the username exists, so it cannot be used to probe.
        super().__init__(
            "用户名或密码错误，或账号已停用 / The username or password is wrong, "
            "or the account is disabled.",
            error="invalid_grant",
        )


class InvalidClient(NotAuthenticated):
    type_slug = "invalid-client"
    title = "客户端认证失败 / Client authentication failed"

    def __init__(self) -> None:
        super().__init__(
            "客户端标识或密钥错误，或客户端已停用 / The client id or secret is wrong, "
            "or the client is disabled.",
            error="invalid_client",
        )


class InvalidTokenRequest(ProblemError):
    status = 400
    type_slug = "invalid-token-request"
    title = "令牌请求无效 / Invalid token request"

    def __init__(self, detail: str, error: str = "invalid_request") -> None:
        super().__init__(detail, error=error)


class UsernameTaken(Conflict):
    type_slug = "username-taken"
    title = "用户名已被使用 / Username already taken"


class ClientIdTaken(Conflict):
    type_slug = "client-id-taken"
    title = "客户端标识已存在 / Client id already exists"


class TenantRequired(Unprocessable):
    type_slug = "tenant-required"
    title = "缺少所属学会或企业 / The role needs its society or enterprise"


class CreationForbidden(Forbidden):
    type_slug = "account-creation-forbidden"
    title = "无权创建此账号 / Not allowed to create this account"


class AccountNotFound(NotFound):
    type_slug = "account-not-found"
    title = "账号不存在 / No such account"
