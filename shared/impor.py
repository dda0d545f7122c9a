"""The import report every workbook import answers with: rows read by their columns, errors per
row and column header, all-or-nothing unless partial, a dry run, and the answer as JSON or as the
officer's own rows with a Kesalahan column to correct and upload again.

A service's importer reads the upload with `shared.workbook.read_upload`, turns the table into
`Row`s with `prepare`, checks each row (`validate` for the API's own request model, `Row.error`
for cross-checks), decides with `outcome`, writes the good rows, and answers with `answer`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from shared.errors import UnprocessableEntity, field_error
from shared.messages import t
from shared.workbook import (
    DATA_SHEET,
    XLSX_MEDIA,
    CellError,
    CellValue,
    Column,
    Sheet,
    SheetRow,
    accepts_xlsx,
    attachment,
    convert,
    instructions_sheet,
    write_xlsx,
)

ERROR_HEADER = "Kesalahan"  # the report's extra column; importers ignore it
REPORT_DESCRIPTION = (
    "JSON by default. With `Accept: " + XLSX_MEDIA + "` the answer (same status code) is a workbook of the rows "
    "that were not imported, as sent, with a column Kesalahan listing each problem: correct it and upload it again. "
    "Its counts are in the headers X-Impor-Diterima, X-Impor-Ditolak and X-Impor-Dibuat."
)


class BarisError(BaseModel):
    baris: int = Field(description="Row number as shown in the spreadsheet (header is row 1)")
    kolom: str | None = Field(description="Column header, when the error belongs to one column")
    code: str = Field(
        description="Stable code of the problem, for programs (e.g. cell.not-text, impor.nip-ada, missing)"
    )
    pesan: str = Field(description="What is wrong and how to fix it, in the request's language")


class HasilImpor(BaseModel):
    model_config = ConfigDict(
        json_schema_serialization_defaults_required=True,
        json_schema_extra={
            "examples": [
                {
                    # A partial import (partial=true): the good rows were written, the bad ones are listed.
                    "diterima": 48,
                    "ditolak": 2,
                    "dibuat": 48,
                    "uji": False,
                    "errors": [
                        {
                            "baris": 7,
                            "kolom": "NIP",
                            "code": "cell.not-text",
                            "pesan": "berisi angka atau tanggal (1.98503E+17), bukan teks, sehingga digitnya mungkin "
                            "sudah diubah oleh spreadsheet. Format kolom NIP sebagai Teks lalu ketik ulang nilainya, "
                            "atau awali nilainya dengan apostrof (').",
                        },
                        {
                            "baris": 12,
                            "kolom": "NIP",
                            "code": "impor.nip-ada",
                            "pesan": "pegawai dengan NIP 199007152015032001 sudah ada.",
                        },
                    ],
                }
            ]
        },
    )

    diterima: int = Field(description="Rows that passed every check")
    ditolak: int = Field(description="Rows with at least one error")
    dibuat: int = Field(description="Records written (0 for a dry run)")
    errors: list[BarisError] = Field(description="One entry per problem found, by row")
    uji: bool = Field(False, description="A dry run (uji=true): checked only, nothing written")


@dataclass
class Row:
    number: int
    raw: dict[str, CellValue]  # the cells as read, for the error report
    values: dict[str, Any]  # the cells converted, empty ones left out
    errors: list[BarisError]
    data: BaseModel | None = None

    def error(self, code: str, message: str, header: str | None) -> None:
        """One error per column: the first says what to fix; a later one is its echo."""
        if header is None or not self.has_error(header):
            self.errors.append(BarisError(baris=self.number, kolom=header, code=code, pesan=message))

    def has_error(self, header: str) -> bool:
        return any(e.kolom == header for e in self.errors)


@dataclass
class Outcome:
    hasil: HasilImpor
    rejected: bool  # bad rows and not partial: nothing written
    rows: list[Row]

    @property
    def unimported(self) -> list[Row]:
        """The rows an officer has to upload again: all of them when nothing was written."""
        if self.rejected or self.hasil.uji:
            return self.rows
        return [r for r in self.rows if r.errors]

    @property
    def good(self) -> list[Row]:
        return [r for r in self.rows if not r.errors]

    @property
    def writes(self) -> bool:
        """Whether the importer should write the good rows."""
        return not (self.rejected or self.hasil.uji)


def prepare(cols: Sequence[Column], table: list[SheetRow], check: Callable[[Row], None] | None = None) -> list[Row]:
    """Every cell converted by its column's kind; problems become row errors naming the column;
    `check` adds a service's own per-row checks. Pure and CPU-bound: run it in a worker thread."""
    out = []
    for sheet_row in table:
        row = Row(sheet_row.number, sheet_row.values, {}, [])
        for col in cols:
            if col.key not in sheet_row.values:
                continue
            try:
                value = convert(sheet_row.values[col.key], col)
            except CellError as exc:
                row.error(exc.code, exc.message(), col.header)
                continue
            if value is not None:
                row.values[col.key] = value
        for col in cols:
            if col.required and col.key not in row.values and not row.has_error(col.header):
                row.error("missing", t("field.missing"), col.header)
        if check is not None:
            check(row)
        out.append(row)
    return out


