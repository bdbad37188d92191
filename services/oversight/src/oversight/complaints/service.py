"""Complaints and suggestions (意见建议) to the standards and quality supervision committee
[003 Q40]: received → registered → investigators assigned → the society's statement →
findings → answer, each step in the complaint's history.

Who sees what: the committee (role `supervision`) everything; the society concerned only the
request for its statement (never the sender or the text); the sender their own complaint, by
account or by tracking code; nobody else anything."""

import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass

from cse_contracts.events import (
    ComplaintAnswered,
    ComplaintReceived,
    ComplaintStatementRequested,
)
from kit import clock, documents
from kit.auth import Principal, Role
from kit.crypto import cipher
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.complaints import repository, rules
from oversight.complaints.errors import (
    AttachmentTooLarge,
    ComplaintInvalid,
    ComplaintNotFound,
    ComplaintStateConflict,
    UnsupportedAttachmentType,
)
from oversight.complaints.schemas import (
    AttachmentOut,
    ComplaintIn,
    ComplaintOut,
    ComplaintSummary,
    ContactOut,
    SocietyComplaintView,
    StaffStepOut,
    StepOut,
    TrackedComplaint,
)
from oversight.config import Settings
from oversight.events import outbox
from oversight.models import Complaint, ComplaintAttachment, ComplaintStep


def _not_found(ref: object) -> ComplaintNotFound:
    # The same answer whether it does not exist or is not the caller's: nothing leaks.
    return ComplaintNotFound(f"意见建议 {ref} 不存在 / No complaint {ref}.")


def _step(complaint: Complaint, action: str, actor: Principal | None, note: str | None = None
          ) -> ComplaintStep:
    return ComplaintStep(
        id=uuid.uuid4(), complaint_id=complaint.id, action=action, status=complaint.status,
        actor_subject=actor.subject if actor else None,
        actor_role=actor.role.value if actor else None, note=note, at=clock.now(),
    )


def _invalid(location: str, code: str, zh: str, en: str) -> ComplaintInvalid:
    """A 422 with the platform's one error item (kit.openapi.PROBLEM_ITEM_SCHEMA)."""
    return ComplaintInvalid(f"{zh} / {en}", errors=[{
        "code": code, "message_zh": zh, "message_en": en, "location": ["body", location],
        "field": location,
    }])


async def submit(session: AsyncSession, principal: Principal | None, data: ComplaintIn
                 ) -> Complaint:
    """Anyone may write: with an account the sender is known, without one they leave contact
    details (encrypted) and follow it with the tracking code."""
    # The schema already holds the rest: a reference where one is needed (rules.
    # NEEDS_REFERENCE), a society for one about a society, only known societies.
    contact = data.contact
    if principal is None and (contact is None or not (contact.email or contact.phone)):
        raise _invalid("contact", "contact_required",
                       "未登录提交时，请留下姓名及电子邮箱或电话，以便答复",
                       "Without an account, leave your name and an e-mail or phone number so "
                       "the answer can reach you.")
    now = clock.now()
    complaint = Complaint(
        id=uuid.uuid4(), tracking_code=rules.new_tracking_code(), kind=data.kind,
        about_kind=data.about_kind, about_ref=data.about_ref, society_code=data.society_code,
        title=data.title, body=data.body,
        complainant_subject=principal.subject if principal else None,
        complainant_role=principal.role.value if principal else None,
        contact_name=contact.name if contact else None,
        contact_email=str(contact.email) if contact and contact.email else None,
        contact_phone=contact.phone if contact else None,
        status="received", investigators=[], created_at=now, updated_at=now,
    )
    session.add(complaint)
    session.add(_step(complaint, "submit", principal))
    await outbox.emit(session, ComplaintReceived(
        complaint_id=complaint.id, tracking_code=complaint.tracking_code, kind=data.kind,
        about_kind=data.about_kind, society_code=data.society_code,
        complainant_subject=complaint.complainant_subject, received_at=now,
    ), subject=f"complaints/{complaint.id}")
    try:
        await session.flush()
    except IntegrityError as exc:  # pragma: no cover - a 60-bit collision
        raise ComplaintStateConflict("请重试 / Please retry.") from exc
    return complaint


async def track(session: AsyncSession, code: str) -> Complaint:
    complaint = await repository.by_tracking_code(session, rules.normalise_tracking_code(code))
    if complaint is None:
        raise ComplaintNotFound(
            "查询码不存在，请核对后重试 / No complaint has this tracking code; check it and retry."
        )
    return complaint


async def visible(session: AsyncSession, principal: Principal, complaint_id: uuid.UUID
                  ) -> Complaint:
    complaint = await repository.get(session, complaint_id)
    if complaint is None:
        raise _not_found(complaint_id)
    if principal.role is Role.SUPERVISION:
        return complaint
    if (principal.role is Role.SOCIETY_ADMIN and complaint.society_code == principal.society
            and complaint.statement_request is not None):
        return complaint
    if complaint.complainant_subject == principal.subject and (
            complaint.complainant_role == principal.role.value):
        return complaint
    raise _not_found(complaint_id)


