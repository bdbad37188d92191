"""The pages problem `type`s resolve to: `/problems/` lists every type, `/problems/{slug}`
explains one (what it means, the likely cause, what to do), in Chinese and English, from the
committed catalogue `cse_contracts/problems.json` (built by `make contract`)."""

from html import escape
from typing import Any

from cse_contracts.problems import load
from fastapi import APIRouter, Path
from fastapi.responses import HTMLResponse
from kit.errors import NotFound

router = APIRouter(prefix="/problems", tags=["problems"], include_in_schema=False)

# (likely cause, what to do) per status, Chinese then English.
_GUIDANCE: dict[int, tuple[str, str, str, str]] = {
    400: ("请求体或参数无法解析（编码不是 UTF-8，或不是声明的媒体类型）。",
          "The body or a parameter could not be parsed (not UTF-8, or not the declared type).",
          "按接口文档修正请求格式后重发。",
          "Fix the request's encoding or syntax as the operation documents it, then resend."),
    401: ("没有带 Bearer 令牌，或令牌无效、过期、已被吊销；登录时为用户名、密码或客户端密钥错误。",
          "No bearer token, or it is invalid, expired or revoked; at sign-in, wrong credentials.",
          "从 /v1/auth/token 重新获取令牌，或核对凭据。",
          "Get a new token from /v1/auth/token, or check the credentials."),
    403: ("您的角色不能执行此操作，或数据属于其他学会、企业或机构。",
          "Your role may not do this, or the data belongs to another society, enterprise or "
          "organisation.",
          "使用有权限的账号；各接口允许的角色见 /docs。",
          "Use an account with a permitted role; /docs names the roles of every operation."),
    404: ("对象不存在，或对您不可见。", "It does not exist, or is not visible to you.",
          "核对标识；用列表接口查找。", "Check the identifier; find it with the list operation."),
    405: ("此路径不支持该 HTTP 方法。", "The path does not answer this HTTP method.",
          "使用 Allow 响应头列出的方法。", "Use one of the methods the `Allow` header lists."),
    409: ("与当前状态冲突：已处理过、状态不允许此步骤，或有并发修改。",
          "It conflicts with the current state: already done, a step the state does not allow, "
          "or a concurrent change.",
          "阅读 detail，重新 GET 最新状态后再决定是否重试。",
          "Read `detail`, GET the current state again, then decide whether to retry."),
    412: ("If-Match 不是当前的 ETag：别人已保存过新版本。",
          "If-Match is not the current ETag: someone saved a newer version.",
          "重新 GET，合并您的修改，带上新的 ETag 保存。",
          "GET it again, reapply your changes and save with the new ETag."),
    413: ("请求体或上传文件超过大小上限。", "The body or the uploaded file exceeds the size limit.",
          "缩小文件后重试。", "Send a smaller file."),
    415: ("上传文件或请求体的类型不被接受。", "The file's or the body's type is not accepted.",
          "按接口文档使用允许的类型（如 PDF、JPEG、PNG、xlsx）。",
          "Send one of the types the operation documents (e.g. PDF, JPEG, PNG, xlsx)."),
    422: ("提交的数据未通过校验。", "The submitted data failed validation.",
          "按 errors 列表逐项更正后重新提交。",
          "Correct each item of `errors` (code, message_zh / message_en, location) and resubmit."),
    428: ("缺少 If-Match 请求头。", "The If-Match header is missing.",
          "先 GET 文档，再带上返回的 ETag。", "GET the document first and send its ETag."),
    429: ("请求过于频繁。", "Too many requests from this client.",
          "稍等片刻后重试。", "Wait a moment and retry."),
    500: ("平台内部错误。", "An error inside the platform.",
          "稍后重试；如持续出现，请提供 X-Request-ID（request_id）联系管理员。",
          "Retry later; if it persists, contact support quoting the request_id."),
    502: ("网关后的服务没有响应。", "The service behind the gateway did not answer.",
          "稍后重试。", "Retry later."),
    503: ("数据库、消息代理或身份服务暂时无法访问；请求没有被保存。",
          "The database, the broker or the identity service cannot be reached; nothing was "
          "stored.",
          "等待 Retry-After 秒后重试。", "Retry after the `Retry-After` seconds."),
    504: ("网关后的服务响应超时。", "The service behind the gateway took too long to answer.",
          "稍后重试；写操作请先 GET 确认是否已生效。",
          "Retry later; for a write, GET first to see whether it took effect."),
}

