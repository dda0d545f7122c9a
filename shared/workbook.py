"""XLSX and CSV files officers exchange: one look for every export, one guarded reader for every import.

Writing: every sheet gets a bold, frozen header row with an autofilter, column widths that fit
the content, print setup (landscape, fit to width, header repeated), real date and number cells,
Text format ('@') on identifier columns so a typed NIP keeps its 18 digits, and dropdowns for
columns with a fixed list. Every value from user data is written as inert text: never a formula,
never an error value, without the control characters XML refuses; CSV cells a spreadsheet would
evaluate get an apostrophe in front (OWASP "CSV injection"), which the reader takes off again.

Reading: an upload is parsed in a worker thread, streaming, within limits checked before or while
the work is done (file size, unpacked size, rows, the columns the header names, cell length), and
each cell is converted by the kind of its column; a NIP, phone number or code that a spreadsheet
turned into a number is refused, because its digits may already have changed.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.chart import BarChart, BubbleChart, Reference, Series
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import Response

from shared.errors import AppError, UnprocessableEntity
from shared.messages import t
from shared.settings import UPLOAD_LIMIT_BYTES

XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA = "text/csv; charset=utf-8"

MAX_FILE_BYTES = UPLOAD_LIMIT_BYTES
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # sum of the XLSX zip members as the zip directory declares them
MAX_ROWS = 20_000  # data rows per upload
MAX_CELL_CHARS = 10_000
MAX_HEADER_COLUMNS = 256  # header cells looked at; data rows are read only up to the last known header
EXCEL_MAX_CHARS = 32_767  # what one Excel cell holds

DATA_SHEET = "Data"
LIST_SHEET = "Daftar"
INLINE_LIST_LIMIT = 255  # Excel refuses longer inline dropdown lists
DATE_FORMAT = "dd/mm/yyyy"
LIST_SEPARATOR = " | "  # several values in one cell; ',' and ';' are CSV delimiters

# Cells that a spreadsheet would evaluate when they start with one of these (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 (and so openpyxl) refuses
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
)

CellValue = str | int | float | bool | date | datetime | time | timedelta | Decimal | None

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADER_BORDER = Border(bottom=Side(style="thin"))
HEADER_ALIGNMENT = Alignment(vertical="top", wrap_text=True)


class Kind(StrEnum):
    TEXT = "text"  # free text; a number cell is read as its digits
    CODE = "code"  # identifiers (NIP, codes, golongan): Text format, a number cell is refused
    PHONE = "phone"  # like CODE, and an all-digit value must keep its leading 0
    DATE = "date"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"  # Ya/Tidak, from a dropdown; a TRUE/FALSE or 1/0 cell is read too


# How a yes/no column is written, and the other spellings read as them.
YES, NO = "Ya", "Tidak"
YES_NO_ALIASES = (("Y", YES), ("true", YES), ("1", YES), ("T", NO), ("false", NO), ("0", NO))


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the header officers see, the key programs use, and how cells are
    written and read."""

    header: str
    key: str = ""
    kind: Kind = Kind.TEXT
    required: bool = False
    note: str = ""  # for the instructions sheet, already in the request's language
    choices: tuple[str, ...] = ()  # a dropdown; read case-insensitively
    aliases: tuple[tuple[str, str], ...] = ()  # other spellings -> a choice, e.g. ("Laki-laki", "L")
    choices_from: str | None = None  # a dropdown from the first column of this sheet of the workbook
    width: int | None = None  # else fitted to the content

    def __post_init__(self) -> None:
        if self.kind == Kind.BOOLEAN and not self.choices:
            # The dropdown, the instructions and the reading of a yes/no column all follow from these.
            object.__setattr__(self, "choices", (YES, NO))
            object.__setattr__(self, "aliases", YES_NO_ALIASES)

    @property
    def is_text(self) -> bool:
        return self.kind in (Kind.TEXT, Kind.CODE, Kind.PHONE)

    @property
    def number_format(self) -> str | None:
        if self.kind in (Kind.CODE, Kind.PHONE):
            return "@"
        if self.kind == Kind.DATE:
            return DATE_FORMAT
        if self.kind == Kind.INTEGER:
            return "0"
        if self.kind == Kind.DECIMAL:
            return "0.00"
        return None


