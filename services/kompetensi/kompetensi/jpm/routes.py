from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from kompetensi.access import (
    Anyone,
    PegawaiDep,
    Staff,
    require_nips_visible,
    require_positions_visible,
    require_self_or_staff,
)
from kompetensi.asesmen.routes import _valid_nip, _valid_nips
from kompetensi.jpm import service
from kompetensi.jpm.schemas import (
    JpmJabatanIn,
    JpmJabatanOut,
    JpmPegawaiIn,
    JpmPegawaiOut,
    MatriksGapIn,
    MatriksGapOut,
    RumpunOut,
)
from shared.db import SessionDep
from shared.errors import UnprocessableEntity
from shared.responses import json_response
from shared.workbook import XLSX_MEDIA, attachment

router = APIRouter(tags=["jpm"])


@router.post("/api/v1/jpm/jabatan/{jabatan_id}", response_model=JpmJabatanOut, summary="JPM of up to 10,000 employees against one position")
async def jpm_jabatan(
    jabatan_id: uuid.UUID, data: JpmJabatanIn, session: SessionDep, principal: Staff, pegawai: PegawaiDep
) -> Response:
    nips = list(dict.fromkeys(_valid_nips(data.nips)))
    if not principal.reads_all:
        # admin_opd: only its own OPD's employees (one bulk call per 1,000 NIPs, concurrently).
        await require_nips_visible(pegawai, principal, nips)
    return json_response(await service.jpm_for_position(session, jabatan_id, nips, data.kategori, data.rinci))


@router.post("/api/v1/jpm/pegawai/{nip}", response_model=JpmPegawaiOut, summary="JPM of one employee against many positions")
async def jpm_pegawai(nip: str, data: JpmPegawaiIn, session: SessionDep, principal: Anyone, pegawai: PegawaiDep) -> Response:
    nip = _valid_nip(nip)
    require_self_or_staff(principal, nip)
    await require_nips_visible(pegawai, principal, [nip])
    return json_response(await service.jpm_for_person(session, nip, list(dict.fromkeys(data.jabatan_ids)), data.kategori))


@router.post("/api/v1/matriks-gap", response_model=MatriksGapOut, summary="Employees x competencies gap matrix (JSON or XLSX)",
             responses={200: {"content": {XLSX_MEDIA: {}}}})
async def matriks_gap(data: MatriksGapIn, session: SessionDep, principal: Staff, pegawai: PegawaiDep) -> Response:
    if (data.unit_id is None) == (data.nips is None):
        raise UnprocessableEntity("Give either unit_id or nips.")
    if data.unit_id is not None:
        people = await pegawai.pegawai_in_unit(data.unit_id, principal.token)
    else:
        nips = _valid_nips(data.nips or [])
        people = list((await require_nips_visible(pegawai, principal, nips)).values())
    matrix = await service.gap_matrix(session, people)
    if data.format == "xlsx":
        return attachment(await run_in_threadpool(service.gap_xlsx, matrix), "matriks-gap.xlsx")
    return json_response(matrix.model_dump())


@router.get("/api/v1/rumpun-jabatan", response_model=RumpunOut, summary="Job families from the technical standards, and positions whose declared rumpun differs")
async def rumpun_jabatan(
    session: SessionDep, principal: Staff, pegawai: PegawaiDep,
    ambang: Annotated[float, Query(gt=0, lt=1, description="Cosine distance at which families are cut")] = 0.5,
) -> RumpunOut:
    from kompetensi.jpm.queries import standards_matrix

    ids = list({row[0] for row in (await session.execute(standards_matrix())).all()})
    positions = await pegawai.lookup_jabatan(ids, principal.token)
    return await service.job_families(session, positions, ambang)


__all__ = ["require_positions_visible", "router"]
