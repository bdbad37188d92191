"""Evidence files: checked by content, encrypted at rest, read only by those entitled, every
read audit-logged."""

import hashlib
import re
import unicodedata
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

from applications.application import service as applications
from applications.application.rules import IN_EVALUATION, status_words
from applications.application.service import EDITABLE
from applications.evidence import repository
from applications.evidence.errors import (
    EvidenceLocked,
    EvidenceNotFound,
    EvidenceTooLarge,
    UnknownEvidenceKind,
    UnsupportedEvidenceType,
)
from applications.evidence.rules import KINDS
from applications.evidence.storage import Storage, StoredFileMissing
from applications.models import EvidenceDownload, EvidenceFile


@dataclass(frozen=True)
class Download:
    file: EvidenceFile
    data: bytes


def clean_filename(name: str | None) -> str:
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "evidence"


async def upload(
    session: AsyncSession, storage: Storage, principal: Principal, application_id: uuid.UUID,
    *, kind: str, filename: str | None, data: bytes, max_bytes: int,
) -> EvidenceFile:
    if kind not in KINDS:
        raise UnknownEvidenceKind(
            f"未知的材料类别 {kind!r}，可选："
            + "、".join(f"{code}（{words[0]}）" for code, words in KINDS.items())
            + f" / Unknown evidence kind {kind!r}; use one of: "
            + ", ".join(f"{code} ({words[1]})" for code, words in KINDS.items()) + ".",
            errors=[{"location": ["body", "kind"], "field": "kind", "code": "enum",
                     "message_zh": "未知的材料类别", "message_en": "unknown kind"}],
        )
    application = await applications.get_application(session, principal, application_id,
                                                     for_update=True)
    if principal.role is not Role.APPLICANT:
        raise EvidenceLocked("只有申请人本人可以上传材料 / Only the applicant uploads evidence.")
    supplement_round: int | None = None
    if application.status not in EDITABLE:
        if application.status not in IN_EVALUATION:
            zh, en = status_words(application.status)
            raise EvidenceLocked(
                f"该申请{zh}，不能上传材料 / Evidence cannot be added to an application that "
                f"is {en}."
            )
        supplement_round = (await applications.supplement_window(session, application)).round
    if len(data) > max_bytes:
        raise EvidenceTooLarge(
            f"文件大小 {len(data)} 字节，超过上限 {max_bytes} 字节 / The file has {len(data)} "
            f"bytes; the limit is {max_bytes}."
        )
    if not data:
        raise UnsupportedEvidenceType("文件为空 / The file is empty.")
    content_type = sniff(data)
    if content_type is None:
        raise UnsupportedEvidenceType(
            "只接受 PDF、JPEG、PNG 文件（按内容判断） / Only PDF, JPEG and PNG files are accepted "
            "(judged by their content, not their name)."
        )
    file_id = uuid.uuid4()
    key = f"{application.id}/{file_id}"
    record = EvidenceFile(
        id=file_id, application_id=application.id, kind=kind,
        filename=clean_filename(filename), content_type=content_type, size=len(data),
        sha256=hashlib.sha256(data).hexdigest(), storage_key=key,
        uploaded_by=principal.subject, supplement_round=supplement_round,
    )
    session.add(record)
    await session.flush()
    # In the same transaction as the row (database storage): both are stored, or neither.
    sealed = cipher().encrypt_bytes(data, context=file_id.bytes)
    await storage.put(session, key, sealed)
    return record


async def list_files(session: AsyncSession, principal: Principal, application_id: uuid.UUID,
                     params: PageParams) -> Sequence[EvidenceFile]:
    application = await applications.get_application(session, principal, application_id)
    return await repository.page_of_application(session, application.id, params)


async def _file_of(session: AsyncSession, application_id: uuid.UUID, evidence_id: uuid.UUID
                   ) -> EvidenceFile:
    record = await repository.get(session, evidence_id)
    if record is None or record.application_id != application_id or record.deleted_at:
        raise EvidenceNotFound(f"材料 {evidence_id} 不存在 / No such evidence file.")
    return record


async def download(session: AsyncSession, storage: Storage, principal: Principal,
                   application_id: uuid.UUID, evidence_id: uuid.UUID) -> Download:
    """Only the applicant, the society's staff and the assigned examiners; every read logged."""
    application = await applications.get_application(session, principal, application_id)
    if principal.role is Role.SECRETARIAT:
        raise EvidenceNotFound(f"材料 {evidence_id} 不存在 / No such evidence file.")
    record = await _file_of(session, application.id, evidence_id)
    try:
        sealed = await storage.get(session, record.storage_key)
    except StoredFileMissing as exc:
        raise EvidenceNotFound(f"材料 {evidence_id} 的文件内容缺失 / The file of evidence "
                               f"{evidence_id} is missing from storage.") from exc
    data = cipher().decrypt_bytes(sealed, context=record.id.bytes)
    session.add(EvidenceDownload(
        id=uuid.uuid4(), evidence_id=record.id, application_id=application.id,
        subject=principal.subject, role=principal.role.value, society_code=principal.society,
        request_id=current_request_id(), downloaded_at=clock.now(),
    ))
    await session.flush()
    return Download(file=record, data=data)


async def delete(session: AsyncSession, storage: Storage, principal: Principal,
                 application_id: uuid.UUID, evidence_id: uuid.UUID) -> None:
    application = await applications.get_application(session, principal, application_id,
                                                     for_update=True)
    record = await _file_of(session, application.id, evidence_id)
    supplement_open = False
    if record.supplement_round is not None and application.status in IN_EVALUATION:
        window = await applications.supplement_window(session, application)
        supplement_open = window.round == record.supplement_round
    if principal.role is not Role.APPLICANT or (
        application.status not in EDITABLE and not supplement_open
    ):
        raise EvidenceLocked("申请已锁定，材料不能删除 / The application is locked; its evidence "
                             "cannot be removed.")
    record.deleted_at = clock.now()
    await session.flush()
    await storage.delete(session, record.storage_key)


async def downloads(session: AsyncSession, principal: Principal, application_id: uuid.UUID,
                    params: PageParams) -> Sequence[EvidenceDownload]:
    application = await applications.get_application(session, principal, application_id)
    return await repository.downloads(session, application.id, params)
