"""HTTP routes of positions (jabatan): each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pegawai.jabatan import service
from pegawai.jabatan.auth import CurrentJabatan
from pegawai.jabatan.schemas import (
    JabatanCreate,
    JabatanLookup,
    JabatanLookupOut,
    JabatanOut,
    JabatanRingkas,
    JabatanUpdate,
    RekapJabatan,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, PageParams, Paging
from shared.responses import json_response, record_response
from shared.types import JenisJabatan
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/jabatan", tags=["jabatan"])


@router.get(
    "",
    response_model=Page[JabatanOut],
    operation_id="listJabatan",
    summary="List and filter positions",
    description="The positions the caller reaches (admin_opd: those of its OPD; pegawai: its own), by code.",
)
async def list_jabatan(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only positions of this unit (and its sub-units)")] = None,
    include_sub_units: bool = True,
    jenis: Annotated[list[JenisJabatan] | None, Query(max_length=20, description="Kind; repeat for several")] = None,
    kelas_min: Annotated[int | None, Query(ge=1, le=17)] = None,
    kelas_max: Annotated[int | None, Query(ge=1, le=17)] = None,
    rumpun: Annotated[str | None, Query(max_length=100)] = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name contains")] = None,
) -> Response:
    result = await service.list_jabatan(
        session,
        scope,
        page,
        unit_id=unit_id,
        include_sub_units=include_sub_units,
        jenis=jenis,
        kelas_min=kelas_min,
        kelas_max=kelas_max,
        rumpun=rumpun,
        q=q,
    )
    return result.response()


@router.post(
    "",
    response_model=JabatanOut,
    status_code=201,
    operation_id="createJabatan",
    summary="Create a position",
    description="In a unit the caller reaches. Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_jabatan(data: JabatanCreate, write: Writes) -> Response:
    return await write.create(
        lambda: service.create(write.session, write.scope, data),
        out=JabatanOut,
        location=lambda jabatan: f"/api/v1/jabatan/{jabatan.id}",
    )


RINGKAS_LIMIT = 10000


@router.get(
    "/ringkas",
    response_model=Page[JabatanRingkas],
    operation_id="listJabatanRingkas",
    summary="Compact rows of every position, for placement",
    description="What placement decisions read of each position (kelas, rumpun, unit, kebutuhan, serving holders "
    "as bezetting, minimum education and golongan), ordered by code, up to 10,000 a page. Within the caller's "
    "reach (admin_opd: its OPD; an employee or atasan: its own position); `unit_id` narrows to a unit's subtree "
    "(404 when out of reach).",
    responses=problems(404, 422),
)
async def list_jabatan_ringkas(
    session: SessionDep,
    scope: Reader,
    unit_id: Annotated[
        uuid.UUID | None, Query(description="Only positions of this unit and the units under it")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=RINGKAS_LIMIT, description="Rows per page (1-10,000)")] = RINGKAS_LIMIT,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")] = 0,
) -> Response:
    return (await service.ringkas(session, scope, PageParams(limit, offset), unit_id)).response()


@router.get(
    "/rekap",
    response_model=RekapJabatan,
    operation_id="getRekapJabatan",
    summary="Job analysis and peta jabatan counts of the positions",
    description="The positions within the caller's reach (of a unit's subtree with `unit_id`, 404 when out of "
    "reach) counted in one statement: with their job analysis recorded (uraian tugas, hasil kerja and a required "
    "headcount from ABK), with a kelas jabatan, with a need; the seats needed and filled. Evidence of the merit "
    "system's job-planning aspect (PermenPAN-RB 19/2025). A report: admin_bkpsdm, admin_opd (its OPD), integrasi "
    "and layanan; other roles 403.",
    responses=problems(403, 404, 422),
)
async def rekap_jabatan(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[
        uuid.UUID | None, Query(description="Only positions of this unit and the units under it")
    ] = None,
) -> Response:
    return json_response(await service.rekap(session, scope, unit_id))


@router.post(
    "/lookup",
    response_model=JabatanLookupOut,
    operation_id="lookupJabatan",
    summary="Read many positions by id in one request",
    description="Up to 10,000 ids; those out of the caller's reach (or unknown) come back in `missing`.",
)
async def lookup_jabatan(data: JabatanLookup, session: SessionDep, scope: Reader) -> Response:
    found, missing = await service.lookup(session, scope, data.ids)
    return json_response({"items": [JabatanOut.model_validate(j).model_dump() for j in found], "missing": missing})


@router.get(
    "/{jabatan_id}",
    response_model=JabatanOut,
    operation_id="getJabatan",
    summary="Read a position",
    description="One position; its version comes as the ETag.",
    responses=problems(404),
)
async def get_jabatan(jabatan: CurrentJabatan) -> Response:
    return record_response(JabatanOut.model_validate(jabatan))


@router.patch(
    "/{jabatan_id}",
    response_model=JabatanOut,
    operation_id="updateJabatan",
    summary="Change a position",
    description="Send the ETag you read as If-Match. Moving a position to another unit moves its holders with it.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_jabatan(data: JabatanUpdate, write: Writes, jabatan: CurrentJabatan) -> Response:
    return await write.update(
        jabatan.version, lambda: service.update(write.session, write.scope, jabatan, data), out=JabatanOut
    )


@router.delete(
    "/{jabatan_id}",
    status_code=204,
    operation_id="deleteJabatan",
    summary="Delete a position nobody holds",
    description="Send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_jabatan(write: Writes, jabatan: CurrentJabatan) -> Response:
    return await write.delete(jabatan.version, lambda: service.delete(write.session, write.scope, jabatan))
