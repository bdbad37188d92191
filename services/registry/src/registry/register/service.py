"""The public register: search, the change feed, and the verification page."""

from functools import cache
from importlib.resources import files

import jinja2
from kit import clock
from kit.errors import Unprocessable
from sqlalchemy.ext.asyncio import AsyncSession

from registry import names
from registry.certificates import repository
from registry.certificates.rules import LEVEL_NAMES, STATUS_WORDS, effective_status, expires_on
from registry.certificates.rules import normalise_number as normalise
from registry.certificates.schemas import PublicCertificate
from registry.models import Certificate
from registry.register.rules import EXPLANATIONS, STATUS_TONE, Language
from registry.register.schemas import ChangeFeed, RegisterChange, RegisterPage


def public_view(certificate: Certificate) -> PublicCertificate:
    """Always: name, level, field, society, validity and status; employer and contact only
    with the member's consent."""
    member = certificate.member
    status = effective_status(certificate.status, certificate.valid_until, clock.today())
    since = certificate.status_since
    if status == "expired" and certificate.status != "expired":
        since = expires_on(certificate.valid_until)
    return PublicCertificate(
        number=certificate.number, holder_name=member.name,
        society_code=certificate.society_code, level=certificate.level,
        field_code=certificate.field_code, specialty_code=certificate.specialty_code,
        status=status, status_since=since, valid_from=certificate.valid_from,
        valid_until=certificate.valid_until,
        employer=member.employer if member.show_employer else None,
        contact_email=member.contact_email if member.show_contact else None,
    )


async def search(session: AsyncSession, *, number: str | None, name: str | None,
                 society: str | None, field: str | None, level: str | None,
                 cursor: str | None, limit: int) -> RegisterPage:
    """By number, or by a name (exactly) with society / field / level: never a bare listing,
    so the register cannot be paged through whole (without either, nothing is found)."""
    if not number and not name:
        return RegisterPage(items=[], next_cursor=None)
    rows = await repository.search(
        session, number=normalise(number) if number else None,
        name=name.strip() if name else None, society=society, field=field, level=level,
        after_number=cursor, limit=limit,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return RegisterPage(items=[public_view(c) for c in rows],
                        next_cursor=rows[-1].number if more else None)


async def changes(session: AsyncSession, since: str | None, limit: int) -> ChangeFeed:
    try:
        after = int(since) if since else 0
    except ValueError as exc:
        raise Unprocessable("无效的游标 / `since` must be a cursor the feed returned.") from exc
    rows = await repository.changes_since(session, after, limit)
    items = [
        RegisterChange(
            seq=change.seq, certificate_number=change.certificate_number, kind=change.kind,
            status=change.status, previous_status=change.previous_status,
            effective_on=change.effective_on, valid_until=change.valid_until,
            level=certificate.level, society_code=certificate.society_code,
            field_code=certificate.field_code, recorded_at=change.created_at,
        )
        for change, certificate in rows
    ]
    return ChangeFeed(items=items, next_cursor=str(items[-1].seq if items else after))


@cache
def _templates() -> jinja2.Environment:
    folder = files("registry.register").joinpath("templates")
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: folder.joinpath(name).read_text("utf-8")),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )


def _pick(lang: Language, pair: tuple[str, str]) -> str:
    return pair[0] if lang == "zh" else pair[1]


async def verification_page(session: AsyncSession, number: str | None, lang: Language
                            ) -> tuple[str, int]:
    """The page a QR scan opens: status in plain words and since when; 404 when unknown."""
    def t(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    context: dict[str, object] = {"lang": lang, "t": t, "certificate": None,
                                  "number": number}
    status_code = 200
    if number:
        certificate = await repository.get_certificate_by_number(session, normalise(number))
        if certificate is None:
            status_code = 404
        else:
            view = public_view(certificate)
            field = names.field(view.field_code) or (view.field_code, view.field_code)
            specialty = names.field(view.specialty_code)
            field_name = _pick(lang, field) + (f" · {_pick(lang, specialty)}" if specialty
                                                else "")
            word = _pick(lang, STATUS_WORDS[view.status])
            since = view.status_since.isoformat()
            context.update(
                certificate=view, tone=STATUS_TONE[view.status], status_word=word,
                since_text=(f"自 {since} 起{word}" if lang == "zh"
                            else f"{word} since {since}"),
                explanation=_pick(lang, EXPLANATIONS[view.status]),
                level_name=_pick(lang, LEVEL_NAMES[view.level]),
                field_name=field_name,
                society_name=_pick(lang, names.society(view.society_code)),
            )
    return _templates().get_template("verify.html").render(**context), status_code
