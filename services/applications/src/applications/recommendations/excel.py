"""The Annex 3 workbook (推荐参加工程能力评价人员情况表): reading it safely, mapping its Chinese
labels onto a WorkbookRecommendationIn, and building the downloadable template.

Reading is in three steps so nothing is half-stored: the zip container is checked before
openpyxl sees it (size, member count, compression ratio), openpyxl opens the workbook in
read-only mode (defusedxml guarding its XML) and each sheet's cells are read by expat with the
same guard, and every row is validated before anything is stored.
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat
from xml.parsers.expat import ExpatError

import openpyxl
from cse_contracts.reference import load_fields
from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from kit.documents import put_cell
from kit.masking import mask_phone
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from applications.models import Candidate, Recommendation
from applications.recommendations.errors import (
    ExcelImportUnavailable,
    NotAnXlsx,
    UnsafeWorkbook,
    WorkbookTooLarge,
)
from applications.recommendations.schemas import (
    PROJECT_STATUSES,
    PROJECT_TYPES,
    WORKBOOK_MAX_CANDIDATES,
    UploadProblem,
    WorkbookRecommendationIn,
)

DEPLOYED_TITLE = "已外派参与工程项目人员汇总"
PLANNED_TITLE = "未来三年计划外派参与工程项目人员汇总"
MAX_COLUMNS = 40
MAX_PROBLEMS = 500
# Markers people leave in the form: the example row and the "……" placeholder row.
EXAMPLE_MARKERS = frozenset({"示例", "例", "样例", "example"})
PLACEHOLDERS = frozenset({"…", "……", "...", "......", "。。。", "xx", "XX"})
CANDIDATE_ORDER = ("name", "mobile", "field", "location", "level", "practice")
# Not on the printed form: the template adds it after the six, and it is read only where a
# header names it.
OPTIONAL_CANDIDATE_COLUMNS = ("id_number",)
LEVEL_LABELS = {
    "专业工程会员": "professional", "专业": "professional", "专业级": "professional",
    "professional": "professional",
    "资深工程会员": "senior", "资深": "senior", "资深级": "senior", "senior": "senior",
}
# Each column's header as printed (Chinese) and in English, for messages in each language.
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "enterprise": ("企业名称（企业联系及手机号码）", "enterprise (contact person and mobile)"),
    "project": ("项目名称", "project name"),
    "country": ("国家（地区）", "country (region)"),
    "project_type": ("项目类型", "project type"),
    "project_status": ("项目状态", "project status"),
    "abroad": ("中方在外工程师人数", "Chinese engineers abroad"),
    "foreign": ("聘用外方工程师人数", "foreign engineers hired"),
    "basics": ("满足专业工程会员基本条件数", "engineers meeting the professional basics"),
    "name": ("姓名", "name"),
    "mobile": ("联系方式", "mobile"),
    "field": ("所在领域", "field"),
    "location": ("当前所在地", "current location"),
    "level": ("拟申请级别", "level sought"),
    "practice": ("主要工程实践经历", "main engineering practice"),
    "id_number": ("居民身份证号码", "resident identity number"),
}


@dataclass(frozen=True)
class WorkbookLimits:
    max_bytes: int
    max_uncompressed_bytes: int
    max_members: int
    max_rows: int


@dataclass
class Sheet:
    title: str
    rows: list[tuple[Any, ...]]


# ── reading the file safely ────────────────────────────────────────────────────────────


def read_sheets(data: bytes, limits: WorkbookLimits) -> list[Sheet]:
    """Every sheet's cell values; raises a problem for anything that is not a safe .xlsx."""
    if not openpyxl.DEFUSEDXML:
        # Without defusedxml openpyxl parses XML with entity expansion: refuse rather than risk.
        raise ExcelImportUnavailable(
            "服务器未启用安全的 XML 解析，暂不能导入 Excel / Safe XML parsing (defusedxml) is not "
            "available on the server, so workbooks cannot be imported."
        )
    check_container(data, limits)
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except (DefusedXmlException, InvalidFileException, zipfile.BadZipFile, KeyError, ParseError,
            ValueError, TypeError, OSError) as exc:
        raise _read_error(exc) from exc
    sheets: list[Sheet] = []
    try:
        # read_only=True: each sheet is a ReadOnlyWorksheet, named by its path in the zip.
        archive: zipfile.ZipFile = getattr(workbook, "_archive")  # noqa: B009
        for worksheet in workbook.worksheets:
            path: str = getattr(worksheet, "_worksheet_path")  # noqa: B009
            with archive.open(path) as source:
                reader = _SheetReader(worksheet, limits.max_rows)
                reader.read(source)
            sheets.append(Sheet(title=worksheet.title,
                                rows=spread_merged(reader.rows, reader.merged)))
    except (DefusedXmlException, ExpatError, zipfile.BadZipFile, KeyError, ParseError,
            ValueError, TypeError, OSError) as exc:
        raise _read_error(exc) from exc
    finally:
        workbook.close()
    return sheets


def _forbid_dtd(name: str, system_id: str | None, public_id: str | None, *_: Any) -> None:
    raise DTDForbidden(name, system_id or "", public_id or "")