@dataclass(frozen=True)
class Styled:
    """A value with a highlight, e.g. a competency gap below the standard."""

    value: Any
    fill: str | None = None  # RGB, e.g. "F8CBAD"


ChartKind = Literal["column", "bar", "bubble"]


@dataclass(frozen=True)
class Chart:
    """A native Excel chart over the cells of the sheet it sits on, so the figures an officer
    corrects or filters are the figures drawn, and the chart works in Excel and LibreOffice alike.

    `categories` and `series` are 0-based column indices of that sheet; each series is named by its
    header cell and spans the data rows. "column" draws vertical bars, "bar" horizontal ones (a
    staffing pyramid: `stacked`), "bubble" places each row at (x, y) sized by a third column (the
    9-box: `categories` is the x column, `series` is [y column, size column]). A ranking drawn as
    "bar" reads downwards with `first_on_top` (Excel otherwise draws the first row at the bottom);
    `y_min`/`y_max` fix the value axis, e.g. 0-100 for a percentage, so small differences are
    not drawn as large ones."""

    kind: ChartKind
    title: str
    categories: int
    series: Sequence[int]
    stacked: bool = False
    x_title: str = ""
    y_title: str = ""
    first_on_top: bool = False
    y_min: float | None = None
    y_max: float | None = None
    anchor: str | None = None  # top-left cell; else two columns right of the table
    width_cm: float = 18.0
    height_cm: float = 10.0


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]] = ()
    autofilter: bool = True
    dropdown_rows: int = MAX_ROWS  # how far down the dropdowns reach (the data rows, at least)
    charts: Sequence[Chart] = ()


# --- writing ---------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text without the control characters an XLSX cannot hold (they are noise in an export)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def needs_quote(text: str) -> bool:
    """Whether a spreadsheet would evaluate the text, or the reader would take off its apostrophe."""
    return text.startswith(FORMULA_TRIGGERS) or (text[:1] == "'" and text[1:2] in (*FORMULA_TRIGGERS, "'"))


def csv_escape(text: str) -> str:
    return "'" + text if needs_quote(text) else text


def csv_unescape(text: str) -> str:
    """The reverse of csv_escape, so an exported file imports the same values."""
    return text[1:] if text[:1] == "'" and text[1:2] in (*FORMULA_TRIGGERS, "'") else text


