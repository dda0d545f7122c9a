"""SKP history from a workbook: the template to fill in and the upload (with a dry run and the
per-row report, as every import of the platform)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from kinerja.impor import service
from kinerja.impor.schemas import Jenis, columns, example_row
from shared.access import Reporter
from shared.impor import REPORT_DESCRIPTION, HasilImpor, answer, workbook
from shared.messages import t
from shared.openapi import problems
from shared.workbook import MAX_FILE_BYTES, MAX_ROWS, XLSX_MEDIA, attachment, read_upload
from shared.writes import Writes

router = APIRouter(tags=["skp"])


def _notes(jenis: Jenis) -> list[str]:
    limits = {"baris": MAX_ROWS, "mb": MAX_FILE_BYTES // (1024 * 1024), "jenis": "SKP"}
    general = [t(f"petunjuk.{key}", **limits) for key in ("isi", "contoh")]
    return [*general, t("petunjuk.skp.teks"), t(f"petunjuk.{jenis}"), t("petunjuk.laporan", **limits)]


def _workbook(jenis: Jenis, rows: list[list[object]], with_errors: bool = False) -> bytes:
    return workbook(columns(jenis), rows, _notes(jenis), with_errors=with_errors)


@router.get(
    "/api/v1/skp/impor/{jenis}/template",
    operation_id="getSkpImporTemplate",
    summary="Download the SKP sheet to fill in (XLSX with instructions and dropdowns)",
    description="`skp`: annual SKPs of 2022 on, with the two ratings (the predikat is computed, never typed). "
    "`skp-lama`: numeric SKPs of before 2022 on their own scale. For BKPSDM, OPD admins and integrasi.",
    responses={200: {"content": {XLSX_MEDIA: {}}, "description": "The template file"}, **problems(403)},
)
async def template(jenis: Jenis, scope: Reporter) -> Response:
    content = await run_in_threadpool(_workbook, jenis, [example_row(jenis)])
    return attachment(content, f"template-{jenis}.xlsx")


@router.post(
    "/api/v1/skp/impor/{jenis}",
    response_model=HasilImpor,
    operation_id="importSkp",
    summary="Import SKP history from a filled-in sheet (XLSX or CSV)",
    description="For an instansi moving from spreadsheets: each `skp` row becomes a final SKP of its year "
    "(the period must exist; the predikat follows from the matrix of PermenPAN-RB 6/2022; the rating supervisor "
    "is the one named, else the employee's supervisor today); each `skp-lama` row a numeric SKP of before 2022. "
    "One record per employee and year: a year already recorded is a row error. admin_bkpsdm, or admin_opd for "
    "its OPD's employees. All rows or none unless `partial=true`. " + REPORT_DESCRIPTION,
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 413, 422)},
)
async def impor(
    jenis: Jenis,
    request: Request,
    write: Writes,
    file: Annotated[UploadFile, File(description="XLSX or CSV (',' or ';'), headers as in the template")],
    partial: Annotated[bool, Query(description="Write the good rows even if some rows are bad")] = False,
    uji: Annotated[bool, Query(description="Dry run: check every row, write nothing")] = False,
) -> Response | HasilImpor:
    write.because(f"import of {file.filename}")
    table = await read_upload(file, columns(jenis))
    rows = await run_in_threadpool(service.prepare, jenis, table)
    run = service.import_skp if jenis == Jenis.SKP else service.import_lama
    outcome = await run(write.session, write.scope, rows, partial, uji)

    async def report(report_rows: list[list[object]]) -> bytes:
        return await run_in_threadpool(_workbook, jenis, report_rows, True)

    return await answer(request, outcome, jenis, report, columns(jenis))