def _forbid_entity(name: str, *_: Any) -> None:
    raise EntitiesForbidden(name, None, "", "", "", "")


def _forbid_external(context: str, base: str | None, system_id: str | None,
                     public_id: str | None) -> int:
    raise ExternalReferenceForbidden(context, base or "", system_id or "", public_id or "")


class _SheetReader:
    """A worksheet's cell values (as openpyxl's read-only mode gives them with data_only) and
    its merged ranges, in one pass of expat over the sheet's XML. openpyxl's own reader builds
    an element tree per cell through the pure-Python parser defusedxml needs: 2 s for 5,000
    rows, against a few hundred ms here. The guard is defusedxml's: no DTD, no entity
    declarations, no external references."""

    def __init__(self, worksheet: Any, max_rows: int) -> None:
        workbook = worksheet.parent
        self.title = str(worksheet.title)
        self.shared: Sequence[str] = worksheet._shared_strings
        self.date_styles: set[int] = set(workbook._date_formats)
        self.timedelta_styles: set[int] = set(workbook._timedelta_formats)
        self.epoch = workbook.epoch
        self.max_rows = max_rows
        self.rows: list[tuple[Any, ...]] = []
        self.merged: list[str] = []
        self._row: list[Any] | None = None
        self._column = 0
        self._cell_type = "n"
        self._style = 0
        self._text: list[str] | None = None  # collecting a <v> or an inline string's text
        self._value: str | None = None
        self._inline: list[str] | None = None
        self._depth_in_inline = 0
        self._phonetic = 0

    def read(self, source: Any) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = _forbid_dtd
        parser.EntityDeclHandler = _forbid_entity
        parser.UnparsedEntityDeclHandler = _forbid_entity
        parser.ExternalEntityRefHandler = _forbid_external
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._data
        parser.ParseFile(source)

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "c":
            self._cell_type = attrs.get("t", "n")
            style = attrs.get("s")
            self._style = int(style) if style else 0
            ref = attrs.get("r")
            self._column = _column_of(ref) if ref else self._column + 1
            self._value = None
            self._inline = None
        elif tag == "v":
            self._text = []
        elif tag == "is":
            self._inline = []
        elif tag == "rPh":
            self._phonetic += 1  # phonetic guides are not the cell's text
        elif tag == "t" and self._inline is not None and not self._phonetic:
            self._text = []
        elif tag == "row":
            number = attrs.get("r")
            index = int(number) if number else len(self.rows) + 1
            while len(self.rows) < index - 1:  # rows the file leaves out are empty
                self._push((None,) * MAX_COLUMNS)
            self._row = [None] * MAX_COLUMNS
            self._column = 0
        elif tag == "mergeCell":
            ref = attrs.get("ref")
            if ref:
                self.merged.append(ref)

    def _data(self, text: str) -> None:
        if self._text is not None:
            self._text.append(text)

    def _end(self, name: str) -> None:
        tag = name.rpartition(" ")[2]
        if tag == "v" and self._text is not None:
            self._value = "".join(self._text) or None
            self._text = None
        elif tag == "t" and self._text is not None:
            if self._inline is not None:
                self._inline.append("".join(self._text))
            self._text = None
        elif tag == "rPh":
            self._phonetic -= 1
        elif tag == "c":
            if self._row is not None and 0 < self._column <= MAX_COLUMNS:
                self._row[self._column - 1] = self._cell_value()
        elif tag == "row" and self._row is not None:
            self._push(tuple(self._row))
            self._row = None

    def _push(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)
        if len(self.rows) > self.max_rows:
            raise WorkbookTooLarge(
                f"工作表“{self.title}”超过 {self.max_rows} 行，请分批上传 / Sheet "
                f"{self.title!r} has more than {self.max_rows} rows; upload it in parts."
            )

    def _cell_value(self) -> Any:
        kind, value = self._cell_type, self._value
        if kind == "inlineStr":
            return "".join(self._inline) if self._inline is not None else None
        if value is None:
            return None
        if kind == "n":
            number: int | float = float(value) if "." in value or "E" in value or \
                "e" in value else int(value)
            if self._style in self.date_styles:
                try:
                    return from_excel(number, self.epoch,
                                      timedelta=self._style in self.timedelta_styles)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.shared[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)  # type: ignore[no-untyped-call]
        return value  # "str" (a formula's text) and "e" (an error such as #N/A)


_COLUMN_LETTERS = {chr(ord("A") + n): n + 1 for n in range(26)}


def _column_of(ref: str) -> int:
    """"AB12" → 28."""
    column = 0
    for char in ref:
        letter = _COLUMN_LETTERS.get(char)
        if letter is None:
            break
        column = column * 26 + letter
    return column


def spread_merged(rows: list[tuple[Any, ...]], ranges: Iterable[str]) -> list[tuple[Any, ...]]:
    """A merged cell's value on every row and column it covers, as the person filling the form
    sees it: the second engineer of a merged project is on that project too."""
    grid = [list(row) for row in rows]
    for ref in ranges:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        if min_col is None or min_row is None or max_col is None or max_row is None:
            continue
        if min_row > len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row - 1, min(max_row, len(grid))):
            row = grid[r]
            for c in range(min_col - 1, min(max_col, MAX_COLUMNS)):
                if c >= len(row):
                    row.extend([None] * (c + 1 - len(row)))
                if (r, c) != (min_row - 1, min_col - 1):
                    row[c] = value
    return [tuple(row) for row in grid]


