"""HTTP routes of organisation units: each wires the caller's access to one service function."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pegawai.unit_organisasi import service
from pegawai.unit_organisasi.auth import CurrentUnit
from pegawai.unit_organisasi.models import JenisUnit
from pegawai.unit_organisasi.schemas import UnitCreate, UnitOut, UnitTreeNode, UnitUpdate
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response, record_response
from shared.writes import Writes

router = APIRouter(prefix="/api/v1/unit-organisasi", tags=["unit-organisasi"])


@router.get(
    "",
    response_model=Page[UnitOut],
    operation_id="listUnitOrganisasi",
    summary="List organisation units",
    description="The units the caller reaches (BKPSDM and integrasi: all; admin_opd: its OPD and the units under "
    "it; pegawai: its own unit), ordered by code.",
)
async def list_units(
    session: SessionDep,
    scope: Reader,
    page: Paging,
    parent_id: Annotated[uuid.UUID | None, Query(description="Only the children of this unit")] = None,
    jenis: Annotated[JenisUnit | None, Query(description="Only units of this kind")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name contains")] = None,
) -> Response:
    return (await service.list_units(session, scope, page, parent_id=parent_id, jenis=jenis, q=q)).response()


@router.post(
    "",
    response_model=UnitOut,
    status_code=201,
    operation_id="createUnitOrganisasi",
    summary="Create a unit",
    description="admin_bkpsdm creates any unit; admin_opd creates bidang, sub-bidang, seksi and UPT under its OPD. "
    "Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_unit(data: UnitCreate, write: Writes) -> Response:
    return await write.create(
        lambda: service.create(write.session, write.scope, data),
        out=UnitOut,
        location=lambda unit: f"/api/v1/unit-organisasi/{unit.id}",
    )


@router.get(
    "/{unit_id}",
    response_model=UnitOut,
    operation_id="getUnitOrganisasi",
    summary="Read a unit",
    description="One unit; its version comes as the ETag.",
    responses=problems(404),
)
async def get_unit(unit: CurrentUnit) -> Response:
    return record_response(UnitOut.model_validate(unit))


@router.get(
    "/{unit_id}/subtree",
    response_model=list[UnitTreeNode],
    operation_id="getUnitOrganisasiSubtree",
    summary="The unit and every unit under it",
    description="One recursive query, nearest first.",
    responses=problems(404),
)
async def get_subtree(unit: CurrentUnit, session: SessionDep) -> Response:
    return json_response([node.model_dump() for node in await service.subtree(session, unit)])


@router.patch(
    "/{unit_id}",
    response_model=UnitOut,
    operation_id="updateUnitOrganisasi",
    summary="Change or move a unit",
    description="Send the ETag you read as If-Match. Moving a unit under its own descendant is refused; the code, "
    "kind and parent of an OPD unit are BKPSDM's.",
    responses=problems(403, 404, 409, 412, 422, 428),
)
async def update_unit(data: UnitUpdate, write: Writes, unit: CurrentUnit) -> Response:
    return await write.update(unit.version, lambda: service.update(write.session, write.scope, unit, data), out=UnitOut)


@router.delete(
    "/{unit_id}",
    status_code=204,
    operation_id="deleteUnitOrganisasi",
    summary="Delete an empty unit",
    description="Send the ETag you read as If-Match. A unit that still holds positions or sub-units is not deleted.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_unit(write: Writes, unit: CurrentUnit) -> Response:
    return await write.delete(unit.version, lambda: service.delete(write.session, write.scope, unit))
