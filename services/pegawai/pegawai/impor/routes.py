"""Import and export of positions and employees as XLSX or CSV: template, upload (with a dry run and a
downloadable error report), export."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from pegawai.access import Scope, ScopeDep
from pegawai.impor import export, service
from pegawai.impor.columns import Jenis, columns, example_row
from pegawai.impor.schemas import HasilImpor
from pegawai.jabatan import queries as jabatan_q
from pegawai.jabatan.models import Jabatan
from pegawai.pegawai import queries as pegawai_q
from pegawai.pegawai.routes import FilterDep
from shared.audit import set_actor
from shared.db import SessionDep
from shared.errors import Forbidden, UnprocessableEntity
from shared.workbook import XLSX_MEDIA, accepts_xlsx, attachment, read_upload

router = APIRouter(tags=["impor-ekspor"])
Format = Literal["xlsx", "csv"]
REPORT_DESCRIPTION = (
    "JSON by default. With `Accept: " + XLSX_MEDIA + "` the answer (same status code) is a workbook of the rows "
    "that were not imported, as sent, with a column Kesalahan listing each problem: correct it and upload it again. "
    "Its counts are in the headers X-Impor-Diterima, X-Impor-Ditolak and X-Impor-Dibuat."
)


def _staff(scope: Scope) -> None:
    if scope.self_nip is not None:
        raise Forbidden("impor-staff-only")


@router.get("/api/v1/impor/template/{jenis}", summary="Download the sheet to fill in (XLSX with instructions and dropdowns, or CSV)")
async def template(jenis: Jenis, session: SessionDep, scope: ScopeDep, format: Format = "xlsx") -> Response:
    _staff(scope)
    example = [example_row(jenis)]
    if format == "csv":
        return attachment(await run_in_threadpool(export.csv_file, jenis, example), f"template-{jenis}.csv")
    refs = await export.references(session, scope, jenis)
    return attachment(await run_in_threadpool(export.workbook, jenis, example, refs), f"template-{jenis}.xlsx")


@router.post("/api/v1/impor/{jenis}", response_model=HasilImpor, summary="Import a filled-in sheet (CSV or XLSX)",
             description=REPORT_DESCRIPTION, responses={200: {"content": {XLSX_MEDIA: {}}}, 413: {}, 422: {}})
async def impor(
    jenis: Jenis,
    request: Request,
    session: SessionDep,
    scope: ScopeDep,
    file: Annotated[UploadFile, File(description="CSV (',' or ';') or XLSX, headers as in the template")],
    partial: Annotated[bool, Query(description="Write the good rows even if some rows are bad")] = False,
    uji: Annotated[bool, Query(description="Dry run: check every row, write nothing")] = False,
) -> Response | HasilImpor:
    scope.require_writer()
    set_actor(session, scope.principal, f"import of {file.filename}")
    table = await read_upload(file, columns(jenis))
    rows = await run_in_threadpool(service.prepare, jenis, table)
    if jenis == Jenis.JABATAN:
        outcome = await service.import_jabatan(session, scope, rows, partial, uji)
    else:
        outcome = await service.import_pegawai(session, scope, rows, partial, uji)
    hasil = outcome.hasil
    if accepts_xlsx(request.headers.get("accept")):
        refs = await export.references(session, scope, jenis)
        report = await run_in_threadpool(export.workbook, jenis, export.report_rows(jenis, outcome.unimported), refs,
                                         with_errors=True)
        counts = {"X-Impor-Diterima": str(hasil.diterima), "X-Impor-Ditolak": str(hasil.ditolak),
                  "X-Impor-Dibuat": str(hasil.dibuat), "X-Impor-Uji": str(hasil.uji).lower()}
        return attachment(report, f"kesalahan-impor-{jenis}.xlsx", status_code=422 if outcome.rejected else 200, headers=counts)
    if outcome.rejected:
        raise UnprocessableEntity("import-rejected", ditolak=hasil.ditolak, jumlah=len(rows),
                                  extra={"diterima": hasil.diterima, "ditolak": hasil.ditolak, "dibuat": 0,
                                         "errors": [e.model_dump() for e in hasil.errors]})
    return hasil


@router.get("/api/v1/ekspor/jabatan", summary="Export positions (the import columns)")
async def ekspor_jabatan(
    session: SessionDep,
    scope: ScopeDep,
    format: Format = "xlsx",
    unit_id: uuid.UUID | None = None,
    jenis: Annotated[list[str] | None, Query()] = None,
    rumpun: str | None = None,
) -> Response:
    _staff(scope)
    stmt = jabatan_q.filtered(unit_ids=scope.unit_ids, unit_id=unit_id, jenis=jenis, rumpun=rumpun).order_by(Jabatan.kode)
    rows = await export.jabatan_rows(session, stmt, columns(Jenis.JABATAN))
    return await _export(session, scope, Jenis.JABATAN, rows, format)


@router.get("/api/v1/ekspor/pegawai", summary="Export employees with the list filters (the import columns)")
async def ekspor_pegawai(session: SessionDep, scope: ScopeDep, f: FilterDep, format: Format = "xlsx") -> Response:
    _staff(scope)
    stmt = pegawai_q.list_statement(f, unit_scope=scope.unit_ids)
    rows = await export.pegawai_rows(session, stmt, columns(Jenis.PEGAWAI))
    return await _export(session, scope, Jenis.PEGAWAI, rows, format)


async def _export(session: SessionDep, scope: Scope, jenis: Jenis, rows: list[list[object]], fmt: Format) -> Response:
    name = f"{jenis}-{date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        return attachment(await run_in_threadpool(export.csv_file, jenis, rows), name)
    refs = await export.references(session, scope, jenis)
    return attachment(await run_in_threadpool(export.workbook, jenis, rows, refs), name)
