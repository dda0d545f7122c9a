from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import Response

from pegawai.impor import export, files, service
from pegawai.impor.columns import Jenis, columns, example_row
from pegawai.impor.schemas import HasilImpor
from pegawai.pegawai.params import Filters
from shared.access import Reporter
from shared.db import SessionDep
from shared.errors import AppError
from shared.kepegawaian import Kedudukan, StatusKepegawaian
from shared.rules import load_golongan, load_jabatan, load_pendidikan
from shared.writes import Writes

router = APIRouter(tags=["impor-ekspor"])
MAX_BYTES = 10 * 1024 * 1024
Format = Literal["xlsx", "csv"]


class TooLarge(AppError):
    status, code, title = 413, "file-too-large", "File too large"


def _file(content: bytes, fmt: Format, name: str) -> Response:
    media = files.XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})


@router.get("/api/v1/impor/template/{jenis}", summary="Download the sheet to fill in (XLSX with notes, or CSV)")
async def template(jenis: Jenis, scope: Reporter, format: Format = "xlsx") -> Response:
    cols = columns(jenis)
    example = [example_row(jenis)]
    if format == "csv":
        return _file(files.write_csv(cols, example), format, f"template-{jenis}")
    choices = {
        "jenis": list(load_jabatan().kinds),
        "syarat_pendidikan_min": list(load_pendidikan().levels),
        "pendidikan_tingkat": list(load_pendidikan().levels),
        "status_kepegawaian": [s.value for s in StatusKepegawaian],
        "kedudukan": [k.value for k in Kedudukan],
        "jenis_kelamin": ["L", "P"],
        "golongan": load_golongan().codes("pns"),
    }
    notes = [("Baris contoh", "Row 2 is an example: replace or delete it."),
             ("Format tanggal", "YYYY-MM-DD, or an Excel date cell.")]
    return _file(files.write_xlsx(cols, example, notes, choices), format, f"template-{jenis}")


@router.post("/api/v1/impor/{jenis}", response_model=HasilImpor, summary="Import a filled-in sheet (CSV or XLSX)")
async def impor(
    jenis: Jenis,
    write: Writes,
    file: Annotated[UploadFile, File(description="CSV (',' or ';') or XLSX, headers as in the template")],
    partial: Annotated[bool, Query(description="Write the good rows even if some rows are bad")] = False,
) -> HasilImpor:
    session, scope = write.session, write.scope
    write.because(f"import of {file.filename}")
    content = await file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise TooLarge(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it.")
    header, body = files.read_table(file.filename or "", content)
    rows = service.map_rows(jenis, header, body)
    if jenis == Jenis.JABATAN:
        return await service.import_jabatan(session, scope, rows, partial)
    return await service.import_pegawai(session, scope, rows, partial)


@router.get("/api/v1/ekspor/jabatan", summary="Export positions (the import columns)")
async def ekspor_jabatan(
    session: SessionDep,
    scope: Reporter,
    format: Format = "xlsx",
    unit_id: uuid.UUID | None = None,
    jenis: Annotated[list[str] | None, Query(max_length=20)] = None,
    rumpun: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    cols = columns(Jenis.JABATAN)
    rows = await export.jabatan_rows(session, scope, cols, unit_id=unit_id, jenis=jenis, rumpun=rumpun)
    content = files.write_xlsx(cols, rows) if format == "xlsx" else files.write_csv(cols, rows)
    return _file(content, format, f"jabatan-{date.today().isoformat()}")


@router.get("/api/v1/ekspor/pegawai", summary="Export employees with the list filters (the import columns)")
async def ekspor_pegawai(session: SessionDep, scope: Reporter, f: Filters, format: Format = "xlsx") -> Response:
    cols = columns(Jenis.PEGAWAI)
    rows = await export.pegawai_rows(session, scope, f, cols)
    content = files.write_xlsx(cols, rows) if format == "xlsx" else files.write_csv(cols, rows)
    return _file(content, format, f"pegawai-{date.today().isoformat()}")