async def _move(session: AsyncSession, principal: Principal, complaint_id: uuid.UUID,
                action: str) -> Complaint:
    complaint = await repository.get(session, complaint_id, for_update=True)
    if complaint is None:
        raise _not_found(complaint_id)
    target = rules.next_state(action, complaint.kind, complaint.status)
    if target is None:
        zh, en = rules.STATE_NAMES[complaint.status]
        possible = rules.allowed_actions(complaint.kind, complaint.status)
        raise ComplaintStateConflict(
            f"意见建议处于“{zh}”状态，不能执行 {action} / The complaint is {en}; {action} is not "
            f"possible now. Possible: {', '.join(possible) or 'none'}."
        )
    complaint.status = target
    complaint.updated_at = clock.now()
    return complaint


async def register(session: AsyncSession, principal: Principal, complaint_id: uuid.UUID,
                   settings: Settings, note: str | None) -> Complaint:
    complaint = await _move(session, principal, complaint_id, "register")
    complaint.answer_due = rules.answer_due(clock.today(), settings.complaint_answer_days)
    session.add(_step(complaint, "register", principal, note))
    await session.flush()
    return complaint


async def assign_investigators(session: AsyncSession, principal: Principal,
                               complaint_id: uuid.UUID, investigators: list[str]) -> Complaint:
    complaint = await _move(session, principal, complaint_id, "assign_investigators")
    complaint.investigators = sorted({s.strip() for s in investigators if s.strip()})
    session.add(_step(complaint, "assign_investigators", principal,
                      ", ".join(complaint.investigators)))
    await session.flush()
    return complaint


async def request_statement(session: AsyncSession, principal: Principal,
                            complaint_id: uuid.UUID, request: str, settings: Settings,
                            society_code: str | None = None) -> Complaint:
    complaint = await repository.get(session, complaint_id, for_update=True)
    if complaint is not None and society_code is not None:
        # The committee names the society concerned (a known one: the schema checks it) when
        # the sender could not.
        complaint.society_code = society_code
    if complaint is not None and complaint.society_code is None:
        raise ComplaintStateConflict(
            "该意见建议不涉及具体学会，无法请学会说明 / The complaint concerns no society, so "
            "no society can be asked for a statement."
        )
    complaint = await _move(session, principal, complaint_id, "request_statement")
    assert complaint.society_code is not None
    complaint.statement_request = request
    complaint.statement = None
    complaint.statement_due = rules.answer_due(clock.today(), settings.statement_days)
    session.add(_step(complaint, "request_statement", principal, request))
    await outbox.emit(session, ComplaintStatementRequested(
        complaint_id=complaint.id, society_code=complaint.society_code,
        statement_due=complaint.statement_due,
    ), subject=f"complaints/{complaint.id}")
    await session.flush()
    return complaint


async def submit_statement(session: AsyncSession, principal: Principal,
                           complaint_id: uuid.UUID, statement: str) -> Complaint:
    current = await repository.get(session, complaint_id)
    if (current is None or current.society_code != principal.society
            or current.statement_request is None):
        raise _not_found(complaint_id)
    complaint = await _move(session, principal, complaint_id, "submit_statement")
    complaint.statement = statement
    session.add(_step(complaint, "submit_statement", principal))
    await session.flush()
    return complaint


async def record_findings(session: AsyncSession, principal: Principal,
                          complaint_id: uuid.UUID, findings: str) -> Complaint:
    complaint = await _move(session, principal, complaint_id, "record_findings")
    complaint.findings = findings
    session.add(_step(complaint, "record_findings", principal))
    await session.flush()
    return complaint


async def answer(session: AsyncSession, principal: Principal, complaint_id: uuid.UUID,
                 text: str) -> Complaint:
    complaint = await _move(session, principal, complaint_id, "answer")
    complaint.answer = text
    complaint.answered_at = clock.now()
    session.add(_step(complaint, "answer", principal))
    await outbox.emit(session, ComplaintAnswered(
        complaint_id=complaint.id, tracking_code=complaint.tracking_code,
        complainant_subject=complaint.complainant_subject,
        contact_email=None if complaint.complainant_subject else complaint.contact_email,
        answer=text, answered_at=complaint.answered_at,
    ), subject=f"complaints/{complaint.id}")
    await session.flush()
    return complaint


def clean_filename(name: str | None) -> str:
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "attachment"


@dataclass(frozen=True)
class Download:
    attachment: ComplaintAttachment
    data: bytes


