"""The certificate in the CSE's unified format (证书样式), as a PDF: Chinese and English, an
embedded CJK font, and a QR code to the public verification page."""

import io
from datetime import date

import segno
from kit.documents import cjk_font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from registry import names
from registry.certificates.rules import LEVEL_NAMES
from registry.models import Certificate

ISSUER_ZH = "中国工程师联合体"
ISSUER_EN = "Chinese Society of Engineers (CSE)"
NAVY = colors.HexColor("#1d3557")
GOLD = colors.HexColor("#b08d57")


def verification_url(public_base_url: str, number: str) -> str:
    return f"{public_base_url.rstrip('/')}/verify/{number}"


def _date(day: date) -> tuple[str, str]:
    return f"{day.year}年{day.month}月{day.day}日", day.strftime("%d %B %Y")


def render(certificate: Certificate, public_base_url: str, reissued_on: date | None = None
           ) -> bytes:
    """One landscape A4 page; the same number on every reissue, the current validity."""
    font = cjk_font()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"工程会员证书 {certificate.number}")
    pdf.setAuthor(ISSUER_EN)
    pdf.setSubject("Certificate of engineering membership / 工程会员证书")

    pdf.setStrokeColor(NAVY)
    pdf.setLineWidth(3)
    pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    pdf.setStrokeColor(GOLD)
    pdf.setLineWidth(1)
    pdf.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)

    centre = width / 2
    pdf.setFillColor(NAVY)
    pdf.setFont(font, 30)
    pdf.drawCentredString(centre, height - 38 * mm, "工程会员证书")
    pdf.setFont(font, 15)
    pdf.drawCentredString(centre, height - 47 * mm, "Certificate of Engineering Membership")
    pdf.setFillColor(colors.black)
    pdf.setFont(font, 11)
    pdf.drawCentredString(centre, height - 55 * mm, f"{ISSUER_ZH} · {ISSUER_EN}")

    level_zh, level_en = LEVEL_NAMES[certificate.level]
    society_zh, society_en = names.society(certificate.society_code)
    field_zh, field_en = names.field(certificate.field_code) or ("", "")
    specialty = names.field(certificate.specialty_code)
    if specialty is not None:
        field_zh, field_en = f"{field_zh} · {specialty[0]}", f"{field_en} · {specialty[1]}"
    from_zh, from_en = _date(certificate.valid_from)
    until_zh, until_en = _date(certificate.valid_until)
    issued_zh, issued_en = _date(certificate.issued_on)

    pdf.setFont(font, 22)
    pdf.drawCentredString(centre, height - 74 * mm, certificate.member.name)
    pdf.setFont(font, 11)
    pdf.drawCentredString(
        centre, height - 83 * mm,
        f"经{society_zh}评价、{ISSUER_ZH}注册备案，为{level_zh}。")
    pdf.drawCentredString(
        centre, height - 89 * mm,
        f"Evaluated by the {society_en} and registered with the CSE as a {level_en}.")

    rows = [
        ("级别 / Level", f"{level_zh} / {level_en}"),
        ("领域与专业 / Field and specialty", f"{field_zh} / {field_en}"),
        ("签发学会 / Issuing society", f"{society_zh} / {society_en}"),
        ("统一编号 / Unified number", certificate.number),
        ("有效期 / Valid", f"{from_zh} 至 {until_zh} / {from_en} to {until_en}"),
        ("签发日期 / Issued on", f"{issued_zh} / {issued_en}"),
    ]
    if reissued_on is not None:
        again_zh, again_en = _date(reissued_on)
        rows.append(("再注册换发 / Reissued on", f"{again_zh} / {again_en}"))
    top = height - 104 * mm
    for index, (label, value) in enumerate(rows):
        y = top - index * 9 * mm
        pdf.setFont(font, 9.5)
        pdf.setFillColor(NAVY)
        pdf.drawString(30 * mm, y, label)
        pdf.setFillColor(colors.black)
        pdf.setFont(font, 10.5 if label.startswith("统一") else 9.5)
        pdf.drawString(92 * mm, y, value)

    url = verification_url(public_base_url, certificate.number)
    qr = segno.make(url, error="m")
    image = io.BytesIO()
    qr.save(image, kind="png", scale=8, border=2)
    image.seek(0)
    size = 42 * mm
    pdf.drawImage(ImageReader(image), width - 30 * mm - size, 24 * mm, size, size)
    pdf.setFont(font, 7.5)
    pdf.drawCentredString(width - 30 * mm - size / 2, 20 * mm, "扫码核验 / Scan to verify")
    pdf.drawString(30 * mm, 24 * mm, f"在线核验 / Verify online: {url}")
    pdf.drawString(30 * mm, 19 * mm,
                   "本证书为会员身份与称号证明，非执业资格 / Membership and title, not a licence "
                   "to practise.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