def as_text(value: Any) -> str:
    """A value as a CSV or display text: dates ISO, whole floats without '.0', lists joined."""
    if value is None:
        return ""
    if isinstance(value, Styled):
        return as_text(value.value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(as_text(v) for v in value)
    return str(value)


def _display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, datetime)):
        return 10
    text = as_text(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[float]:
    widths = []
    for i, col in enumerate(columns):
        if col.width:
            widths.append(float(col.width))
            continue
        longest = max(len(col.header), *(_display_width(r[i] if i < len(r) else None) for r in rows[:2000]), 6)
        widths.append(float(min(longest + 2, 60)))
    return widths


def _list_formula(values: Sequence[str]) -> str | None:
    """An inline list when Excel takes it (255 characters, no comma or quote inside)."""
    joined = ",".join(values)
    if len(joined) <= INLINE_LIST_LIMIT and not any("," in v or '"' in v for v in values):
        return f'"{joined}"'
    return None


def _sheet_ref(title: str, letter: str, first: int, last: int) -> str:
    quoted = "'" + title.replace("'", "''") + "'"
    return f"{quoted}!${letter}${first}:${letter}${last}"


class _Writer:
    """One workbook in openpyxl's write-only (streaming) mode."""

    def __init__(self) -> None:
        self.wb = Workbook(write_only=True)
        self.lists: list[tuple[str, Sequence[str]]] = []  # dropdowns too long to be inline

    def sheet(self, spec: Sheet, sizes: Mapping[str, int]) -> None:
        ws = self.wb.create_sheet(spec.title[:31])
        columns, rows = list(spec.columns), spec.rows
        last_col = get_column_letter(max(len(columns), 1))
        for i, (col, width) in enumerate(zip(columns, _widths(columns, rows), strict=True), start=1):
            dim = ws.column_dimensions[get_column_letter(i)]
            dim.width = width
            if col.number_format:
                # The column's own format: what an officer types into a new row takes it too.
                dim.number_format = col.number_format
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        if spec.autofilter and columns:
            ws.auto_filter.ref = f"A1:{last_col}{len(rows) + 1}"
        self._dropdowns(ws, spec, sizes)
        ws.append([self._header(ws, c.header) for c in columns])
        makers = [self._cells(ws, col) for col in columns]
        width = len(columns)
        for row in rows:
            cells = list(row[:width]) + [None] * (width - len(row))
            ws.append([make(v) for make, v in zip(makers, cells, strict=True)])
        for n, chart in enumerate(spec.charts):
            if rows:  # a chart over no rows is a broken reference to Excel
                ws.add_chart(
                    _chart(ws, chart, len(rows)), chart.anchor or f"{get_column_letter(len(columns) + 2)}{2 + 22 * n}"
                )

    def _dropdowns(self, ws: Any, spec: Sheet, sizes: Mapping[str, int]) -> None:
        last_row = max(spec.dropdown_rows, len(spec.rows)) + 1
        for i, col in enumerate(spec.columns, start=1):
            if col.choices:
                formula = _list_formula(col.choices)
                if formula is None:
                    self.lists.append((col.header, col.choices))
                    formula = _sheet_ref(LIST_SHEET, get_column_letter(len(self.lists)), 2, len(col.choices) + 1)
            elif col.choices_from and sizes.get(col.choices_from):
                formula = _sheet_ref(col.choices_from, "A", 2, sizes[col.choices_from] + 1)
            else:
                continue
            dv = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop",
                errorTitle=t("workbook.dropdown-title")[:32],
                error=t("workbook.dropdown-error")[:255],
            )
            letter = get_column_letter(i)
            dv.add(f"{letter}2:{letter}{last_row}")
            ws.data_validations.append(dv)

    @staticmethod
    def _header(ws: Any, text: str) -> Any:
        cell = WriteOnlyCell(ws, value=None)
        cell.value = clean(text)
        cell.data_type = "s"  # a header from data (e.g. a competency code) is never a formula
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_BORDER, HEADER_ALIGNMENT
        return cell

    def _cells(self, ws: Any, col: Column) -> Callable[[Any], Any]:
        """The writer of one column's values: a plain value where openpyxl's own cell is right (it
        is the cheap path), else a cell with the column's style array, copied, not rebuilt."""
        number_format = col.number_format
        styles: dict[tuple[str | None, bool], StyleArray] = {}

        def style(fill: str | None, quote: bool) -> StyleArray:
            if (fill, quote) not in styles:
                sample: Any = WriteOnlyCell(ws)  # its style array is private API, read for speed
                if number_format:
                    sample.number_format = number_format
                if fill:
                    sample.fill = PatternFill("solid", fgColor=fill)
                sample.quotePrefix = quote  # an edited cell stays text
                styles[(fill, quote)] = sample._style
            return styles[(fill, quote)]

        def make(value: Any) -> Any:
            fill = None
            if type(value) is Styled:
                value, fill = value.value, value.fill
            if value is None:
                return None
            if col.kind == Kind.BOOLEAN and isinstance(value, bool):
                value = YES if value else NO
            if isinstance(value, str):
                if _CONTROL.search(value):
                    value = _CONTROL.sub("", value)
                value = value[:EXCEL_MAX_CHARS]
                quote = needs_quote(value)
                if not (quote or number_format or fill or value in ERROR_CODES):
                    return value
                cell: Any = WriteOnlyCell(ws)
                cell._value, cell.data_type = value, "s"  # never '=...' as a formula, '#N/A' as an error value
            else:
                if isinstance(value, (list, tuple)):
                    return make(as_text(value))
                if isinstance(value, datetime) and col.kind == Kind.DATE:
                    value = value.date()
                elif isinstance(value, float) and not math.isfinite(value):
                    return None
                if not (number_format or fill):
                    return value
                cell = WriteOnlyCell(ws, value=value)
                quote = False
            cell._style = copy(style(fill, quote))
            return cell

        return make

    def lists_sheet(self) -> None:
        if not self.lists:
            return
        columns = [Column(header, kind=Kind.CODE) for header, _ in self.lists]
        depth = max(len(values) for _, values in self.lists)
        rows = [[values[i] if i < len(values) else None for _, values in self.lists] for i in range(depth)]
        self.sheet(Sheet(LIST_SHEET, columns, rows, autofilter=False, dropdown_rows=0), {})

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _chart(ws: Any, spec: Chart, n_rows: int) -> Any:
    last = n_rows + 1
    chart: Any
    if spec.kind == "bubble":
        y_col, size_col = (c + 1 for c in spec.series)
        chart = BubbleChart()
        chart.style = 18
        xs = Reference(ws, min_col=spec.categories + 1, min_row=2, max_row=last)
        ys = Reference(ws, min_col=y_col, min_row=2, max_row=last)
        sizes = Reference(ws, min_col=size_col, min_row=2, max_row=last)
        series = Series(values=ys, xvalues=xs, zvalues=sizes, title_from_data=False)
        chart.series.append(series)
        chart.legend = None
    else:
        chart = BarChart()
        chart.type = "col" if spec.kind == "column" else "bar"
        if spec.stacked:
            chart.grouping, chart.overlap = "stacked", 100
        for col in spec.series:
            chart.add_data(Reference(ws, min_col=col + 1, min_row=1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=spec.categories + 1, min_row=2, max_row=last))
        if spec.first_on_top:
            chart.x_axis.scaling.orientation = "maxMin"
            chart.y_axis.crosses = "max"  # the value axis stays under the bars, at the last category
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = spec.y_min, spec.y_max
    chart.title = clean(spec.title)
    chart.x_axis.title = clean(spec.x_title) or None
    chart.y_axis.title = clean(spec.y_title) or None
    # openpyxl >= 3.1 hides axes unless told: an officer needs the scale to read the bars.
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.width, chart.height = spec.width_cm, spec.height_cm
    return chart


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of the sheets, in order (the first is the one that opens); dropdown lists too
    long for Excel's inline limit go on a sheet "Daftar" at the end."""
    sizes = {s.title: len(s.rows) for s in sheets}
    writer = _Writer()
    for spec in sheets:
        writer.sheet(spec, sizes)
    writer.lists_sheet()
    return writer.bytes()


