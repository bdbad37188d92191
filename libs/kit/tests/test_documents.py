import io
import zipfile

from kit.documents import cjk_font, put_cell
from openpyxl import Workbook, load_workbook
from reportlab.pdfgen import canvas


def test_formula_like_text_is_stored_as_text_not_a_formula() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row, text in enumerate(["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "ok"], 1):
        put_cell(sheet.cell(row=row, column=1), text)
    buffer = io.BytesIO()
    book.save(buffer)
    reread = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert reread is not None
    cells = [reread.cell(row=r, column=1) for r in range(1, 6)]
    assert [c.data_type for c in cells] == ["s"] * 5
    assert cells[0].value == "=HYPERLINK(\"http://x\")"
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_the_cjk_font_is_embedded() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(cjk_font(), 12)
    pdf.drawString(72, 720, "专业工程会员")
    pdf.save()
    assert b"FontFile2" in buffer.getvalue()
