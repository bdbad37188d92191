import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from applications.evidence import service
from applications.evidence.storage import DatabaseStorage
from applications.models import EvidenceBlob, EvidenceDownload, EvidenceFile
from applications_factories import (
    HARNESS,
    PDF,
    PNG,
    accepted,
    applicant,
    deliver,
    draft,
    events,
    examiner,
    society_admin,
)
from cse_contracts.events import EvaluationPanelAssigned, EvaluationSupplementRequested
from kit import clock
from kit.auth import Principal, Role
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession


async def upload(client: httpx.AsyncClient, application_id: str, kind: str, content: bytes,
                 name: str = "scan.pdf") -> httpx.Response:
    return await client.post(f"/v1/applications/{application_id}/evidence",
                             data={"kind": kind}, files={"file": (name, content)},
                             headers=applicant())


async def test_type_is_checked_by_content(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await draft(client)
    # An executable named .pdf, and a PDF disguised under a text name and header.
    disguised = await client.post(
        f"/v1/applications/{application_id}/evidence", data={"kind": "education"},
        files={"file": ("degree.pdf", b"MZ\x90\x00 an exe", "application/pdf")},
        headers=applicant())
    assert disguised.status_code == 415
    assert disguised.headers["content-type"] == "application/problem+json"
    assert disguised.json()["type"].endswith("evidence-unsupported-type")
    assert "PDF" in disguised.json()["detail"]
    assert await session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
    assert await session.scalar(select(func.count()).select_from(EvidenceBlob)) == 0
    real = await client.post(
        f"/v1/applications/{application_id}/evidence", data={"kind": "education"},
        files={"file": ("notes.txt", PNG, "text/plain")}, headers=applicant())
    assert real.status_code == 201
    assert real.json()["content_type"] == "image/png"
    assert real.json()["filename"] == "notes.txt"
    unknown_kind = await upload(client, application_id, "selfie", PNG)
    assert unknown_kind.status_code == 422
    assert unknown_kind.json()["type"].endswith("evidence-unknown-kind")
    assert unknown_kind.json()["errors"][0]["location"] == ["body", "kind"]
    assert await session.scalar(select(func.count()).select_from(EvidenceFile)) == 1


async def blob(session: AsyncSession, application_id: str, evidence_id: str) -> bytes | None:
    """The stored bytes of a file, straight from the evidence storage's table."""
    data = await session.scalar(select(EvidenceBlob.data).where(
        EvidenceBlob.storage_key == f"{application_id}/{evidence_id}"))
    return bytes(data) if data is not None else None


async def test_files_are_encrypted_at_rest_and_downloads_are_audited(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await draft(client)
    uploaded = await upload(client, application_id, "education", PDF)
    evidence_id = uploaded.json()["id"]
    stored = await blob(session, application_id, evidence_id)
    assert stored is not None
    assert PDF not in stored
    assert b"%PDF" not in stored
    download = await client.get(
        f"/v1/applications/{application_id}/evidence/{evidence_id}/content",
        headers={**applicant(), "X-Request-ID": "req-audit-1"},
    )
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    [audit] = (await session.scalars(select(EvidenceDownload))).all()
    assert (audit.subject, audit.role, audit.request_id) == ("user-zhang", "applicant",
                                                             "req-audit-1")


async def test_bytes_and_metadata_are_one_transaction(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    """An upload whose transaction is rolled back leaves neither the row nor the bytes."""
    application_id = await draft(client)
    savepoint = await session.begin_nested()
    record = await service.upload(
        session, DatabaseStorage(), Principal(subject="user-zhang", role=Role.APPLICANT,
                                              name="张三"),
        uuid.UUID(application_id), kind="work", filename="work.pdf", data=PDF,
        max_bytes=10_000,
    )
    assert await blob(session, application_id, str(record.id)) is not None
    await savepoint.rollback()
    assert await session.scalar(select(func.count()).select_from(EvidenceFile)) == 0
    assert await session.scalar(select(func.count()).select_from(EvidenceBlob)) == 0


@pytest.fixture
async def disk_client(session: AsyncSession, monkeypatch: pytest.MonkeyPatch
                      ) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("APPLICATIONS_EVIDENCE_STORAGE", "local")
    async with HARNESS.client(session) as client:
        yield client


async def test_the_local_folder_still_works_for_development(
    disk_client: httpx.AsyncClient, session: AsyncSession, evidence_dir: str
) -> None:
    application_id = await draft(disk_client)
    evidence_id = (await upload(disk_client, application_id, "education", PDF)).json()["id"]
    on_disk = await asyncio.to_thread(Path(evidence_dir, application_id, evidence_id).read_bytes)
    assert b"%PDF" not in on_disk
    assert await blob(session, application_id, evidence_id) is None
    download = await disk_client.get(
        f"/v1/applications/{application_id}/evidence/{evidence_id}/content", headers=applicant())
    assert download.content == PDF


async def test_only_the_society_and_assigned_examiners_read_evidence(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await accepted(client)
    files = await client.get(f"/v1/applications/{application_id}/evidence",
                             headers=society_admin())
    evidence_id = files.json()["items"][0]["id"]
    # The three required files in pages of two: each once, then no further page.
    listed = f"/v1/applications/{application_id}/evidence"
    page = (await client.get(listed, params={"limit": 2}, headers=society_admin())).json()
    rest = (await client.get(listed, params={"limit": 2, "cursor": page["next_cursor"]},
                             headers=society_admin())).json()
    assert (len(page["items"]), len(rest["items"]), rest["next_cursor"]) == (2, 1, None)
    assert sorted(f["kind"] for f in page["items"] + rest["items"]) == [
        "education", "identity_back", "identity_front"]
    path = f"/v1/applications/{application_id}/evidence/{evidence_id}/content"
    assert (await client.get(path, headers=society_admin())).status_code == 200
    assert (await client.get(path, headers=society_admin("csee"))).status_code == 404
    # Before evaluation's panel event arrives an examiner of the society is told to retry;
    # another society's examiner learns nothing.
    pending = await client.get(path, headers=examiner())
    assert pending.status_code == 409
    assert pending.json()["type"].endswith("panel-access-pending")
    assert pending.json()["retry_after_seconds"] == 2
    assert (await client.get(path, headers=examiner(society="csee"))).status_code == 404
    await deliver(session, "applications.evaluation", EvaluationPanelAssigned(
        case_id=uuid.uuid4(), application_id=uuid.UUID(application_id), society_code="cces",
        examiner_ids=["examiner-1"],
    ), "/services/evaluation")
    assert (await client.get(path, headers=examiner())).status_code == 200
    assert (await client.get(path, headers=examiner("examiner-2"))).status_code == 409
    assert (await client.get(path, headers=applicant("user-li", "李四"))).status_code == 404
    audit = await client.get(f"/v1/applications/{application_id}/evidence/downloads",
                             headers=society_admin())
    assert [d["role"] for d in audit.json()["items"]] == ["examiner", "society_admin"]
    # One at a time, newest first, the cursor leads to the older read and then to nothing.
    url = f"/v1/applications/{application_id}/evidence/downloads"
    first = (await client.get(url, params={"limit": 1}, headers=society_admin())).json()
    assert [d["role"] for d in first["items"]] == ["examiner"]
    second = (await client.get(url, params={"limit": 1, "cursor": first["next_cursor"]},
                               headers=society_admin())).json()
    assert [d["role"] for d in second["items"]] == ["society_admin"]
    assert second["next_cursor"] is None
    assert await session.scalar(select(func.count()).select_from(EvidenceDownload)) == 2


async def test_supplement_only_evidence_only_until_the_deadline(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await accepted(client)
    locked = await upload(client, application_id, "work", PDF)
    assert locked.status_code == 409
    assert locked.json()["type"].endswith("supplement-not-open")
    deadline = clock.now() + timedelta(days=10)
    case_id = uuid.uuid4()
    await deliver(session, "applications.evaluation", EvaluationSupplementRequested(
        case_id=case_id, application_id=uuid.UUID(application_id), applicant_id="user-zhang",
        society_code="cces", round=1, requests="请补充主桥设计图纸", deadline=deadline,
    ), "/services/evaluation")
    empty = await client.post(f"/v1/applications/{application_id}/supplements/1/submit",
                              headers=applicant())
    assert empty.status_code == 409
    assert empty.json()["type"].endswith("supplement-empty")
    added = await upload(client, application_id, "achievement", PDF)
    assert added.status_code == 201, added.text
    assert added.json()["supplement_round"] == 1
    statement = await client.put(f"/v1/applications/{application_id}/statement",
                                 json={"parts": [{"text": "补", "competencies": ["ethics"]}]},
                                 headers=applicant())
    assert statement.status_code == 409
    assert statement.json()["type"].endswith("application-locked")
    handed_in = await client.post(f"/v1/applications/{application_id}/supplements/1/submit",
                                  headers=applicant())
    assert handed_in.status_code == 200, handed_in.text
    assert handed_in.json()["submitted_at"] is not None
    [envelope] = await events(session, "application.supplement_submitted")
    assert envelope["data"]["evidence_ids"] == [added.json()["id"]]
    assert envelope["data"]["case_id"] == str(case_id)
    # Round 2 arrives; after its deadline nothing more can be added.
    await deliver(session, "applications.evaluation", EvaluationSupplementRequested(
        case_id=case_id, application_id=uuid.UUID(application_id), applicant_id="user-zhang",
        society_code="cces", round=2, requests="再补充", deadline=datetime(2020, 1, 1, tzinfo=UTC),
    ), "/services/evaluation")
    late = await upload(client, application_id, "achievement", PDF)
    assert late.status_code == 409
    assert late.json()["type"].endswith("supplement-not-open")
    assert "deadline" in late.json()["detail"]
    assert "截止时间" in late.json()["detail"]
    late_submit = await client.post(f"/v1/applications/{application_id}/supplements/2/submit",
                                    headers=applicant())
    assert late_submit.status_code == 409
    assert late_submit.json()["type"].endswith("supplement-not-open")
    # Only the file given in time is on the application; nothing was added after the deadline.
    rounds = [f["supplement_round"] for f in
              (await client.get(f"/v1/applications/{application_id}/evidence",
                                headers=applicant())).json()["items"]]
    assert rounds.count(1) == 1
    assert 2 not in rounds


async def test_withdrawn_file_is_gone_but_audited_rows_stay(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    application_id = await draft(client)
    evidence_id = (await upload(client, application_id, "honour", PDF)).json()["id"]
    path = f"/v1/applications/{application_id}/evidence/{evidence_id}"
    read = await client.get(f"{path}/content", headers=applicant())
    assert read.status_code == 200
    assert await blob(session, application_id, evidence_id) is not None
    removed = await client.delete(path, headers=applicant())
    assert removed.status_code == 204
    # The bytes are gone …
    assert await blob(session, application_id, evidence_id) is None
    gone = await client.get(f"{path}/content", headers=applicant())
    assert gone.status_code == 404
    assert gone.json()["type"].endswith("evidence-not-found")
    listed = await client.get(f"/v1/applications/{application_id}/evidence",
                              headers=applicant())
    assert listed.json() == {"items": [], "next_cursor": None}
    # … the file's row and the audit of its earlier read stay.
    record = await session.get(EvidenceFile, uuid.UUID(evidence_id))
    assert record is not None
    assert record.deleted_at is not None
    [audit] = (await session.scalars(select(EvidenceDownload))).all()
    assert (str(audit.evidence_id), audit.subject) == (evidence_id, "user-zhang")


@pytest.fixture
async def small_client(session: AsyncSession, monkeypatch: pytest.MonkeyPatch
                       ) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("APPLICATIONS_EVIDENCE_MAX_BYTES", "1000")
    async with HARNESS.client(session) as client:
        yield client


async def test_oversized_files_are_refused(small_client: httpx.AsyncClient) -> None:
    application_id = await draft(small_client)
    response = await upload(small_client, application_id, "education", PDF + b"0" * 2000)
    assert response.status_code == 413
    assert "1000" in response.json()["detail"]
