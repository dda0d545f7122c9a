from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select

from pegawai.access import ScopeDep
from pegawai.unit_organisasi import queries, service
from pegawai.unit_organisasi.models import UnitOrganisasi
from pegawai.unit_organisasi.schemas import UnitCreate, UnitOut, UnitTreeNode, UnitUpdate
from shared.audit import set_actor
from shared.concurrency import check_if_match, set_etag
from shared.db import SessionDep
from shared.errors import Forbidden
from shared.idempotency import Answer, answer, idempotent
from shared.pagination import Page, PageParams, paginate

router = APIRouter(prefix="/api/v1/unit-organisasi", tags=["unit-organisasi"])


@router.get("", response_model=Page[UnitOut], summary="List organisation units")
async def list_units(
    session: SessionDep,
    scope: ScopeDep,
    page: Annotated[PageParams, Depends()],
    parent_id: uuid.UUID | None = None,
    jenis: str | None = None,
    q: Annotated[str | None, Query(description="Code or name contains")] = None,
) -> Page[UnitOut]:
    if scope.self_nip:
        raise Forbidden("A pegawai token reads only its own record at /api/v1/pegawai/{nip}.")
    stmt = select(UnitOrganisasi)
    if scope.unit_ids is not None:
        stmt = stmt.where(UnitOrganisasi.id.in_(scope.unit_ids))
    if parent_id:
        stmt = stmt.where(UnitOrganisasi.parent_id == parent_id)
    if jenis:
        stmt = stmt.where(UnitOrganisasi.jenis == jenis)
    if q:
        stmt = stmt.where(or_(UnitOrganisasi.nama.ilike(f"%{q}%"), UnitOrganisasi.kode.ilike(f"%{q}%")))
    return await paginate(session, stmt.order_by(UnitOrganisasi.kode), page, UnitOut)


@router.post("", response_model=UnitOut, status_code=201, summary="Create a unit (honours Idempotency-Key)")
async def create_unit(data: UnitCreate, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    set_actor(session, scope.principal)

    async def handler() -> Answer:
        unit = await service.create(session, scope, data)
        return answer(UnitOut.model_validate(unit), version=unit.version, location=f"/api/v1/unit-organisasi/{unit.id}")

    return await idempotent(request, session, scope.principal.sub, handler)


@router.get("/{unit_id}", response_model=UnitOut, summary="Read a unit")
async def get_unit(unit_id: uuid.UUID, session: SessionDep, scope: ScopeDep, response: Response) -> UnitOrganisasi:
    unit = await service.get_in_scope(session, scope, unit_id)
    set_etag(response, unit.version)
    return unit


@router.get("/{unit_id}/subtree", response_model=list[UnitTreeNode], summary="The unit and every unit under it")
async def get_subtree(unit_id: uuid.UUID, session: SessionDep, scope: ScopeDep) -> list[UnitTreeNode]:
    await service.get_in_scope(session, scope, unit_id)
    return [
        UnitTreeNode.model_validate({**UnitOut.model_validate(u).model_dump(), "depth": d})
        for u, d in await queries.subtree(session, unit_id)
    ]


@router.patch("/{unit_id}", response_model=UnitOut, summary="Change or move a unit (If-Match required)")
async def update_unit(
    unit_id: uuid.UUID, data: UnitUpdate, request: Request, session: SessionDep, scope: ScopeDep, response: Response
) -> UnitOrganisasi:
    set_actor(session, scope.principal)
    unit = await service.get_in_scope(session, scope, unit_id)
    check_if_match(request, unit.version)
    unit = await service.update(session, scope, unit, data)
    set_etag(response, unit.version)
    return unit


@router.delete("/{unit_id}", status_code=204, summary="Delete an empty unit")
async def delete_unit(unit_id: uuid.UUID, request: Request, session: SessionDep, scope: ScopeDep) -> Response:
    set_actor(session, scope.principal)
    unit = await service.get_in_scope(session, scope, unit_id)
    if request.headers.get("if-match"):
        check_if_match(request, unit.version)
    await service.delete(session, scope, unit)
    return Response(status_code=204)
