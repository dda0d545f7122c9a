from __future__ import annotations

import uuid

from fastapi import APIRouter

from kompetensi.access import PegawaiDep, Staff, Writer, require_positions_visible
from kompetensi.standar import service
from kompetensi.standar.schemas import SalinIn, StandarBulkIn, StandarIn, StandarOut, StandarSetOut
from shared.audit import set_actor
from shared.db import SessionDep

router = APIRouter(prefix="/api/v1/standar-kompetensi", tags=["standar-kompetensi"])


@router.post("/bulk", response_model=list[StandarOut], summary="Standards of many positions in one request")
async def read_many(data: StandarBulkIn, session: SessionDep, _: Staff) -> list[StandarOut]:
    return await service.read_many(session, data.jabatan_ids)


@router.get("/{jabatan_id}", response_model=StandarOut, summary="The competency standard of a position")
async def read_one(jabatan_id: uuid.UUID, session: SessionDep, _: Staff) -> StandarOut:
    return (await service.read_many(session, [jabatan_id]))[0]


@router.put("/{jabatan_id}", response_model=StandarSetOut, summary="Set (replace) the standard of a position")
async def set_standard(
    jabatan_id: uuid.UUID, data: StandarIn, session: SessionDep, principal: Writer, pegawai: PegawaiDep
) -> StandarSetOut:
    set_actor(session, principal)
    jabatan = (await require_positions_visible(pegawai, principal, [jabatan_id]))[jabatan_id]
    return await service.set_standard(session, jabatan, data)


@router.post("/salin", response_model=list[StandarOut], summary="Copy one position's standard to others")
async def copy_standard(data: SalinIn, session: SessionDep, principal: Writer, pegawai: PegawaiDep) -> list[StandarOut]:
    set_actor(session, principal)
    await require_positions_visible(pegawai, principal, [data.dari, *data.ke])
    return await service.copy(session, data.dari, data.ke)
