"""Reading and writing the sheets: XLSX (openpyxl) and CSV (',' or ';', UTF-8 with or without BOM)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from pegawai.impor.columns import Column
from shared.errors import UnprocessableEntity

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20000


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(filename: str, content: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (sheet row number, cells) of every non-empty row."""
    if content[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise UnprocessableEntity("The file is not a readable XLSX workbook.", code="bad-file") from exc
        sheet = wb["Data"] if "Data" in wb.sheetnames else wb.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        wb.close()
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnprocessableEntity("The file is neither XLSX nor UTF-8 CSV; save it as XLSX or CSV UTF-8.", code="bad-file") from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    if not rows:
        raise UnprocessableEntity("The file is empty.", code="bad-file")
    header = rows[0]
    body = [(i + 1, r) for i, r in enumerate(rows) if i > 0 and any(c for c in r)]
    if len(body) > MAX_ROWS:
        raise UnprocessableEntity(f"The file has {len(body)} rows; import at most {MAX_ROWS} at a time.", code="too-many-rows")
    return header, body


def write_xlsx(columns: list[Column], rows: list[list[str]], notes: list[tuple[str, str]] | None = None,
               choices: dict[str, list[str]] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([c.header for c in columns])
    for row in rows:
        ws.append(row)
    for i, col in enumerate(columns):
        ws.column_dimensions[ws.cell(row=1, column=i + 1).column_letter].width = max(14, len(col.header) + 2)
        allowed = (choices or {}).get(col.field)
        if allowed and len(",".join(allowed)) < 250:  # Excel's limit for inline lists
            dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True)
            letter = ws.cell(row=1, column=i + 1).column_letter
            dv.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            ws.add_data_validation(dv)
    if notes is not None:
        info = wb.create_sheet("Petunjuk")
        info.append(["Kolom", "Wajib", "Keterangan"])
        for col in columns:
            info.append([col.header, "ya" if col.required else "", col.note])
        for key, value in notes:
            info.append([key, "", value])
        info.column_dimensions["A"].width = 28
        info.column_dimensions["C"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_csv(columns: list[Column], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")  # what Excel in an Indonesian locale expects
    writer.writerow([c.header for c in columns])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
