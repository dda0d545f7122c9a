"""HTTP routes of awards: each wires the caller's access to one service function."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from kinerja.penghargaan import service
from kinerja.penghargaan.auth import CurrentPenghargaan
from kinerja.penghargaan.schemas import (
    JenisPenghargaan,
    PenghargaanIn,
    PenghargaanOut,
    PenghargaanPublik,
    PenghargaanUpdate,
)
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.types import NIP
from shared.writes import Writes

router = APIRouter(tags=["penghargaan"])
Tahun = Annotated[int | None, Query(ge=1950, le=2100, description="Only awards of this year")]
# The public feed may be kept by browsers and proxies for five minutes.
PUBLIC_CACHE = "public, max-age=300"


@router.get(
    "/api/v1/penghargaan",
    response_model=Page[PenghargaanOut],
    operation_id="listPenghargaan",
    summary="Awards of the employees the caller reaches",
    description="Newest first. admin_bkpsdm and integrasi read all, admin_opd its OPD's employees, "
    "a pegawai or atasan its own.",
    responses=problems(422),
)
async def list_penghargaan(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's awards")] = None,
    jenis: Annotated[JenisPenghargaan | None, Query(description="Only this kind")] = None,
    tahun: Tahun = None,
) -> Response:
    return (await service.list_penghargaan(session, scope, page, nip=nip, jenis=jenis, tahun=tahun)).response()


@router.post(
    "/api/v1/penghargaan",
    response_model=PenghargaanOut,
    status_code=201,
    operation_id="createPenghargaan",
    summary="Record an award",
    description="admin_bkpsdm, or admin_opd for its OPD's employees. The kind must be one the employee's status "
    "(PNS, PPPK) may receive. `diumumkan` puts it on the public feed. Honours Idempotency-Key.",
    responses=problems(403, 404, 422),
)
async def create_penghargaan(data: PenghargaanIn, write: Writes) -> Response:
    pegawai = (await write.scope.require_pegawai([data.nip]))[data.nip]
    return await write.create(
        lambda: service.create(write.session, data, pegawai),
        out=PenghargaanOut,
        location=lambda p: f"/api/v1/penghargaan/{p.id}",
    )


@router.get(
    "/api/v1/penghargaan/{penghargaan_id}",
    response_model=PenghargaanOut,
    operation_id="getPenghargaan",
    summary="One award",
    description="404 when its employee is out of the caller's reach. Its version comes as the ETag.",
    responses=problems(404),
)
async def get_penghargaan(_: Reader, award: CurrentPenghargaan) -> Response:
    return record_response(PenghargaanOut.model_validate(award))


@router.patch(
    "/api/v1/penghargaan/{penghargaan_id}",
    response_model=PenghargaanOut,
    operation_id="updatePenghargaan",
    summary="Correct an award or announce it",
    description="admin_bkpsdm, or admin_opd for its OPD's employees. Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 422, 428),
)
async def update_penghargaan(data: PenghargaanUpdate, write: Writes, award: CurrentPenghargaan) -> Response:
    pegawai = (await write.scope.require_pegawai([award.nip]))[award.nip] if data.jenis else {}
    return await write.update(
        award.version, lambda: service.update(write.session, award, data, pegawai), out=PenghargaanOut
    )


@router.delete(
    "/api/v1/penghargaan/{penghargaan_id}",
    status_code=204,
    operation_id="deletePenghargaan",
    summary="Delete an award recorded in error",
    description="admin_bkpsdm, or admin_opd for its OPD's employees. Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 428),
)
async def delete_penghargaan(write: Writes, award: CurrentPenghargaan) -> Response:
    return await write.delete(award.version, lambda: service.delete(write.session, award))


@router.get(
    "/api/v1/publik/penghargaan",
    response_model=Page[PenghargaanPublik],
    operation_id="listPenghargaanPublik",
    summary="Announced awards, for everyone",
    description="No sign-in needed: the awards marked `diumumkan`, newest first, with the name and unit of the "
    "employee and the award only. Cached for five minutes.",
    responses=problems(422),
)
async def list_penghargaan_publik(session: SessionDep, page: Paging, tahun: Tahun = None) -> Response:
    response = (await service.public_feed(session, page, tahun)).response()
    response.headers["Cache-Control"] = PUBLIC_CACHE
    return response
