"""The public register (公开查询), its change feed, and the verification page for QR scans."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from kit.app import SessionDep
from kit.errors import PROBLEM_JSON
from kit.openapi import PROBLEM

from registry.certificates.rules import normalise_number
from registry.register import service
from registry.register.rules import MAX_FEED_PAGE, MAX_PAGE, language
from registry.register.schemas import ChangeFeed, RegisterPage

router = APIRouter(tags=["public register"])

# nginx micro-caches public answers for a few seconds (gateway/nginx.py); browsers and
# mirrors may keep them as briefly, so a status change is seen within seconds everywhere.
PUBLIC_CACHE = "public, max-age=3"
Level = Literal["apprentice", "professional", "senior"]
Lang = Annotated[Literal["zh", "en"] | None, Query(description="zh or en; else Accept-Language")]
AcceptLanguage = Annotated[str | None, Header(max_length=500, description=(
    "The browser's languages; English when the first is `en…`, else Chinese (unless `lang`)"))]


@router.get("/v1/register")
async def search_register(
    response: Response, session: SessionDep,
    number: Annotated[str | None, Query(max_length=40, description="Unified number, any case")]
    = None,
    name: Annotated[str | None, Query(min_length=2, max_length=100,
                                      description="The holder's full name, exactly")] = None,
    society: Annotated[str | None, Query(max_length=20, description=(
        "With `name`: only certificates of this society, by code (e.g. `cces`)"))] = None,
    field: Annotated[str | None, Query(max_length=40, description=(
        "With `name`: only certificates of this engineering field, by code (e.g. `civil`)"))]
    = None,
    level: Annotated[Level | None, Query(description="With `name`: only this level")] = None,
    cursor: Annotated[str | None, Query(max_length=40, description=(
        "`next_cursor` of the previous page (the last certificate number it showed)"))] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Certificates per page")] = 10,
) -> RegisterPage:
    """Search the public register by number, or by name with society / field / level.

    Never a listing of the whole register: without `number` or `name` the page is empty."""
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return await service.search(session, number=number, name=name, society=society,
                                field=field, level=level, cursor=cursor, limit=limit)


@router.get("/v1/register/changes")
async def register_changes(
    response: Response, session: SessionDep,
    since: Annotated[str | None, Query(max_length=18, pattern=r"^[0-9]{1,18}$", description=(
        "`next_cursor` of the previous page (digits); from the start when left out"))] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_FEED_PAGE, description="Changes per page")] = 100,
) -> ChangeFeed:
    """Every issue, status change and re-registration in order, for mirrors of the register."""
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return await service.changes(session, since, limit)


def _html(body: str, status_code: int, lang: str) -> HTMLResponse:
    return HTMLResponse(body, status_code=status_code, headers={
        "Cache-Control": PUBLIC_CACHE, "Vary": "Accept-Language",
        # The page needs nothing from anywhere, scripts least of all.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                   "form-action 'self'; base-uri 'none'",
        "Content-Language": "zh-CN" if lang == "zh" else "en",
    })


# The verification page answers an unknown number with an HTML page too (a person scanned it);
# a request the service refuses before the page (a too-long number) is a problem document.
UNKNOWN_PAGE: dict[int | str, dict[str, Any]] = {404: {
    "description": "没有该编号的证书：页面如此说明 / No certificate has this number; the page "
                   "says so",
    "content": {"text/html": {"schema": {"type": "string"}},
                PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}},
}}


@router.get("/verify", response_class=HTMLResponse, responses={
    303: {"description": "A number was submitted: its page, `/verify/{number}?lang=…`",
          "headers": {"Location": {"description": "The page of the submitted number",
                                   "schema": {"type": "string"}}}},
    **UNKNOWN_PAGE})
async def verify_form(
    session: SessionDep, lang: Lang = None,
    number: Annotated[str | None, Query(max_length=40, description=(
        "A unified number typed into the form (any case): redirects (303) to its page"))] = None,
    accept_language: AcceptLanguage = None,
) -> Response:
    """The verification form (HTML); a submitted number goes to its page."""
    chosen = language(lang, accept_language)
    if number and number.strip():
        return RedirectResponse(f"/verify/{normalise_number(number)}?lang={chosen}",
                                status_code=303)
    body, status_code = await service.verification_page(session, None, chosen)
    return _html(body, status_code, chosen)


@router.get("/verify/{number}", response_class=HTMLResponse, responses=UNKNOWN_PAGE)
async def verify_page(
    session: SessionDep, number: Annotated[str, Path(max_length=40, description=(
        "The unified number printed on the certificate and in its QR code; any case"))],
    lang: Lang = None, accept_language: AcceptLanguage = None,
) -> HTMLResponse:
    """The page a QR code on a certificate opens: its status in plain words, since when."""
    chosen = language(lang, accept_language)
    body, status_code = await service.verification_page(session, number, chosen)
    return _html(body, status_code, chosen)
