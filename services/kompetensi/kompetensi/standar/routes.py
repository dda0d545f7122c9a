"""HTTP routes of job competency standards: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from kompetensi.standar import service
from kompetensi.standar.auth import CurrentPosition
from kompetensi.standar.schemas import (
    SalinIn,
    StandarBulkIn,
    StandarIn,
    StandarLevelIn,
    StandarLevelOut,
    StandarOut,
    StandarRekapIn,
    StandarRekapOut,
    StandarSetOut,
)
from shared.access import Reader, Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.responses import json_response, record_response
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/standar-kompetensi", tags=["standar-kompetensi"])


@router.post(
    "/bulk",
    response_model=list[StandarOut],
    operation_id="listStandarKompetensiBulk",
    summary="Standards of many positions in one request",
    description="Up to 10,000 positions, all within the caller's reach (else 404 naming those that are not).",
    responses=problems(404, 422),
)
async def read_many(data: StandarBulkIn, session: SessionDep, scope: Reader) -> Response:
    await scope.require_jabatan(data.jabatan_ids)
    return json_response([s.model_dump() for s in await service.read_many(session, data.jabatan_ids)])


@router.post(
    "/level",
    response_model=StandarLevelOut,
    operation_id="listStandarKompetensiLevel",
    summary="Required levels of up to 10,000 positions, compact",
    description="Per position only the required level per competency code (what JPM counts), with the names of the "
    "codes once, for decisions over a whole Pemda (the gateway's talent map). Positions the caller does not reach "
    "(admin_opd: outside its OPD; an employee or atasan: beyond its own) come back in `missing`, not as a 404; a "
    "position without a standard has an empty map. A caller that reaches everything gets every position asked. "
    "`semua: true` instead of `jabatan_ids`: every position the caller reaches that has a standard, ordered "
    "by id (for one that reaches everything, every standard at once without asking pegawai: the gateway's talent "
    "map asks so beside pegawai's lists, not after them); a position without one is absent, `missing` empty; naming "
    "both or neither: 422.",
    responses=problems(422),
)
async def read_levels(data: StandarLevelIn, session: SessionDep, scope: Reader) -> Response:
    return json_response(await service.levels_in_reach(session, scope, data.jabatan_ids))


@router.post(
    "/rekap",
    response_model=StandarRekapOut,
    operation_id="getRekapStandarKompetensi",
    summary="Which positions have a standard, and of which kinds of competency",
    description="Up to 10,000 positions, all within the caller's reach (else 404 naming those that are not): for "
    "each that has a standard, how many managerial, socio-cultural and technical competencies it requires (one "
    "statement); a position without a standard is absent. Evidence of the merit system's competency standards "
    "(PermenPAN-RB 19/2025). A report: admin_bkpsdm, admin_opd (its OPD's positions), integrasi and layanan; other "
    "roles 403. `dari_pegawai`: the positions as pegawai listed them to the caller (taken as found from a caller "
    "that reaches everything).",
    responses=problems(403, 404, 422),
)
async def rekap(data: StandarRekapIn, session: SessionDep, scope: Reporter) -> Response:
    return json_response(await service.rekap(session, scope, data.jabatan_ids, data.dari_pegawai))


@router.get(
    "/{jabatan_id}",
    response_model=StandarOut,
    operation_id="getStandarKompetensi",
    summary="The competency standard of a position",
    description="Its version comes as the ETag (none while the position has no standard).",
    responses=problems(404),
)
async def read_one(position: CurrentPosition, session: SessionDep) -> Response:
    return record_response((await service.read_many(session, [uuid.UUID(str(position.jabatan["id"]))]))[0])


@router.put(
    "/{jabatan_id}",
    response_model=StandarSetOut,
    operation_id="putStandarKompetensi",
    summary="Set (replace) the standard of a position",
    description="Replacing an existing standard needs its ETag as If-Match; the first standard of a position "
    "needs none. With sertakan_default the managerial and socio-cultural levels of the position's kind are added.",
    responses=problems(403, 404, 412, 422, 428),
)
async def set_standard(data: StandarIn, write: Writes, position: CurrentPosition) -> Response:
    return await write.put(
        position.version,
        lambda: service.set_standard(write.session, position.jabatan, data),
        out=StandarSetOut,
    )


@router.post(
    "/salin",
    response_model=list[StandarOut],
    operation_id="copyStandarKompetensi",
    summary="Copy one position's standard to others",
    description="Replaces the standards of up to 1,000 positions, all within the caller's reach. A bulk action: "
    "no If-Match; each position's levels before and after are in the audit log.",
    responses=problems(403, 404, 422),
)
async def copy_standard(data: SalinIn, write: Writes) -> Response:
    await write.scope.require_jabatan([data.dari, *data.ke])
    return json_response([s.model_dump() for s in await service.copy(write.session, data.dari, data.ke)])