def instructions_sheet(columns: Sequence[Column], notes: Sequence[str], title: str = "Petunjuk") -> Sheet:
    """What each column takes (required, format, choices), then general notes."""
    cols = [
        Column(t("workbook.kolom"), width=24),
        Column(t("workbook.wajib"), width=8),
        Column(t("workbook.keterangan"), width=100),
    ]
    rows: list[list[Any]] = []
    for col in columns:
        parts = [col.note] if col.note else []
        if col.choices:
            parts.append(t("workbook.pilihan", daftar=", ".join(col.choices)))
        if col.kind == Kind.DATE:
            parts.append(t("workbook.format-tanggal"))
        elif col.kind in (Kind.CODE, Kind.PHONE) and not col.choices:
            parts.append(t("workbook.format-teks"))
        rows.append([col.header, t("workbook.ya") if col.required else "", " ".join(parts)])
    rows.append([None, None, None])
    rows.extend([[None, None, note] for note in notes])
    return Sheet(title, cols, rows, autofilter=False, dropdown_rows=0)


def write_csv(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> bytes:
    """';'-separated UTF-8 with BOM (what Excel in an Indonesian locale opens directly); cells a
    spreadsheet would evaluate start with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([csv_escape(clean(c.header)) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(v, c) for v, c in zip(row, columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Any, column: Column) -> str:
    if isinstance(value, Styled):
        value = value.value
    if column.kind == Kind.BOOLEAN and isinstance(value, bool):
        value = YES if value else NO
    if isinstance(value, str) or isinstance(value, (list, tuple)):
        return csv_escape(clean(as_text(value)))
    return as_text(value)  # numbers and dates: a '-' of a negative number is not text to escape


def attachment(
    content: bytes, filename: str, *, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A download: the media type from the file's extension."""
    media = XLSX_MEDIA if filename.endswith(".xlsx") else CSV_MEDIA
    return Response(
        content,
        status_code=status_code,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', **(headers or {})},
    )


def accepts_xlsx(accept: str | None) -> bool:
    """Whether an Accept header prefers XLSX: named explicitly, with a quality above 0 and not
    below that of JSON (a tie goes to the type named)."""
    qualities: dict[str, float] = {}
    for part in (accept or "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        qualities[media.lower()] = max(q, qualities.get(media.lower(), 0.0))
    xlsx = qualities.get(XLSX_MEDIA, 0.0)
    json = max(qualities.get("application/json", 0.0), qualities.get("application/problem+json", 0.0))
    return xlsx > 0 and xlsx >= json


# --- reading ---------------------------------------------------------------------------------


class FileTooLarge(AppError):
    status, code = 413, "file-too-large"


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; the message names how to fix it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def message(self) -> str:
        return t(self.code, **self.params)


@dataclass
class SheetRow:
    number: int  # as the spreadsheet shows it (the header is row 1)
    values: dict[str, CellValue] = field(default_factory=dict)  # column key -> the cell as read


def _match_header(header: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    by_header = {_header_key(c.header): c for c in columns}
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        col = by_header.get(_header_key(h if isinstance(h, str) else as_text(h)))
        if col is not None and col.key not in index:
            index[col.key] = i
    missing = [c.header for c in columns if c.required and c.key not in index]
    if missing:
        raise UnprocessableEntity("bad-columns", kolom=", ".join(missing), extra={"kolom_hilang": missing})
    return index


def _header_key(text: str) -> str:
    return " ".join(text.replace("*", " ").split()).casefold()


def _stored(value: Any, row: int, column: Column) -> CellValue:
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            raise UnprocessableEntity("cell-too-long", baris=row, kolom=column.header, limit=MAX_CELL_CHARS)
        return csv_unescape(value.strip())
    return value


def _collect(
    rows: Iterator[tuple[int, Sequence[Any]]], index: Mapping[str, int], columns: Sequence[Column]
) -> list[SheetRow]:
    by_key = {c.key: c for c in columns}
    out: list[SheetRow] = []
    for number, cells in rows:
        values = {key: _stored(cells[i] if i < len(cells) else None, number, by_key[key]) for key, i in index.items()}
        if not any(v not in (None, "") for v in values.values()):
            continue
        if len(out) == MAX_ROWS:
            # Stop at the first row past the limit: the rest of the file is not even parsed.
            raise UnprocessableEntity("too-many-rows", limit=MAX_ROWS)
        out.append(SheetRow(number, values))
    return out


def _check_zip(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnprocessableEntity("bad-file") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnprocessableEntity("file-unpacked-too-large", mb=MAX_UNPACKED_BYTES // (1024 * 1024))


def _read_xlsx(content: bytes, columns: Sequence[Column]) -> list[SheetRow]:
    _check_zip(content)
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a parser fed a crafted file may fail anywhere: it is not a workbook we can read
        raise UnprocessableEntity("bad-file") from exc
    try:
        if not wb.worksheets:
            raise UnprocessableEntity("file-empty")
        ws = wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]
        # The <dimension> a file declares is not trusted: a few bytes can claim 16,384 columns, and
        # openpyxl pads every row to it. Rows are read only as wide as the last known header.
        ws.reset_dimensions()
        header = next(ws.iter_rows(min_row=1, max_row=1, max_col=MAX_HEADER_COLUMNS, values_only=True), ())
        if not any(h not in (None, "") for h in header):
            raise UnprocessableEntity("file-empty")
        index = _match_header(header, columns)
        if not index:
            return []
        first, last = min(index.values()), max(index.values())
        body = ws.iter_rows(min_row=2, min_col=first + 1, max_col=last + 1, values_only=True)
        shifted = {k: i - first for k, i in index.items()}
        return _collect(((n, cells) for n, cells in enumerate(body, start=2)), shifted, columns)
    except AppError:
        raise
    except Exception as exc:  # as above, while the sheet is streamed
        raise UnprocessableEntity("bad-file") from exc
    finally:
        wb.close()


def _read_csv(content: bytes, columns: Sequence[Column]) -> list[SheetRow]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnprocessableEntity("bad-encoding") from exc
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise UnprocessableEntity("file-empty")
        index = _match_header(header, columns)
        return _collect(((reader.line_num, cells) for cells in reader), index, columns)
    except csv.Error as exc:
        # The csv module's own field limit (131,072 characters) is far above ours: a longer cell.
        if "field larger than field limit" in str(exc):
            raise UnprocessableEntity(
                "cell-too-long", baris=reader.line_num + 1, kolom="?", limit=MAX_CELL_CHARS
            ) from exc
        raise UnprocessableEntity("bad-csv", baris=reader.line_num, alasan=str(exc)) from exc


def read_table(content: bytes, filename: str, columns: Sequence[Column]) -> list[SheetRow]:
    """The non-empty rows of an uploaded XLSX (sheet "Data", else the first) or CSV (',' or ';',
    UTF-8 with or without BOM): per row, the cells of the columns the header names, as read.

    Blocking and CPU-bound: call it in a worker thread (see read_upload)."""
    if not content.strip():
        raise UnprocessableEntity("file-empty")
    if content[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _read_xlsx(content, columns)
    return _read_csv(content, columns)


async def read_upload(upload: UploadFile, columns: Sequence[Column]) -> list[SheetRow]:
    """An uploaded file read within the limits, parsed outside the event loop."""
    content = await upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise FileTooLarge("file-too-large", mb=MAX_FILE_BYTES // (1024 * 1024))
    return await run_in_threadpool(read_table, content, upload.filename or "", columns)


# --- converting cells ------------------------------------------------------------------------


def _choice_key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).casefold()


def _shown(value: Any) -> str:
    """A cell as a spreadsheet shows it, for a message."""
    if isinstance(value, float):
        return f"{value:.15G}"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return as_text(value)


def parse_date(text: str) -> date | None:
    for pattern, order in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None
    return None


@cache
def _choice_table(choices: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table = {_choice_key(c): c for c in choices}
    table.update({_choice_key(a): c for a, c in aliases})
    return table


def _choice(text: str, column: Column) -> str:
    found = _choice_table(column.choices, column.aliases).get(_choice_key(text))
    if found is None:
        shown = ", ".join(column.choices[:20]) + (", ..." if len(column.choices) > 20 else "")
        raise CellError("cell.not-in-list", nilai=text, pilihan=shown)
    return found


def convert(value: CellValue, column: Column) -> str | int | float | date | None:
    """A cell as its column's kind (None when empty), or CellError saying what to fix."""
    if value is None or value == "":
        return None
    kind = column.kind
    if kind == Kind.BOOLEAN:
        if isinstance(value, bool):
            return value  # a TRUE/FALSE cell
        return _choice(_shown(value), column) == YES  # Ya/Tidak or an alias; anything else is refused
    if kind in (Kind.CODE, Kind.PHONE):
        if not isinstance(value, str):
            # A number (or date) cell: Excel keeps 15 significant digits, so an 18-digit NIP has
            # already changed, and a leading zero is gone. Only a text cell is trusted.
            raise CellError("cell.not-text", nilai=_shown(value), kolom=column.header)
        if value.startswith("'"):
            value = value[1:].strip()  # the text marker a person typed; never part of a code
        if _SCIENTIFIC.match(value):
            raise CellError("cell.digits-lost", nilai=value, kolom=column.header)
        if kind == Kind.PHONE and value.isdigit() and not value.startswith(("0", "62")):
            raise CellError("cell.leading-zero-lost", nilai=value, kolom=column.header)
        return _choice(value, column) if column.choices else value
    if kind == Kind.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            raise CellError("cell.date", nilai=_shown(value))
        return parsed
    if kind == Kind.INTEGER:
        if isinstance(value, bool):
            raise CellError("cell.integer", nilai=_shown(value))
        if isinstance(value, int):
            return value
        if isinstance(value, (float, Decimal)) and value == int(value):
            return int(value)
        if isinstance(value, str) and _INTEGER.match(value):
            return int(value)
        raise CellError("cell.integer", nilai=_shown(value))
    if kind == Kind.DECIMAL:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value).replace(",", "."))
        except ValueError as exc:
            raise CellError("cell.number", nilai=_shown(value)) from exc
    text = value if isinstance(value, str) else as_text(value)
    return _choice(text, column) if column.choices else text
