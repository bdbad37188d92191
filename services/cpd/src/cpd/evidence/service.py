"""Evidence of activities and deferrals: checked by content, encrypted at rest (the file id
authenticated with it), read only by the member and their society's staff, every read logged."""

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from kit import clock
from kit.auth import Principal, Role
from kit.crypto import cipher
from kit.documents import sniff
from kit.observability import current_request_id
from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from cpd.activities import repository as activities
from cpd.activities.errors import ActivityNotFound
from cpd.activities.service import check_open
from cpd.deferrals import repository as deferrals
from cpd.deferrals.errors import DeferralNotFound
from cpd.evidence import repository
from cpd.evidence.errors import (
    EvidenceLocked,
    EvidenceNotFound,
    EvidenceTooLarge,
    UnsupportedEvidenceType,
)
from cpd.evidence.rules import clean_filename
from cpd.ledgers import service as ledgers
from cpd.models import CpdEvidenceDownload, CpdEvidenceFile, CpdLedger


@dataclass(frozen=True)
class Download:
    file: CpdEvidenceFile
    data: bytes


def _check_content(data: bytes, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise EvidenceTooLarge(f"文件超过 {max_bytes} 字节上限 / The file exceeds the limit of "
                               f"{max_bytes} bytes.")
    content_type = sniff(data) if data else None
    if content_type is None:
        raise UnsupportedEvidenceType(
            "只接受 PDF、JPEG、PNG 文件（按内容判断） / Only PDF, JPEG and PNG files are accepted "
            "(judged by their content, not their name).")
    return content_type


async def _store(session: AsyncSession, principal: Principal, ledger: CpdLedger, *,
                 activity_id: uuid.UUID | None, deferral_id: uuid.UUID | None,
                 filename: str | None, data: bytes, max_bytes: int) -> CpdEvidenceFile:
    content_type = _check_content(data, max_bytes)
    file_id = uuid.uuid4()
    record = CpdEvidenceFile(
        id=file_id, ledger_id=ledger.id, activity_id=activity_id, deferral_id=deferral_id,
        filename=clean_filename(filename), content_type=content_type, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), uploaded_by=principal.subject,
        sealed=cipher().encrypt_bytes(data, context=file_id.bytes), created_at=clock.now(),
    )
    session.add(record)
    await session.flush()
    return record


async def attach_to_activity(session: AsyncSession, principal: Principal, number: str,
                             activity_id: uuid.UUID, *, filename: str | None, data: bytes,
                             max_bytes: int) -> CpdEvidenceFile:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    activity = await activities.get(session, ledger.id, activity_id, for_update=True)
    if activity is None:
        raise ActivityNotFound(f"活动 {activity_id} 不存在 / No activity {activity_id}.")
    await check_open(session, ledger, activity)
    return await _store(session, principal, ledger, activity_id=activity.id, deferral_id=None,
                        filename=filename, data=data, max_bytes=max_bytes)


async def attach_to_deferral(session: AsyncSession, principal: Principal, number: str,
                             deferral_id: uuid.UUID, *, filename: str | None, data: bytes,
                             max_bytes: int) -> CpdEvidenceFile:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    deferral = await deferrals.get(session, ledger.id, deferral_id)
    if deferral is None:
        raise DeferralNotFound(f"缓办申请 {deferral_id} 不存在 / No deferral {deferral_id}.")
    if deferral.status != "requested":
        raise EvidenceLocked("该申请已有决定，不能再补充材料 / The request has been decided; no "
                             "more evidence can be added.")
    return await _store(session, principal, ledger, activity_id=None, deferral_id=deferral.id,
                        filename=filename, data=data, max_bytes=max_bytes)


async def list_files(session: AsyncSession, principal: Principal, number: str,
                     params: PageParams) -> Sequence[CpdEvidenceFile]:
    ledger = await ledgers.get_ledger(session, principal, number)
    return await repository.page_of_ledger(session, ledger.id, params)


async def download(session: AsyncSession, principal: Principal, number: str,
                   evidence_id: uuid.UUID) -> Download:
    """The member and their society's staff only (not the secretariat); every read logged."""
    ledger = await ledgers.get_ledger(session, principal, number)
    record = await repository.get(session, ledger.id, evidence_id, with_bytes=True)
    if record is None or principal.role is Role.SECRETARIAT:
        raise EvidenceNotFound(f"材料 {evidence_id} 不存在 / No such evidence file.")
    data = cipher().decrypt_bytes(record.sealed, context=record.id.bytes)
    session.add(CpdEvidenceDownload(
        id=uuid.uuid4(), evidence_id=record.id, subject=principal.subject,
        role=principal.role.value, society_code=principal.society,
        request_id=current_request_id(), downloaded_at=clock.now(),
    ))
    await session.flush()
    return Download(file=record, data=data)


async def remove(session: AsyncSession, principal: Principal, number: str,
                 evidence_id: uuid.UUID) -> None:
    ledger = await ledgers.ledger_for_member(session, principal, number)
    record = await repository.get(session, ledger.id, evidence_id)
    if record is None:
        raise EvidenceNotFound(f"材料 {evidence_id} 不存在 / No such evidence file.")
    if record.activity_id is not None:
        activity = await activities.get(session, ledger.id, record.activity_id)
        if activity is not None:
            await check_open(session, ledger, activity)
    # The row stays for the audit trail; the bytes go.
    record.deleted_at = clock.now()
    record.sealed = b""
    await session.flush()


async def downloads(session: AsyncSession, principal: Principal, number: str,
                    params: PageParams) -> Sequence[CpdEvidenceDownload]:
    ledger = await ledgers.ledger_for_staff(session, principal, number)
    return await repository.downloads(session, ledger.id, params)