async def attach(session: AsyncSession, code: str, *, filename: str | None, data: bytes,
                 settings: Settings) -> ComplaintAttachment:
    """The sender adds a file (PDF, JPEG, PNG by content) until the investigation starts."""
    complaint = await track(session, code)
    if complaint.status not in rules.ATTACHABLE:
        raise ComplaintStateConflict(
            "调查开始后不能再添加附件 / Attachments cannot be added once the investigation "
            "has started."
        )
    if len(data) > settings.attachment_max_bytes:
        raise AttachmentTooLarge(
            f"附件超过 {settings.attachment_max_bytes} 字节上限 / The file exceeds the limit "
            f"of {settings.attachment_max_bytes} bytes."
        )
    content_type = documents.sniff(data) if data else None
    if content_type is None:
        raise UnsupportedAttachmentType(
            "只接受 PDF、JPEG、PNG 文件（按内容判断） / Only PDF, JPEG and PNG files are "
            "accepted (judged by their content, not their name)."
        )
    if await repository.attachment_count(session, complaint.id) >= (
            settings.attachments_per_complaint):
        raise ComplaintStateConflict(
            f"每件意见建议最多 {settings.attachments_per_complaint} 个附件 / At most "
            f"{settings.attachments_per_complaint} attachments per complaint."
        )
    file_id = uuid.uuid4()
    record = ComplaintAttachment(
        id=file_id, complaint_id=complaint.id, filename=clean_filename(filename),
        content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        sealed=cipher().encrypt_bytes(data, context=file_id.bytes), created_at=clock.now(),
    )
    session.add(record)
    session.add(_step(complaint, "attach", None, record.filename))
    await session.flush()
    return record


async def download(session: AsyncSession, principal: Principal, complaint_id: uuid.UUID,
                   attachment_id: uuid.UUID) -> Download:
    complaint = await visible(session, principal, complaint_id)
    if principal.role is not Role.SUPERVISION:
        raise _not_found(complaint_id)
    record = await repository.attachment(session, complaint.id, attachment_id)
    if record is None:
        raise _not_found(attachment_id)
    return Download(record, cipher().decrypt_bytes(record.sealed, context=record.id.bytes))


async def staff_view(session: AsyncSession, complaint: Complaint) -> ComplaintOut:
    steps = await repository.steps(session, complaint.id)
    files = await repository.attachments(session, complaint.id)
    return ComplaintOut(
        id=complaint.id, tracking_code=complaint.tracking_code, kind=complaint.kind,
        about_kind=complaint.about_kind, about_ref=complaint.about_ref,
        society_code=complaint.society_code, title=complaint.title, body=complaint.body,
        complainant_subject=complaint.complainant_subject,
        complainant_role=complaint.complainant_role,
        contact=ContactOut(name=complaint.contact_name, email=complaint.contact_email,
                           phone=complaint.contact_phone),
        status=complaint.status, answer_due=complaint.answer_due,
        overdue=rules.is_overdue(complaint.answer_due, clock.today(), complaint.status),
        allowed_actions=rules.allowed_actions(complaint.kind, complaint.status),
        investigators=list(complaint.investigators),
        statement_request=complaint.statement_request, statement_due=complaint.statement_due,
        statement=complaint.statement, findings=complaint.findings, answer=complaint.answer,
        answered_at=complaint.answered_at, created_at=complaint.created_at,
        updated_at=complaint.updated_at,
        history=[StaffStepOut.model_validate(s) for s in steps],
        attachments=[AttachmentOut.model_validate(f) for f in files],
    )


def society_view(complaint: Complaint) -> SocietyComplaintView:
    assert complaint.society_code is not None
    assert complaint.statement_request is not None
    return SocietyComplaintView(
        id=complaint.id, kind=complaint.kind, about_kind=complaint.about_kind,
        about_ref=complaint.about_ref, society_code=complaint.society_code,
        status=complaint.status, statement_request=complaint.statement_request,
        statement_due=complaint.statement_due, statement=complaint.statement,
    )


async def tracked_view(session: AsyncSession, complaint: Complaint) -> TrackedComplaint:
    steps = await repository.steps(session, complaint.id)
    return TrackedComplaint(
        tracking_code=complaint.tracking_code, kind=complaint.kind,
        about_kind=complaint.about_kind, title=complaint.title, status=complaint.status,
        status_zh=rules.STATE_NAMES[complaint.status][0], received_at=complaint.created_at,
        answer_due=complaint.answer_due, answer=complaint.answer,
        answered_at=complaint.answered_at,
        # Who acted and their notes are the committee's; the sender sees the steps only.
        history=[StepOut.model_validate(s) for s in steps],
        attachments=await repository.attachment_count(session, complaint.id),
    )


def summary(complaint: Complaint) -> ComplaintSummary:
    return ComplaintSummary(
        id=complaint.id, tracking_code=complaint.tracking_code, kind=complaint.kind,
        about_kind=complaint.about_kind, society_code=complaint.society_code,
        title=complaint.title, status=complaint.status, answer_due=complaint.answer_due,
        overdue=rules.is_overdue(complaint.answer_due, clock.today(), complaint.status),
        created_at=complaint.created_at,
    )