_STYLE = ("body{font-family:system-ui,'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;"
          "max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.6}"
          "code{background:#f3f3f3;padding:0 .2em}table{border-collapse:collapse}"
          "td,th{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}")


def _page(title: str, body: str) -> HTMLResponse:
    html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>")
    return HTMLResponse(html, headers={"Cache-Control": "public, max-age=3600"})


def _titles(entry: dict[str, Any]) -> tuple[str, str]:
    zh, _, en = str(entry["title"]).partition(" / ")
    return zh.strip(), (en.strip() or zh.strip())


@router.get("/", response_class=HTMLResponse)
async def problem_index() -> HTMLResponse:
    """Every problem type of the platform."""
    rows = "".join(
        f'<tr><td><a href="/problems/{escape(slug)}"><code>{escape(slug)}</code></a></td>'
        f"<td>{entry['status']}</td><td>{escape(_titles(entry)[0])}</td>"
        f"<td>{escape(_titles(entry)[1])}</td></tr>"
        for slug, entry in load().items())
    return _page("问题类型 / Problem types", (
        "<h1>问题类型 / Problem types</h1>"
        "<p>平台的每个错误都以 <code>application/problem+json</code>（RFC 9457）返回，"
        "其 <code>type</code> 指向下列页面之一。/ Every error of the platform is an "
        "<code>application/problem+json</code> (RFC 9457) whose <code>type</code> is one of "
        "these pages; compare on <code>type</code>, not on <code>title</code>.</p>"
        "<table><tr><th>type</th><th>status</th><th>中文</th><th>English</th></tr>"
        f"{rows}</table>"))


@router.get("/{slug}", response_class=HTMLResponse)
async def problem_page(
    slug: str = Path(description="The problem type's last path segment, e.g. `not-found`."),
) -> HTMLResponse:
    """What one problem type means, its likely cause and what to do."""
    entry = load().get(slug)
    if entry is None:
        raise NotFound(f"没有问题类型 {slug} / There is no problem type {slug}; see /problems/.")
    zh, en = _titles(entry)
    status = int(entry["status"])
    cause_zh, cause_en, do_zh, do_en = _GUIDANCE.get(
        status, ("见 detail。", "See `detail`.", "按 detail 处理。", "Act on `detail`."))
    explanation = str(entry.get("explanation") or "")
    services = ", ".join(entry.get("services", []))
    return _page(f"{zh} / {en}", (
        f"<h1>{escape(zh)}<br>{escape(en)}</h1>"
        f"<p><code>type</code>: <code>{escape(entry.get('uri', '/problems/' + slug))}</code>"
        f" · HTTP {status} · {escape(services)}</p>"
        "<h2>含义 / What it means</h2>"
        f"<p>{escape(zh)}。{escape(explanation)}</p><p>{escape(en)}.</p>"
        f"<h2>可能的原因 / Likely cause</h2><p>{escape(cause_zh)}</p><p>{escape(cause_en)}</p>"
        f"<h2>怎么办 / What to do</h2><p>{escape(do_zh)}</p><p>{escape(do_en)}</p>"
        "<p>响应的 <code>detail</code> 说明这次请求的具体情况；<code>request_id</code> "
        "可用于向管理员求助。/ The response's <code>detail</code> says what happened to "
        "this request; quote its <code>request_id</code> when asking for support.</p>"
        '<p><a href="/problems/">全部问题类型 / All problem types</a></p>'))
