"""Public notice (公示) of passed cases, and objections from anyone."""

import uuid

from cse_contracts.events import EvaluationNoticePublished
from kit import clock
from kit.pagination import Page, PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from evaluation.audit import service as audit
from evaluation.events import outbox
from evaluation.examiners.rules import field_names
from evaluation.interviews.rules import LEVEL_NAMES
from evaluation.models import Case, Objection, PublicNotice, Society
from evaluation.notices import repository
from evaluation.notices.errors import NoticeClosed, NoticeNotFound
from evaluation.notices.rules import notice_period
from evaluation.notices.schemas import ObjectionIn, ObjectionReceipt, PublicNoticeOut
from evaluation.paging import newest_first
from evaluation.policies.service import policy_for


async def publish(session: AsyncSession, case: Case) -> PublicNotice:
    """Put a passed case on the public list for the society's number of working days."""
    policy = await policy_for(session, case.society_code)
    now = clock.now()
    notice_until, ends_at = notice_period(now, policy.notice_working_days)
    notice = PublicNotice(
        id=uuid.uuid4(), case_id=case.id, society_code=case.society_code,
        applicant_name=case.applicant_name, field_code=case.field_code, level=case.level,
        published_at=now, notice_until=notice_until, ends_at=ends_at, status="running",
    )
    session.add(notice)
    await audit.record(session, "notice.published", case_id=case.id,
                       society_code=case.society_code, notice_id=notice.id,
                       notice_until=notice_until, working_days=policy.notice_working_days)
    await outbox.emit(
        session,
        EvaluationNoticePublished(
            case_id=case.id, application_id=case.application_id, applicant_id=case.applicant_id,
            society_code=case.society_code, notice_until=notice_until,
        ),
        subject=f"cases/{case.id}",
    )
    await session.flush()
    return notice


async def public_list(session: AsyncSession, *, society_code: str | None, params: PageParams
                      ) -> Page[PublicNoticeOut]:
    rows = await repository.running(session, clock.now(), society_code=society_code,
                                    params=params)
    page, cursor = newest_first(rows, params, lambda row: (row[0].published_at, row[0].id))
    return Page(items=[public_out(n, s) for n, s in page], next_cursor=cursor)


def public_out(notice: PublicNotice, society: Society) -> PublicNoticeOut:
    field_zh, field_en = field_names(notice.field_code)
    level_zh, level_en = LEVEL_NAMES.get(notice.level, f"{notice.level} / {notice.level}"
                                         ).split(" / ")
    return PublicNoticeOut(
        id=notice.id, applicant_name=notice.applicant_name, society_code=notice.society_code,
        society_name=society.name_zh, society_name_en=society.name_en,
        field_code=notice.field_code, field_name=field_zh, field_name_en=field_en,
        level=notice.level, level_name=level_zh, level_name_en=level_en,
        notice_until=notice.notice_until,
    )


async def public_notice(session: AsyncSession, notice_id: uuid.UUID) -> PublicNoticeOut:
    rows = await repository.running(session, clock.now(), society_code=None,
                                    params=PageParams(limit=1), notice_id=notice_id)
    if not rows:
        raise NoticeNotFound("公示不存在或已结束 / No such notice, or it has ended.")
    return public_out(*rows[0])


async def lodge_objection(session: AsyncSession, notice_id: uuid.UUID, body: ObjectionIn
                          ) -> ObjectionReceipt:
    """Anyone may object while the notice runs; the society must resolve it before the
    case can be approved."""
    notice = await repository.get(session, notice_id)
    if notice is None:
        raise NoticeNotFound("公示不存在 / No such notice.")
    now = clock.now()
    if notice.status != "running" or now >= notice.ends_at:
        raise NoticeClosed(
            f"该公示已于 {notice.notice_until} 结束，不再受理异议；如有意见可向联合体标准与质量"
            f"监督委员会反映 / The notice ended on {notice.notice_until}; objections are no "
            "longer accepted here. Write to the CSE standards & quality supervision committee."
        )
    objection = Objection(
        id=uuid.uuid4(), notice_id=notice.id, case_id=notice.case_id,
        objector_name=body.objector_name, contact=body.contact, text=body.text,
        status="open", created_at=now,
    )
    session.add(objection)
    # The objector's name and contact stay out of the audit trail: they are personal data.
    await audit.record(session, "objection.lodged", actor="public", role="public",
                       case_id=notice.case_id, society_code=notice.society_code,
                       objection_id=objection.id)
    await session.flush()
    return ObjectionReceipt(
        id=objection.id, received_at=now,
        message=(
            "您的异议已收到，学会将在批准注册前予以核实处理，并通过您留下的联系方式答复。"
            "请保存异议编号以便查询。 / Your objection has been received. The society will "
            "look into it before the registration can be approved and reply through the "
            "contact you gave. Keep the objection id for reference."
        ),
    )
