"""HTTP routes of the JP ledger: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from pengembangan.jp import service
from pengembangan.jp.auth import CurrentJp
from pengembangan.jp.schemas import (
    JpBulkIn,
    JpBulkOut,
    JpIn,
    JpJendelaIn,
    JpJendelaOut,
    JpOut,
    JpUpdate,
    Kategori,
    KepatuhanOut,
    RekapJpOut,
    RekapKepatuhanIn,
    RekapKepatuhanOut,
    RotasiOut,
    Sumber,
    columns,
    example_rows,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.impor import REPORT_DESCRIPTION, HasilImpor, answer, workbook
from shared.messages import t
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.types import NIP, NipPath
from shared.workbook import MAX_FILE_BYTES, MAX_ROWS, XLSX_MEDIA, accepts_xlsx, attachment, read_upload
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/jp", tags=["jp"])
READERS = (
    "The employee itself, an atasan for its direct reports, admin_opd for its OPD's employees, admin_bkpsdm, "
    "integrasi and layanan."
)
WRITERS = "admin_bkpsdm, or admin_opd for its OPD's employees."
ThisYear = Annotated[int | None, Query(ge=2000, le=2100, description="The year; this year when absent")]


def _year(tahun: int | None) -> int:
    return tahun if tahun is not None else date.today().year


@router.get(
    "",
    response_model=Page[JpOut],
    operation_id="listJp",
    summary="JP entries of the employees the caller reads",
    description=f"By NIP, newest year first. Filters: an employee, a year, a source. {READERS}",
    responses=problems(422),
)
async def list_jp(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's entries")] = None,
    tahun: Annotated[int | None, Query(ge=2000, le=2100, description="Only entries counting for this year")] = None,
    sumber: Annotated[Sumber | None, Query(description="Only entries of this source")] = None,
) -> Response:
    return (await service.list_entries(session, scope, page, nip=nip, tahun=tahun, sumber=sumber)).response()


@router.post(
    "",
    response_model=JpOut,
    status_code=201,
    operation_id="createJp",
    summary="Record JP of history or of a non-classroom activity",
    description=f"{WRITERS} `riwayat`: hours from before the platform (a date, or the year alone); `nonklasikal`: "
    "coaching, mentoring, e-learning and the other kinds of the path nonklasikal, with its date. A completed "
    "training of the catalogue (`pelatihan`) is credited by enrollment, not recorded here. Who records it is "
    "kept. Honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def create_jp(data: JpIn, write: Writes) -> Response:
    await write.scope.require_pegawai([data.nip])
    return await write.create(
        lambda: service.record(write.session, data), out=JpOut, location=lambda e: f"/api/v1/jp/{e.id}"
    )


@router.post(
    "/bulk",
    response_model=JpBulkOut,
    operation_id="listJpBulk",
    summary="JP of a year of up to 10,000 employees",
    description="Each NIP's total of the year from every source; with the caller's `status` of a NIP, the rule "
    "that applies (the PNS minimum or the PPPK ceiling), what is missing, left or over. Every role that reads "
    "employees: NIPs the caller does not read come back in `missing` (an employee reads itself, an atasan its direct "
    "reports too).",
    responses=problems(422),
)
async def bulk_jp(data: JpBulkIn, session: SessionDep, scope: Reader) -> Response:
    status = {k: str(v) for k, v in data.status.items()} if data.status else None
    return json_response(await service.bulk(session, scope, data.nips, data.tahun, status))


@router.post(
    "/jendela",
    response_model=JpJendelaOut,
    operation_id="listJpJendela",
    summary="JP ledger of up to 10,000 employees within a date window, per kind",
    description="Each NIP's entries of the kinds `jenis` whose day lies from `dari` to `sampai` (history known by "
    "year only: its year overlaps the window; a kind in `sepanjang`: any time up to `sampai`), summed per kind, and "
    "with `rinci` the entries themselves (kind, JP, day, what was done). For an index counting development over a "
    "period (IP ASN). Every role that reads employees: NIPs the caller does not read come back in `missing` (an "
    "employee reads itself, an atasan its direct reports too).",
    responses=problems(422),
)
async def jendela_jp(data: JpJendelaIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.jendela(session, scope, data))


@router.get(
    "/kepatuhan",
    response_model=KepatuhanOut,
    operation_id="getKepatuhanJp",
    summary="Who of a unit is below the PNS minimum or at the PPPK ceiling (JSON or XLSX)",
    description="The serving employees of a unit and its sub-units (the whole Pemda from the root instansi), each "
    "with its JP of the year and the verdict of its status: a PNS below the minimum and how much is missing, a "
    "PPPK at or over the ceiling; counts and shares. `kategori` narrows the list, not the counts. With `Accept: "
    f"{XLSX_MEDIA}` the answer is a workbook of the list and the summary. Staff roles only.",
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422)},
)
async def kepatuhan_jp(
    request: Request,
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit (the root instansi: the whole Pemda)")],
    tahun: ThisYear = None,
    kategori: Annotated[
        list[Kategori] | None, Query(max_length=6, description="Only employees of these categories; repeat for several")
    ] = None,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    report = await service.kepatuhan(session, unit_id, roster, _year(tahun), kategori)
    if accepts_xlsx(request.headers.get("accept")):
        content = await run_in_threadpool(service.kepatuhan_xlsx, report)
        return attachment(content, f"kepatuhan-jp-{report['tahun']}.xlsx")
    return json_response(report)


@router.post(
    "/kepatuhan/rekap",
    response_model=RekapKepatuhanOut,
    operation_id="getRekapKepatuhanJpRoster",
    summary="getKepatuhanJp's counts over a unit's roster the caller has already read",
    description="The same counts and shares as getKepatuhanJp (its `ringkasan`, without the list: one statement "
    "for the JP of the given NIPs, each judged by its `status_kepegawaian` as given), for a caller that has just "
    "read the unit's roster from pegawai with its own token (the gateway's merit evidence, which reads it once "
    "for four services): from a caller that reaches every employee pengembangan counts over `pegawai` and does "
    "not ask pegawai again; anyone else's `pegawai` is ignored and its roster is pegawai's answer to its token (as "
    "getKepatuhanJp: admin_opd its OPD's units, another's 404). Staff roles only.",
    responses=problems(403, 404, 422),
)
async def rekap_kepatuhan_jp(data: RekapKepatuhanIn, session: SessionDep, scope: Reporter) -> Response:
    roster = await scope.roster(data)
    return json_response(await service.kepatuhan(session, data.unit_id, roster, _year(data.tahun), None, listed=False))


@router.get(
    "/rotasi",
    response_model=RotasiOut,
    operation_id="getRotasiJp",
    summary="Who of a unit was developed when, longest ago first",
    description="The serving employees of a unit and its sub-units (the whole Pemda from the root instansi) in the "
    "order the next development places should go: those with nothing recorded first, then by the longest time "
    "since their latest development of any source; with their JP of the last years, and per unit how many were "
    "never developed. Staff roles only.",
    responses=problems(403, 404, 422),
)
async def rotasi_jp(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID, Query(description="The unit (the root instansi: the whole Pemda)")],
    tahun_terakhir: Annotated[int, Query(ge=1, le=10, description="Years the JP sum covers, this one included")] = 3,
) -> Response:
    roster = await scope.pegawai_in_unit(unit_id)
    return json_response(await service.rotasi(session, unit_id, roster, tahun_terakhir, date.today()))


@router.get(
    "/pegawai/{nip}",
    response_model=RekapJpOut,
    operation_id="getRekapJp",
    summary="An employee's JP of a year",
    description=f"The total by source and the rule of its status (the PNS minimum or the PPPK ceiling). {READERS}",
    responses=problems(404, 422),
)
async def rekap_jp(nip: NipPath, session: SessionDep, scope: Reader, tahun: ThisYear = None) -> Response:
    pegawai = (await scope.require_pegawai([nip]))[nip]
    return json_response(await service.rekap(session, pegawai, _year(tahun)))


def _notes() -> list[str]:
    limits = {"baris": MAX_ROWS, "mb": MAX_FILE_BYTES // (1024 * 1024), "jenis": t("petunjuk.jp.jenis")}
    general = [t(f"petunjuk.{key}", **limits) for key in ("isi", "contoh")]
    return [*general, t("petunjuk.jp.teks"), t("petunjuk.tanggal"), t("petunjuk.jp"), t("petunjuk.laporan", **limits)]


def _workbook(rows: list[list[object]], with_errors: bool = False) -> bytes:
    return workbook(columns(), rows, _notes(), with_errors=with_errors)


@router.get(
    "/impor/template",
    operation_id="getJpImporTemplate",
    summary="Download the JP history sheet to fill in (XLSX with instructions and dropdowns)",
    description="One entry per row: NIP, Tahun or Tanggal, JP, Sumber (riwayat or nonklasikal), Jenis, Uraian, "
    "Nomor Bukti. For BKPSDM, OPD admins and integrasi.",
    responses={200: {"content": {XLSX_MEDIA: {}}, "description": "The template file"}, **problems(403)},
)
async def template(scope: Reporter) -> Response:
    content = await run_in_threadpool(_workbook, example_rows())
    return attachment(content, "template-jp.xlsx")


@router.post(
    "/impor",
    response_model=HasilImpor,
    operation_id="importJp",
    summary="Import JP history from a filled-in sheet (XLSX or CSV)",
    description=f"For an instansi moving from spreadsheets: each row becomes an entry as `POST /jp` makes it. "
    f"{WRITERS} A row the ledger holds already or twice in the file (same employee, year, date, JP, source, kind "
    "and description) is a row error, so a file uploaded again adds nothing. All rows or none unless "
    "`partial=true`. " + REPORT_DESCRIPTION,
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 413, 422)},
)
async def impor(
    request: Request,
    write: Writes,
    file: Annotated[UploadFile, File(description="XLSX or CSV (',' or ';'), headers as in the template")],
    partial: Annotated[bool, Query(description="Write the good rows even if some rows are bad")] = False,
    uji: Annotated[bool, Query(description="Dry run: check every row, write nothing")] = False,
) -> Response | HasilImpor:
    write.because(f"import of {file.filename}")
    table = await read_upload(file, columns())
    rows = await run_in_threadpool(service.prepare, table)
    outcome = await service.import_rows(write.session, write.scope, rows, partial, uji)

    async def report(report_rows: list[list[object]]) -> bytes:
        return await run_in_threadpool(_workbook, report_rows, True)

    return await answer(request, outcome, "jp", report, columns())


@router.get(
    "/{jp_id}",
    response_model=JpOut,
    operation_id="getJp",
    summary="One JP entry",
    description=f"404 when its employee is not one the caller reads. Its version comes as the ETag. {READERS}",
    responses=problems(404),
)
async def get_jp(_: Reader, entry: CurrentJp) -> Response:
    return record_response(JpOut.model_validate(entry))


@router.patch(
    "/{jp_id}",
    response_model=JpOut,
    operation_id="updateJp",
    summary="Correct a JP entry",
    description=f"{WRITERS} Only the fields sent change; the employee and source do not. An entry credited by "
    "enrollment (`pelatihan`) changes only there (409). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_jp(data: JpUpdate, write: Writes, entry: CurrentJp) -> Response:
    return await write.update(entry.version, lambda: service.update(write.session, entry, data), out=JpOut)


@router.delete(
    "/{jp_id}",
    status_code=204,
    operation_id="deleteJp",
    summary="Delete a JP entry recorded in error",
    description=f"{WRITERS} An entry credited by enrollment (`pelatihan`) is not deleted here (409). Send the ETag "
    "you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_jp(write: Writes, entry: CurrentJp) -> Response:
    return await write.delete(entry.version, lambda: service.delete(write.session, entry))
