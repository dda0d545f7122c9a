"""Import and export of positions and employees as XLSX or CSV: template, upload (with a dry run and a
downloadable error report), export."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from pegawai.impor import export, service
from pegawai.impor.columns import Jenis, columns, example_row
from pegawai.pegawai.params import Filters
from shared.access import Reporter, Scope
from shared.db import Session, SessionDep
from shared.impor import REPORT_DESCRIPTION, HasilImpor, answer
from shared.openapi import problems
from shared.types import JenisJabatan
from shared.workbook import XLSX_MEDIA, attachment, read_upload
from shared.writes import Writes

router = APIRouter(tags=["impor-ekspor"])
Format = Literal["xlsx", "csv"]


@router.get(
    "/api/v1/impor/template/{jenis}",
    operation_id="getImporTemplate",
    summary="Download the sheet to fill in (XLSX with instructions and dropdowns, or CSV)",
    description="For BKPSDM, OPD admins and integrasi. The reference sheets list the unit and position codes of "
    "the caller's scope.",
    responses={200: {"content": {XLSX_MEDIA: {}, "text/csv": {}}, "description": "The template file"}, **problems(403)},
)
async def template(jenis: Jenis, session: SessionDep, scope: Reporter, format: Format = "xlsx") -> Response:
    example = [example_row(jenis)]
    if format == "csv":
        return attachment(await run_in_threadpool(export.csv_file, jenis, example), f"template-{jenis}.csv")
    refs = await export.references(session, scope, jenis)
    return attachment(await run_in_threadpool(export.workbook, jenis, example, refs), f"template-{jenis}.xlsx")


@router.post(
    "/api/v1/impor/{jenis}",
    response_model=HasilImpor,
    operation_id="createImpor",
    summary="Import a filled-in sheet (CSV or XLSX)",
    description=REPORT_DESCRIPTION,
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 413, 422)},
)
async def impor(
    jenis: Jenis,
    request: Request,
    write: Writes,
    file: Annotated[UploadFile, File(description="CSV (',' or ';') or XLSX, headers as in the template")],
    partial: Annotated[bool, Query(description="Write the good rows even if some rows are bad")] = False,
    uji: Annotated[bool, Query(description="Dry run: check every row, write nothing")] = False,
) -> Response | HasilImpor:
    session, scope = write.session, write.scope
    write.because(f"import of {file.filename}")
    table = await read_upload(file, columns(jenis))
    rows = await run_in_threadpool(service.prepare, jenis, table)
    if jenis == Jenis.JABATAN:
        outcome = await service.import_jabatan(session, scope, rows, partial, uji)
    else:
        outcome = await service.import_pegawai(session, scope, rows, partial, uji)

    async def report(rows: list[list[object]]) -> bytes:
        refs = await export.references(session, scope, jenis)
        return await run_in_threadpool(export.workbook, jenis, rows, refs, with_errors=True)

    return await answer(request, outcome, jenis, report, columns(jenis))


FILE_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"content": {XLSX_MEDIA: {}, "text/csv": {}}, "description": "The file, in the import columns"},
    **problems(403),
}


@router.get(
    "/api/v1/ekspor/jabatan",
    operation_id="exportJabatan",
    summary="Export positions (the import columns)",
    description="The positions the caller reaches, as XLSX (with the template's instructions and reference "
    "sheets, so it can be edited and imported again) or CSV.",
    responses=FILE_RESPONSES,
)
async def ekspor_jabatan(
    session: SessionDep,
    scope: Reporter,
    format: Format = "xlsx",
    unit_id: uuid.UUID | None = None,
    jenis: Annotated[list[JenisJabatan] | None, Query(max_length=20)] = None,
    rumpun: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    rows = await export.jabatan_rows(
        session, scope, columns(Jenis.JABATAN), unit_id=unit_id, jenis=jenis, rumpun=rumpun
    )
    return await _export(session, scope, Jenis.JABATAN, rows, format)


@router.get(
    "/api/v1/ekspor/pegawai",
    operation_id="exportPegawai",
    summary="Export employees with the list filters (the import columns)",
    description="The employees the caller reaches, filtered as the list is, as XLSX or CSV.",
    responses=FILE_RESPONSES,
)
async def ekspor_pegawai(session: SessionDep, scope: Reporter, f: Filters, format: Format = "xlsx") -> Response:
    rows = await export.pegawai_rows(session, scope, f, columns(Jenis.PEGAWAI))
    return await _export(session, scope, Jenis.PEGAWAI, rows, format)


async def _export(session: Session, scope: Scope, jenis: Jenis, rows: list[list[object]], fmt: Format) -> Response:
    name = f"{jenis}-{date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        return attachment(await run_in_threadpool(export.csv_file, jenis, rows), name)
    refs = await export.references(session, scope, jenis)
    return attachment(await run_in_threadpool(export.workbook, jenis, rows, refs), name)