def validate(row: Row, model: type[BaseModel], payload: dict[str, Any], header_of: Callable[[str], str]) -> None:
    """The row against the API's own request model; each error said under the column header the
    officer sees (`header_of` maps a field to it)."""
    try:
        row.data = model.model_validate(payload)
    except ValidationError as exc:
        for err in exc.errors():
            problem = field_error(err)
            key = str(err["loc"][0]) if err.get("loc") else None
            row.error(problem["code"], problem["message"], header_of(key) if key else None)


def outcome(rows: list[Row], partial: bool, dry_run: bool) -> Outcome:
    errors = [e for r in rows for e in r.errors]
    good = sum(1 for r in rows if not r.errors)
    hasil = HasilImpor(diterima=good, ditolak=len(rows) - good, dibuat=0, errors=errors, uji=dry_run)
    return Outcome(hasil, rejected=bool(errors) and not partial and not dry_run, rows=rows)


def report_rows(cols: Sequence[Column], rows: Sequence[Row]) -> list[list[Any]]:
    """The rows as the officer sent them (values untouched, so a refused number cell is still
    refused when sent back unchanged), each with its problems."""
    out = []
    for row in rows:
        problems = "; ".join(f"{e.kolom}: {e.pesan}" if e.kolom else e.pesan for e in row.errors)
        out.append([*(row.raw.get(c.key) for c in cols), problems or None])
    return out


def workbook(
    cols: Sequence[Column],
    rows: list[list[Any]],
    notes: Sequence[str],
    refs: Sequence[Sheet] = (),
    *,
    with_errors: bool = False,
) -> bytes:
    """The data sheet (rows in the import columns, plus Kesalahan for a report), the
    instructions, and the reference sheets. Blocking: run it in a worker thread."""
    data_cols = [*cols, Column(ERROR_HEADER, width=80)] if with_errors else list(cols)
    return write_xlsx([Sheet(DATA_SHEET, data_cols, rows), instructions_sheet(cols, notes), *refs])


async def answer(
    request: Request,
    result: Outcome,
    name: str,
    report: Callable[[list[list[Any]]], Awaitable[bytes]],
    cols: Sequence[Column],
) -> Response | HasilImpor:
    """The import's answer: the counts and errors as JSON, or, when the caller asks for XLSX, the
    rows not imported as a workbook (`report` builds it from the report rows); 422 when the file
    was refused as a whole."""
    hasil = result.hasil
    if accepts_xlsx(request.headers.get("accept")):
        content = await report(await run_in_threadpool(report_rows, cols, result.unimported))
        counts = {
            "X-Impor-Diterima": str(hasil.diterima),
            "X-Impor-Ditolak": str(hasil.ditolak),
            "X-Impor-Dibuat": str(hasil.dibuat),
            "X-Impor-Uji": str(hasil.uji).lower(),
        }
        status = 422 if result.rejected else 200
        return attachment(content, f"kesalahan-impor-{name}.xlsx", status_code=status, headers=counts)
    if result.rejected:
        raise UnprocessableEntity(
            "import-rejected",
            ditolak=hasil.ditolak,
            jumlah=len(result.rows),
            extra={
                "diterima": hasil.diterima,
                "ditolak": hasil.ditolak,
                "dibuat": 0,
                "errors": [e.model_dump() for e in hasil.errors],
            },
        )
    return hasil
