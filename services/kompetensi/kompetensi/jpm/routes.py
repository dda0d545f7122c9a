"""HTTP routes of job-person match, gap matrices and job families."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response
from starlette.concurrency import run_in_threadpool

from kompetensi.jpm import service
from kompetensi.jpm.schemas import (
    JpmJabatanIn,
    JpmJabatanOut,
    JpmPegawaiIn,
    JpmPegawaiOut,
    JpmSendiriIn,
    JpmSendiriOut,
    MatriksGapIn,
    MatriksGapOut,
    RumpunOut,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.errors import UnprocessableEntity
from shared.openapi import problems
from shared.responses import json_response
from shared.types import NipPath, valid_nips
from shared.workbook import XLSX_MEDIA, attachment

router = APIRouter(tags=["jpm"])


@router.post(
    "/api/v1/jpm/jabatan/{jabatan_id}",
    response_model=JpmJabatanOut,
    operation_id="computeJpmJabatan",
    summary="JPM of up to 10,000 employees against one position",
    description="The position's standard once, then per person the JPM %, its category and the held levels and "
    "gaps in the standard's order, best first. The position and every NIP must be within the caller's reach.",
    responses=problems(403, 404, 422),
)
async def jpm_jabatan(
    jabatan_id: Annotated[uuid.UUID, Path(description="Id of the position (jabatan)")],
    data: JpmJabatanIn,
    session: SessionDep,
    scope: Reporter,
) -> Response:
    await scope.require_jabatan([jabatan_id])
    nips = list(dict.fromkeys(valid_nips(data.nips)))
    if not scope.reaches_all:
        await scope.require_pegawai(nips)
    return json_response(await service.jpm_for_position(session, jabatan_id, nips, data.kategori, data.rinci))


@router.post(
    "/api/v1/jpm/pegawai/{nip}",
    response_model=JpmPegawaiOut,
    operation_id="computeJpmPegawai",
    summary="JPM of one employee against many positions",
    description="The employee and every position must be within the caller's reach.",
    responses=problems(404, 422),
)
async def jpm_pegawai(nip: NipPath, data: JpmPegawaiIn, session: SessionDep, scope: Reader) -> Response:
    await scope.require_pegawai([nip])
    await scope.require_jabatan(data.jabatan_ids)
    return json_response(
        await service.jpm_for_person(session, nip, list(dict.fromkeys(data.jabatan_ids)), data.kategori)
    )


@router.post(
    "/api/v1/jpm/bulk",
    response_model=JpmSendiriOut,
    operation_id="listJpmBulk",
    summary="JPM of up to 1,000 employees, each against its own position",
    description="Each employee against the competency standard of the position it holds now: the JPM %, its "
    "category and the per-competency gaps. Every role that reads employees; NIPs the caller does not read come back "
    "in `missing` (an atasan reads its direct reports), employees without a position in `tanpa_jabatan`, those "
    "whose position has no standard yet in `tanpa_standar`. A caller that reaches every employee may give the "
    "positions it already knows (`jabatan`), which spares the service asking pegawai for them.",
    responses=problems(422),
)
async def jpm_bulk(data: JpmSendiriIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(
        await service.jpm_own_positions(session, scope, valid_nips(data.nips), data.kategori, data.jabatan)
    )


@router.post(
    "/api/v1/matriks-gap",
    response_model=MatriksGapOut,
    operation_id="computeMatriksGap",
    summary="Employees x competencies gap matrix (JSON or XLSX)",
    description="Each employee of a unit (with its sub-units) or of a list of NIPs against their own position's "
    "standard, with a per-competency summary of how many fall short. The unit or NIPs must be within reach.",
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422)},
)
async def matriks_gap(data: MatriksGapIn, session: SessionDep, scope: Reporter) -> Response:
    if (data.unit_id is None) == (data.nips is None):
        raise UnprocessableEntity("matriks-unit-or-nips")
    people = await service.people_for_matrix(scope, data.unit_id, valid_nips(data.nips) if data.nips else None)
    matrix = await service.gap_matrix(session, people)
    if data.format == "xlsx":
        return attachment(await run_in_threadpool(service.gap_xlsx, matrix), "matriks-gap.xlsx")
    return json_response(matrix)


@router.get(
    "/api/v1/rumpun-jabatan",
    response_model=RumpunOut,
    operation_id="getRumpunJabatan",
    summary="Job families from the technical standards, and positions whose declared rumpun differs",
    description="SciPy hierarchical clustering (average linkage, cosine distance) of the positions the caller reaches.",
    responses=problems(403),
)
async def rumpun_jabatan(
    session: SessionDep,
    scope: Reporter,
    ambang: Annotated[float, Query(gt=0, lt=1, description="Cosine distance at which families are cut")] = 0.5,
) -> Response:
    return json_response((await service.job_families_in_reach(session, scope, ambang)).model_dump())
