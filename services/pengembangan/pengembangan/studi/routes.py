"""HTTP routes of further study: each wires the caller's access to one service function."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pengembangan.studi import service
from pengembangan.studi.auth import CurrentStudi
from pengembangan.studi.schemas import Jenis, Status, StudiIn, StudiOut, StudiSelesai, StudiUpdate
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.types import NIP
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/studi-lanjut", tags=["studi-lanjut"])
WRITERS = "admin_bkpsdm, or admin_opd for its OPD's employees."


@router.get(
    "",
    response_model=Page[StudiOut],
    operation_id="listStudiLanjut",
    summary="Further study (tugas belajar, izin belajar) of the employees the caller reaches",
    description="Newest first. admin_bkpsdm and integrasi read all, admin_opd its OPD's employees, an atasan its "
    "own and its direct reports', a pegawai its own. `tahun`: studying at some point of that year.",
    responses=problems(422),
)
async def list_studi(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    nip: Annotated[NIP | None, Query(description="Only this employee's")] = None,
    jenis: Annotated[Jenis | None, Query(description="Only this kind")] = None,
    status: Annotated[Status | None, Query(description="Only in this state")] = None,
    tahun: Annotated[int | None, Query(ge=1970, le=2100, description="Only studying in this year")] = None,
) -> Response:
    found = await service.list_studi(session, scope, page, nip=nip, jenis=jenis, status=status, tahun=tahun)
    return found.response()


@router.post(
    "",
    response_model=StudiOut,
    status_code=201,
    operation_id="createStudiLanjut",
    summary="Record a tugas belajar or izin belajar",
    description=f"{WRITERS} One running study per employee (409 otherwise); the planned end is not before the "
    "start. Honours Idempotency-Key.",
    responses=problems(403, 404, 409, 422),
)
async def create_studi(data: StudiIn, write: Writes) -> Response:
    pegawai = (await write.scope.require_pegawai([data.nip]))[data.nip]
    return await write.create(
        lambda: service.create(write.session, data, pegawai),
        out=StudiOut,
        location=lambda s: f"/api/v1/studi-lanjut/{s.id}",
    )


@router.get(
    "/{studi_id}",
    response_model=StudiOut,
    operation_id="getStudiLanjut",
    summary="One study",
    description="404 when its employee is out of the caller's reach. Its version comes as the ETag.",
    responses=problems(404),
)
async def get_studi(_: Reader, studi: CurrentStudi) -> Response:
    return record_response(StudiOut.model_validate(studi))


@router.patch(
    "/{studi_id}",
    response_model=StudiOut,
    operation_id="updateStudiLanjut",
    summary="Correct a running study (institution, major, dates, decree)",
    description=f"{WRITERS} Only while it runs (409 once ended). Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_studi(data: StudiUpdate, write: Writes, studi: CurrentStudi) -> Response:
    return await write.update(studi.version, lambda: service.update(write.session, studi, data), out=StudiOut)


@router.post(
    "/{studi_id}/selesai",
    response_model=StudiOut,
    operation_id="finishStudiLanjut",
    summary="End a study: graduated, failed or withdrawn",
    description=f"{WRITERS} Once (409 when it has already ended); the day is not in the future nor before the "
    "start. Graduation (lulus) records the new education in the employee's history in pegawai (through the "
    "outbox, delivered even if pegawai is down at that moment). Needs If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def finish_studi(data: StudiSelesai, write: Writes, studi: CurrentStudi) -> Response:
    return await write.act(studi.version, lambda: service.finish(write.session, studi, data), out=StudiOut)


@router.delete(
    "/{studi_id}",
    status_code=204,
    operation_id="deleteStudiLanjut",
    summary="Delete a study recorded in error",
    description=f"{WRITERS} Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 428),
)
async def delete_studi(write: Writes, studi: CurrentStudi) -> Response:
    return await write.delete(studi.version, lambda: service.delete(write.session, studi))
