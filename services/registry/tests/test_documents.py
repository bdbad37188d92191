"""The certificate PDF: text a machine can read, and a QR code that leads to verification."""

import io
from pathlib import Path
from typing import Any

import httpx
import pypdfium2  # type: ignore[import-untyped]
import zxingcpp
from kit.auth import Role
from kit.testing import KEYS
from pypdf import PdfReader
from registry_factories import issue
from sqlalchemy.ext.asyncio import AsyncSession

ARTIFACTS = Path(__file__).resolve().parents[3] / "var" / "artifacts"


async def test_certificate_pdf_has_the_name_number_font_and_a_working_qr(
    session: AsyncSession, client: httpx.AsyncClient
) -> None:
    certificate = await issue(session, "user-p", name="欧阳建国")
    url = f"/v1/certificates/{certificate.number}/certificate.pdf"
    response = await client.get(url, headers=KEYS.headers(Role.APPLICANT, "user-p"))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    for expected in ("欧阳建国", certificate.number, "专业工程会员", "Professional Engineering",
                     "中国土木工程学会", "结构工程"):
        assert expected in text, expected
    resources: Any = reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    assert any("WenQuanYi" in str(font.get_object()["/BaseFont"]) for font in fonts.values())

    page = pypdfium2.PdfDocument(response.content)[0]
    image = page.render(scale=3).to_pil()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / "registry-certificate.png")
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == f"http://127.0.0.1:8080/verify/{certificate.number}"

    for headers in (KEYS.headers(Role.SOCIETY_ADMIN, "s", society="cces"),
                    KEYS.headers(Role.SECRETARIAT, "cse")):
        assert (await client.get(url, headers=headers)).status_code == 200
    for headers in (KEYS.headers(Role.APPLICANT, "user-other"),
                    KEYS.headers(Role.SOCIETY_ADMIN, "s", society="cmes")):
        assert (await client.get(url, headers=headers)).status_code == 403
    assert (await client.get(url)).status_code == 401