def check_container(data: bytes, limits: WorkbookLimits) -> None:
    """The zip under the .xlsx, checked before any XML is parsed: its declared sizes bound what
    the zip reader will inflate, so a bomb is refused here without inflating it."""
    if len(data) > limits.max_bytes:
        raise WorkbookTooLarge(
            f"文件大小 {len(data)} 字节，超过上限 {limits.max_bytes} 字节 / The file has "
            f"{len(data)} bytes; the limit is {limits.max_bytes}."
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise NotAnXlsx(
            "这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传 / This is a legacy .xls file; "
            "save it as .xlsx in Excel and upload that."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise NotAnXlsx(_not_xlsx_detail())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise NotAnXlsx(_not_xlsx_detail()) from exc
    if len(members) > limits.max_members:
        raise WorkbookTooLarge(
            f"压缩包内有 {len(members)} 个部件，超过上限 {limits.max_members} / The workbook has "
            f"{len(members)} parts; the limit is {limits.max_members}."
        )
    total = sum(m.file_size for m in members)
    if total > limits.max_uncompressed_bytes:
        raise WorkbookTooLarge(
            f"解压后大小 {total} 字节，超过上限 {limits.max_uncompressed_bytes} 字节"
            f"（疑似压缩炸弹） / The workbook unpacks to {total} bytes, over the limit of "
            f"{limits.max_uncompressed_bytes} (a zip bomb?)."
        )
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > 200 * max(member.compress_size, 1):
            raise WorkbookTooLarge(
                f"部件 {member.filename} 的压缩比异常（疑似压缩炸弹） / Part {member.filename} is "
                "compressed suspiciously well (a zip bomb?)."
            )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise NotAnXlsx(_not_xlsx_detail())


def _read_error(exc: BaseException) -> NotAnXlsx | UnsafeWorkbook:
    """openpyxl wraps what the XML parser raised; an entity or DTD anywhere in the chain means
    the workbook was refused as unsafe rather than merely unreadable."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return UnsafeWorkbook(_unsafe_detail())
        cause = cause.__cause__ or cause.__context__
    return NotAnXlsx(_not_xlsx_detail())


def _not_xlsx_detail() -> str:
    return ("文件不是有效的 Excel .xlsx 工作簿（按内容判断，而非文件名） / The file is not a valid "
            "Excel .xlsx workbook (judged by its content, not its name).")


def _unsafe_detail() -> str:
    return ("工作簿的 XML 含有实体或 DTD 声明，已拒绝 / The workbook's XML declares entities or a "
            "DTD and was refused.")


# ── recognising Annex 3 ────────────────────────────────────────────────────────────────


def norm(value: Any) -> str:
    """A header or label as compared: NFKC (full-width → half-width), no whitespace at all."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


def classify_header(label: str) -> str | None:
    """The column a header cell stands for; the order matters (labels contain each other)."""
    h = norm(label)
    if not h:
        return None
    rules: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("enterprise", ("企业名称", "推荐单位名称")),
        ("candidates", ("拟互认人员信息",)),
        ("basics", ("满足",)),
        ("abroad", ("中方在外工程师",)),
        ("foreign", ("聘用外方", "外方工程师")),
        ("project_type", ("项目类型",)),
        ("project_status", ("项目状态",)),
        ("project", ("项目名称",)),
        ("country", ("国家", "地区)")),
        ("seq", ("序号",)),
        ("id_number", ("身份证", "证件号码")),
        ("name", ("姓名",)),
        ("mobile", ("联系方式", "手机", "电话")),
        ("field", ("所在领域", "领域")),
        ("location", ("当前所在地", "所在地")),
        ("level", ("级别",)),
        ("practice", ("实践", "经历")),
    )
    for column, keys in rules:
        if any(key in h for key in keys):
            return column
    return None


@dataclass
class Layout:
    section: str
    columns: dict[str, int]
    header_rows: int


def header_layout(rows: Sequence[tuple[Any, ...]], index: int, section: str | None,
                  kind_of: Callable[[str], str | None] = classify_header) -> Layout | None:
    """The column map if `rows[index]` is an Annex 3 header row (maybe with a sub-label row)."""
    row = rows[index]
    found: dict[str, int] = {}
    for col, value in enumerate(row):
        kind = kind_of(value) if isinstance(value, str) else None
        if kind and kind not in found:
            found[kind] = col
    table_keys = {"seq", "enterprise", "project", "country", "project_type", "project_status",
                  "candidates", "name"}
    anchors = {"enterprise", "candidates", "name"}
    if len(found.keys() & table_keys) < 3 or not anchors & found.keys():
        return None
    header_rows = 1
    if index + 1 < len(rows):
        below: dict[str, int] = {}
        for col, value in enumerate(rows[index + 1]):
            kind = kind_of(value) if isinstance(value, str) else None
            if (kind in CANDIDATE_ORDER or kind in OPTIONAL_CANDIDATE_COLUMNS) and \
                    kind not in below and kind not in found:
                below[kind] = col
        if len(below) >= 3:
            found.update(below)
            header_rows = 2
    start = found.pop("candidates", None)
    if start is not None:
        # One merged header over the six candidate columns, in the form's order.
        for offset, kind in enumerate(CANDIDATE_ORDER):
            found.setdefault(kind, start + offset)
    if section is None:
        planned = "project_type" not in found and "project_status" not in found
        section = "planned" if planned else "deployed"
    return Layout(section=section, columns=found, header_rows=header_rows)


def title_section(value: str) -> str | None:
    """The table a title cell names: planned or deployed; None for any other text."""
    text = norm(value)
    if PLANNED_TITLE in text or "计划外派参与工程项目人员" in text:
        return "planned"
    if DEPLOYED_TITLE in text or "已外派参与工程项目人员" in text:
        return "deployed"
    return None


def section_title(row: tuple[Any, ...],
                  section_of: Callable[[str], str | None] = title_section) -> str | None:
    for value in row:
        section = section_of(value) if isinstance(value, str) else None
        if section is not None:
            return section
    return None


def memoised(function: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """`function` remembering its answers, for one workbook: most cells repeat (merged
    enterprise and project cells, fields, levels), and every row is tried as a header."""
    answers: dict[str, str | None] = {}

    def remembered(value: str) -> str | None:
        try:
            return answers[value]
        except KeyError:
            answer = answers[value] = function(value)
            return answer

    return remembered


# ── turning rows into a WorkbookRecommendationIn ─────────────────────────────────────


@dataclass
class Origin:
    """Where a part of the payload came from, to point problems at cells."""

    sheet: str
    row: int
    columns: dict[str, int]


@dataclass
class ParseResult:
    payload: WorkbookRecommendationIn | None
    problems: list[UploadProblem]
    raw: dict[str, Any] = field(default_factory=dict)


@cache
def field_names() -> dict[str, str]:
    """Chinese name (with or without the trailing 类), English name or code → field code."""
    names: dict[str, str] = {}
    for item in load_fields():
        for label in (item.name_zh, item.name_zh.removesuffix("类"), item.code, item.name_en):
            names[norm(label).lower()] = item.code
    return names


def resolve_field(value: Any) -> str | None:
    return field_names().get(norm(value).lower())


def text_of(value: Any) -> str | None:
    """A cell as text: numbers without a trailing .0 (mobiles typed as numbers)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def count_of(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


ENTERPRISE_CONTACT = re.compile(r"联系人[:：]?\s*([^\s,，;；:：)）(（]+)")
PHONE = re.compile(r"\+?\d[\d\- ]{6,}\d")


def parse_enterprise(value: str) -> tuple[str, str | None, str | None]:
    """'XX公司（联系人：王五，手机：13700000000）' → (name, contact, mobile)."""
    text = unicodedata.normalize("NFKC", value).strip()
    name = re.split(r"[\n(]", text, maxsplit=1)[0].strip()
    contact = ENTERPRISE_CONTACT.search(text)
    phone = PHONE.search(text[len(name):]) if name else PHONE.search(text)
    return name, contact.group(1) if contact else None, phone.group(0).replace(" ", "").replace(
        "-", "") if phone else None


def parse_sheets(sheets: Sequence[Sheet], *, keep_examples: bool = False) -> ParseResult:
    """Annex 3 as one WorkbookRecommendationIn, or every problem found, each by sheet, row and
    column."""
    parser = _Parser(keep_examples=keep_examples)
    for sheet in sheets:
        parser.read(sheet)
    return parser.finish()


class _Parser:
    def __init__(self, *, keep_examples: bool) -> None:
        self.keep_examples = keep_examples
        self.problems: list[UploadProblem] = []
        self.enterprise: dict[str, Any] | None = None
        self.enterprise_origin: Origin | None = None
        self.projects: list[dict[str, Any]] = []
        self.loose: list[dict[str, Any]] = []
        self.planned: list[dict[str, Any]] = []
        self.origins: dict[tuple[Any, ...], Origin] = {}
        self.found_header = False
        # Kept for this workbook only: the cells hold personal data.
        self.kind_of = memoised(classify_header)
        self.section_of = memoised(title_section)

    def problem(self, sheet: str, row: int | None, column: int | None, zh: str, en: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(UploadProblem(
                sheet=sheet, row=row,
                column=get_column_letter(column + 1) if column is not None else None,
                message_zh=zh, message_en=en,
            ))

    def read(self, sheet: Sheet) -> None:
        rows = sheet.rows
        section: str | None = None
        layout: Layout | None = None
        project: dict[str, Any] | None = None
        skip_until = -1
        for index, row in enumerate(rows):
            if index < skip_until:
                continue
            titled = section_title(row, self.section_of)
            if titled is not None and header_layout(rows, index, titled,
                                                    self.kind_of) is None:
                section, layout, project = titled, None, None
                continue
            found = header_layout(rows, index, section, self.kind_of)
            if found is not None:
                layout, project = found, None
                self.found_header = True
                skip_until = index + found.header_rows
                continue
            if layout is None or all(text_of(v) is None for v in row):
                continue
            project = self.data_row(sheet.title, index + 1, row, layout, project)

    def cell(self, row: tuple[Any, ...], layout: Layout, key: str) -> Any:
        col = layout.columns.get(key)
        return row[col] if col is not None and col < len(row) else None

    def data_row(self, sheet: str, number: int, row: tuple[Any, ...], layout: Layout,
                 project: dict[str, Any] | None) -> dict[str, Any] | None:
        cols = layout.columns
        seq = norm(self.cell(row, layout, "seq")).lower()
        if seq in EXAMPLE_MARKERS and not self.keep_examples:
            return project
        candidate_values = [text_of(self.cell(row, layout, k)) for k in CANDIDATE_ORDER]
        filled = [v for v in candidate_values if v is not None and v not in PLACEHOLDERS]
        if candidate_values[0] in PLACEHOLDERS:
            filled = []  # the form's "3 …… 中国" row: a placeholder, not a person
        enterprise_cell = text_of(self.cell(row, layout, "enterprise"))
        if enterprise_cell and enterprise_cell not in PLACEHOLDERS:
            self.take_enterprise(sheet, number, cols.get("enterprise"), enterprise_cell)
        if layout.section == "deployed":
            project = self.take_project(sheet, number, row, layout, project)
        if not filled:
            return project
        origin = Origin(sheet, number, cols)
        candidate = self.candidate(sheet, number, row, layout)
        if layout.section == "planned":
            planned_project = text_of(self.cell(row, layout, "project"))
            planned_country = text_of(self.cell(row, layout, "country"))
            candidate["planned_project"] = planned_project
            candidate["planned_country"] = planned_country
            self.origins[("planned_candidates", len(self.planned))] = origin
            self.planned.append(candidate)
        elif project is not None:
            index = self.projects.index(project)
            self.origins[("projects", index, "candidates", len(project["candidates"]))] = origin
            project["candidates"].append(candidate)
        else:
            self.problem(sheet, number, cols.get("project"), "缺少企业海外重点项目名称",
                         "The overseas project's name is missing.")
            self.origins[("candidates", len(self.loose))] = origin
            self.loose.append(candidate)
        return project

    def take_enterprise(self, sheet: str, number: int, col: int | None, value: str) -> None:
        name, contact, mobile = parse_enterprise(value)
        if self.enterprise is None:
            self.enterprise = {"name": name, "contact_name": contact, "contact_mobile": mobile}
            self.enterprise_origin = Origin(sheet, number, {
                "name": col or 0, "contact_name": col or 0, "contact_mobile": col or 0})
            if not contact:
                self.problem(sheet, number, col, "企业名称栏缺少联系人（如“联系人：王五”）",
                             "The enterprise cell has no contact person (e.g. 联系人：王五).")
            if not mobile:
                self.problem(sheet, number, col, "企业名称栏缺少联系人手机号码",
                             "The enterprise cell has no contact mobile number.")
        elif norm(name) != norm(self.enterprise["name"]):
            self.problem(sheet, number, col,
                         f"一份推荐表只能包含一个企业（此前为“{self.enterprise['name']}”）",
                         f"One workbook is one enterprise's recommendation (earlier rows say "
                         f"{self.enterprise['name']!r}).")

    def take_project(self, sheet: str, number: int, row: tuple[Any, ...], layout: Layout,
                     current: dict[str, Any] | None) -> dict[str, Any] | None:
        cols = layout.columns
        name = text_of(self.cell(row, layout, "project"))
        if name is None or name in PLACEHOLDERS:
            # A merged project cell: the row continues the project above.
            return current
        if current is not None and norm(current["name"]) == norm(name):
            return current
        project_type = self.label(sheet, number, cols.get("project_type"),
                                  self.cell(row, layout, "project_type"), PROJECT_TYPES, "项目类型",
                                  "project type")
        project_status = self.label(sheet, number, cols.get("project_status"),
                                    self.cell(row, layout, "project_status"), PROJECT_STATUSES,
                                    "项目状态", "project status")
        project: dict[str, Any] = {
            "name": name,
            "country": text_of(self.cell(row, layout, "country")) or "",
            "project_type": project_type,
            "project_status": project_status,
            "chinese_engineers_abroad": count_of(self.cell(row, layout, "abroad")),
            "foreign_engineers_hired": count_of(self.cell(row, layout, "foreign")),
            "engineers_meeting_basics": count_of(self.cell(row, layout, "basics")),
            "candidates": [],
        }
        self.origins[("projects", len(self.projects))] = Origin(sheet, number, {
            "name": cols.get("project", 0), "country": cols.get("country", 0),
            "project_type": cols.get("project_type", 0),
            "project_status": cols.get("project_status", 0),
            "chinese_engineers_abroad": cols.get("abroad", 0),
            "foreign_engineers_hired": cols.get("foreign", 0),
            "engineers_meeting_basics": cols.get("basics", 0),
        })
        self.projects.append(project)
        return project

    def label(self, sheet: str, number: int, col: int | None, value: Any,
              labels: dict[str, str], what_zh: str, what_en: str) -> str | None:
        text = norm(value)
        by_label = {norm(zh): code for code, zh in labels.items()}
        if text in by_label:
            return by_label[text]
        if text.lower() in labels:
            return text.lower()
        allowed = "、".join(labels.values())
        if not text:
            self.problem(sheet, number, col, f"缺少{what_zh}（可选：{allowed}）",
                         f"The {what_en} is missing (one of: {allowed}).")
        else:
            self.problem(sheet, number, col, f"{what_zh}“{value}”不在可选范围内（{allowed}）",
                         f"Unknown {what_en} {value!r}; use one of: {allowed}.")
        return None

    def candidate(self, sheet: str, number: int, row: tuple[Any, ...], layout: Layout
                  ) -> dict[str, Any]:
        cols = layout.columns
        field_text = text_of(self.cell(row, layout, "field"))
        field_code = resolve_field(field_text) if field_text else None
        if field_text and field_code is None:
            self.problem(sheet, number, cols.get("field"),
                         f"未知的所在领域“{field_text}”"
                         "（应为附件1中的领域名称，如“土木工程类”）",
                         f"Unknown field {field_text!r}; use a field name of Annex 1, e.g. "
                         "土木工程类.")
        elif not field_text:
            self.problem(sheet, number, cols.get("field"), "缺少所在领域", "The field is missing.")
        level_text = norm(self.cell(row, layout, "level"))
        level = LEVEL_LABELS.get(level_text) or LEVEL_LABELS.get(level_text.lower())
        if level is None:
            self.problem(sheet, number, cols.get("level"),
                         f"拟申请级别“{level_text}”应为“专业工程会员”或“资深工程会员”",
                         f"The level sought {level_text!r} must be 专业工程会员 (professional) or "
                         "资深工程会员 (senior).")
        values: dict[str, Any] = {}
        raw_id = self.cell(row, layout, "id_number")
        if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
            # Excel keeps 15 significant digits: an 18-digit number typed as a number is
            # already wrong, and a final X cannot be one.
            self.problem(sheet, number, cols.get("id_number"),
                         "居民身份证号码请以文本格式填写（数字格式会丢失末位）",
                         "Enter the resident identity number as text (a number cell loses its "
                         "last digits).")
        elif text_of(raw_id):
            values["id_number"] = text_of(raw_id)
        return values | {
            "name": text_of(self.cell(row, layout, "name")) or "",
            "mobile": text_of(self.cell(row, layout, "mobile")) or "",
            "field_code": field_code or "",
            "location": text_of(self.cell(row, layout, "location")) or "",
            "level": level or "professional",
            "practice": text_of(self.cell(row, layout, "practice")) or "",
        }

    def finish(self) -> ParseResult:
        if not self.found_header:
            self.problem("", None, None,
                         f"未找到附件3的表头（“{DEPLOYED_TITLE}”或“{PLANNED_TITLE}”表格的“序号、企业名称"
                         "……拟互认人员信息”）",
                         "No Annex 3 table header was found (序号, 企业名称 … 拟互认人员信息); "
                         "download the template from /v1/recommendations/template.")
        total = len(self.loose) + len(self.planned) + sum(
            len(p["candidates"]) for p in self.projects)
        if self.found_header and total == 0:
            self.problem("", None, None, "表中没有拟互认人员（示例行不计入）",
                         "The workbook lists no candidates (the example rows do not count).")
        if self.enterprise is None and self.found_header:
            self.problem("", None, None, "未填写企业名称（企业联系人及手机号码）",
                         "The enterprise (name, contact person and mobile) is missing.")
        raw: dict[str, Any] = {
            "enterprise": self.enterprise or {},
            "projects": self.projects,
            "candidates": self.loose,
            "planned_candidates": self.planned,
        }
        if total > WORKBOOK_MAX_CANDIDATES:
            # Said first, for the whole workbook; its rows are not validated (they could not be
            # stored as one recommendation anyway).
            zh, en = WorkbookRecommendationIn.too_many.format(total=total).split(" / ", 1)
            self.problems.insert(0, UploadProblem(sheet="", row=None, column=None,
                                                  message_zh=zh, message_en=en))
            return ParseResult(payload=None, problems=self.problems, raw=raw)
        payload: WorkbookRecommendationIn | None = None
        try:
            payload = WorkbookRecommendationIn.model_validate(raw)
        except ValidationError as exc:
            for error in exc.errors():
                self.pydantic_problem(error)
        if self.problems:
            return ParseResult(payload=None, problems=self.problems, raw=raw)
        return ParseResult(payload=payload, problems=[], raw=raw)

    def pydantic_problem(self, error: Any) -> None:
        loc = tuple(error.get("loc", ()))
        origin: Origin | None = None
        rest: tuple[Any, ...] = ()
        for cut in range(len(loc), 0, -1):
            if loc[:cut] in self.origins:
                origin, rest = self.origins[loc[:cut]], loc[cut:]
                break
        if origin is None and loc[:1] == ("enterprise",):
            if self.enterprise_origin is None:
                return  # reported above: the workbook names no enterprise
            origin, rest = self.enterprise_origin, loc[1:]
        if origin is None and self.problems:
            return  # a whole-workbook check that repeats a problem reported above
        key = {"field_code": "field"}.get(str(rest[0]), str(rest[0])) if rest else ""
        col = origin.columns.get(key) if origin is not None else None
        if key in {"field", "level"}:
            return  # unknown labels were reported with their own text already
        sheet, row = (origin.sheet, origin.row) if origin else ("", None)
        column = get_column_letter(col + 1) if col is not None else None
        if any((p.sheet, p.row, p.column) == (sheet, row, column) for p in self.problems):
            return  # this cell was reported already, with a more specific message
        zh, en = bilingual(error)
        label = COLUMN_LABELS.get(key)
        if label:
            zh, en = f"{label[0]}：{zh}", f"{label[1]}: {en}"
        self.problem(sheet, row, col, zh, en)


def bilingual(error: Any) -> tuple[str, str]:
    kind = error.get("type", "")
    message = str(error.get("msg", ""))
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        if " / " in message:
            zh, en = message.split(" / ", 1)
            return zh, en
        return message, message
    context = error.get("ctx") or {}
    messages = {
        "missing": ("必填", "required"),
        "string_too_short": ("必填，不能为空", "required, must not be empty"),
        "string_too_long": (f"内容过长（最多 {context.get('max_length')} 字）",
                            f"too long (at most {context.get('max_length')} characters)"),
        "int_parsing": ("应为整数", "must be a whole number"),
        "int_type": ("应为整数", "must be a whole number"),
        "int_from_float": ("应为整数", "must be a whole number"),
        "greater_than_equal": ("不能为负数", "must not be negative"),
        "less_than_equal": ("数值过大", "too large"),
        "literal_error": ("不在可选范围内", "not one of the allowed values"),
        "string_type": ("应为文本", "must be text"),
    }
    return messages.get(kind, (f"数据无效：{message}", f"invalid: {message}"))


# ── the template and exports ───────────────────────────────────────────────────────────

DEPLOYED_HEADERS = (
    "序号",
    "企业名称\n（企业联系人及手机号码）",
    "企业海外重点项目名称",
    "项目所在国家（地区）",
    "项目类型（对外投资、承包工程、对外劳务、对外援助、其他）",
    "项目状态（筹建准备、在建、完工、已完工等待验收移交、运营中）",
    "中方在外工程师人数",
    "聘用外方工程师人数",
    "中方在外工程师满足专业工程会员基本条件数（本科毕业、工作5年以上）",
)
PLANNED_HEADERS = (
    "序号",
    "企业名称\n（企业联系人及手机号码）",
    "计划外派海外重点项目名称（如有）",
    "计划外派国家（地区）（如有）",
)
CANDIDATE_HEADER = ("拟互认人员信息（姓名、联系方式、所在领域、当前所在地、"
                    "拟申请级别（专业/资深）、300字以内主要工程实践经历）")
ID_NUMBER_HEADER = "居民身份证号码（选填，以文本填写）"
CANDIDATE_SUBHEADERS = ("姓名", "联系方式", "所在领域", "当前所在地", "拟申请级别（专业/资深）",
                        "主要工程实践经历（300字以内）", ID_NUMBER_HEADER)
FORM_TITLE = "推荐参加工程能力评价人员情况表"
EXAMPLE_ENTERPRISE = "XX公司\n（联系人：王五，手机：13700000000）"
EXAMPLE_PRACTICE = "曾参与XX工程项目，我负责主桥结构设计与施工技术方案，解决了深水基础施工难题。"
TEMPLATE_ROWS = 200
LEVEL_WORDS = {"professional": "专业工程会员", "senior": "资深工程会员"}
NOTES = (
    "1. 每个企业填写一份；“示例”行不会被导入，可保留或删除。",
    "2. 同一项目有多名人员时，可合并项目相关单元格，或只在第一行填写项目信息。",
    "3. 所在领域请填写附件1中的领域名称，如“土木工程类”。",
    "4. 国家（地区）请填写中文名称（如“缅甸”）或 ISO 3166 代码（如 MM）。",
    "5. 主要工程实践经历不超过300字（不计空格）。",
    "6. 居民身份证号码选填：填写后用于识别同一工程师，申请人可凭此找到本推荐；请以文本格式填写。",
    "1. One workbook per enterprise; rows marked 示例 are examples and are not imported.",
    "2. Several engineers on one project: merge the project cells or fill them on the first "
    "row only.",
    "3. The resident identity number is optional; when given it must be valid, and the engineer "
    "finds this recommendation with it.",
)
Row = tuple[Any, ...]


def build_template() -> bytes:
    """An Annex 3 workbook to fill in: both tables, merged headers, an example row each."""
    return build_workbook(
        [("示例", EXAMPLE_ENTERPRISE, "XX项目", "缅甸", "承包工程", "在建", 120, 300, 45,
          "张三", "13800000000", "土木工程类", "缅甸", "专业工程会员", EXAMPLE_PRACTICE)],
        [("示例", EXAMPLE_ENTERPRISE, "XX项目", "新加坡",
          "李四", "13900000000", "土木工程类", "中国", "资深工程会员", EXAMPLE_PRACTICE)],
    )


def build_workbook(deployed: Sequence[Row], planned: Sequence[Row]) -> bytes:
    """The Annex 3 layout with these rows. Every cell goes through `put_cell`: text from an
    upload or a push (`=HYPERLINK(…)`) is shown as text, never evaluated as a formula."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    first.title = "已外派人员"
    _table(first, DEPLOYED_TITLE, DEPLOYED_HEADERS, deployed)
    _table(workbook.create_sheet("计划外派人员"), PLANNED_TITLE, PLANNED_HEADERS, planned)
    notes = workbook.create_sheet("填写说明")
    for number, line in enumerate(NOTES, start=1):
        put_cell(notes.cell(row=number, column=1), line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _table(sheet: Worksheet, title: str, headers: tuple[str, ...], rows: Sequence[Row]) -> None:
    width = len(headers) + len(CANDIDATE_SUBHEADERS)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    fill = PatternFill("solid", fgColor="DDEBF7")
    cell = sheet.cell(row=1, column=1)
    put_cell(cell, FORM_TITLE)
    cell.font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    put_cell(sheet.cell(row=2, column=1), "推荐单位（盖章）：")
    cell = sheet.cell(row=3, column=1)
    put_cell(cell, f"{title}（可另附）")
    cell.font = bold
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=width)
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(row=4, column=col)
        put_cell(cell, header)
        sheet.merge_cells(start_row=4, start_column=col, end_row=5, end_column=col)
        cell.font, cell.alignment, cell.fill = bold, wrap, fill
    first = len(headers) + 1
    cell = sheet.cell(row=4, column=first)
    put_cell(cell, CANDIDATE_HEADER)
    cell.font, cell.alignment, cell.fill = bold, wrap, fill
    sheet.merge_cells(start_row=4, start_column=first, end_row=4, end_column=width)
    for offset, label in enumerate(CANDIDATE_SUBHEADERS):
        sub = sheet.cell(row=5, column=first + offset)
        put_cell(sub, label)
        sub.font, sub.alignment, sub.fill = bold, wrap, fill
    for number, row in enumerate(rows, start=6):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(row=number, column=col)
            put_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True)
    sheet.row_dimensions[4].height = 60
    for col in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 16
    sheet.column_dimensions[get_column_letter(width - 1)].width = 50
    sheet.column_dimensions[get_column_letter(width)].width = 22
    # The identity number column is text, so Excel keeps all 18 characters and a final X.
    sheet.column_dimensions[get_column_letter(width)].number_format = "@"
    _choices(sheet, first + 2, list(_field_labels()))
    _choices(sheet, first + 4, list(LEVEL_WORDS.values()))
    if "项目类型" in "".join(headers):
        _choices(sheet, 5, list(PROJECT_TYPES.values()))
        _choices(sheet, 6, list(PROJECT_STATUSES.values()))
    sheet.freeze_panes = "B6"
    # Printed (or saved as PDF) the form is one page wide, as the paper Annex 3.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _field_labels() -> Iterable[str]:
    return (item.name_zh for item in load_fields())


def field_label(code: str) -> str:
    return {item.code: item.name_zh for item in load_fields()}.get(code, code)


def _choices(sheet: Worksheet, column: int, values: list[str]) -> None:
    letter = get_column_letter(column)
    validation = DataValidation(type="list", formula1='"' + ",".join(values) + '"',
                                allow_blank=True, showErrorMessage=False)
    sheet.add_data_validation(validation)
    validation.add(f"{letter}7:{letter}{6 + TEMPLATE_ROWS}")


def recommendation_workbook(recommendation: Recommendation, *, masked: bool) -> bytes:
    """A stored recommendation in the Annex 3 layout it came in (or would have): the enterprise
    and the committee read and file it like the paper form."""
    mobile = mask_phone(recommendation.contact_mobile) if masked else \
        recommendation.contact_mobile
    enterprise = f"{recommendation.enterprise_name}\n（联系人：{recommendation.contact_name}，" \
                 f"手机：{mobile}）"

    def person(candidate: Candidate) -> Row:
        return (candidate.name, mask_phone(candidate.mobile) if masked else candidate.mobile,
                field_label(candidate.field_code), candidate.location,
                LEVEL_WORDS.get(candidate.level, candidate.level), candidate.practice)

    deployed: list[Row] = []
    planned: list[Row] = []
    projects = {p.id: p for p in recommendation.projects}
    for candidate in recommendation.candidates:
        if candidate.section == "planned":
            planned.append((len(planned) + 1, enterprise, candidate.planned_project,
                            candidate.planned_country, *person(candidate)))
            continue
        project = projects.get(candidate.project_id) if candidate.project_id else None
        project_cells: Row = (None,) * 7
        if project is not None:
            project_cells = (project.name, project.country_code,
                             PROJECT_TYPES.get(project.project_type, project.project_type),
                             PROJECT_STATUSES.get(project.project_status,
                                                  project.project_status),
                             project.chinese_engineers_abroad, project.foreign_engineers_hired,
                             project.engineers_meeting_basics)
        deployed.append((len(deployed) + 1, enterprise, *project_cells, *person(candidate)))
    return build_workbook(deployed, planned)
