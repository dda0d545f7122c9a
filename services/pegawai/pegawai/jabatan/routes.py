from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from pegawai.access import Scope, ScopeDep
from pegawai.jabatan import queries, service
from pegawai.jabatan.models import Jabatan
from pegawai.jabatan.schemas import JabatanCreate, JabatanLookup, JabatanLookupOut, JabatanOut, JabatanUpdate
from pegawai.pegawai.models import Pegawai
from shared.audit import set_actor
from shared.concurrency import check_if_match, set_etag
from shared.db import SessionDep
from shared.errors import Forbidden
from shared.idempotency import Answer, answer, idempotent
from shared.pagination import Page, PageParams, paginate

router = APIRouter(prefix="/api/v1/jabatan", tags=["jabatan"])


async def _self_only_units(session: SessionDep, scope: Scope) -> frozenset[uuid.UUID] | None:
    if scope.self_nip is None:
        return scope.unit_ids
    raise Forbidden("A pegawai token reads only its own record at /api/v1/pegawai/{nip}.")


@router.get("", response_model=Page[JabatanOut], summary="List and filter positions")
async def list_jabatan(
    session: SessionDep,
    scope: ScopeDep,
    page: Annotated[PageParams, Depends()],
    unit_id: uuid.UUID | None = None,
    include_sub_units: bool = True,
    jenis: Annotated[list[str] | None, Query()] = None,
    kelas_min: Annotated[int | None, Query(ge=1, le=17)] = None,
    kelas_max: Annotated[int | None, Query(ge=1, le=17)] = None,
    rumpun: str | None = None,
    q: str | None = None,
) -> Page[JabatanOut]:
    unit_ids = await _self_only_units(session, scope)
    stmt = queries.filtered(
        unit_ids=unit_ids,
        unit_id=unit_id,
        include_sub_units=include_sub_units,
        jenis=jenis,
        kelas_min=kelas_min,
        kelas_max=kelas_max,
        rumpun=rumpun,
        q=q,
    )
    return await paginate(session, stmt.order_by(Jabatan.kode), page, JabatanOut)


@router.post("", response_model=JabatanOut, status_code=201, summary="Create a position (honours Idempotency-Key)")
async def create_jabatan(data: JabatanCreate, request: Request, session: SessionDep, scope: ScopeDep) -> JSONResponse:
    set_actor(session, scope.principal)

    async def handler() -> Answer:
        jabatan = await service.create(session, scope, data)
        return answer(JabatanOut.model_validate(jabatan), version=jabatan.version, location=f"/api/v1/jabatan/{jabatan.id}")

    return await idempotent(request, session, scope.principal.sub, handler)


@router.post("/lookup", response_model=JabatanLookupOut, summary="Read many positions by id in one request")
async def lookup_jabatan(data: JabatanLookup, session: SessionDep, scope: ScopeDep) -> JabatanLookupOut:
    await _self_only_units(session, scope)
    found, missing = await service.lookup(session, scope, data.ids)
    return JabatanLookupOut(items=[JabatanOut.model_validate(j) for j in found], missing=missing)


@router.get("/{jabatan_id}", response_model=JabatanOut, summary="Read a position")
async def get_jabatan(jabatan_id: uuid.UUID, session: SessionDep, scope: ScopeDep, response: Response) -> Jabatan:
    if scope.self_nip:
        own = await session.scalar(Pegawai.__table__.select().with_only_columns(Pegawai.jabatan_id).where(Pegawai.nip == scope.self_nip))
        if own != jabatan_id:
            raise Forbidden("A pegawai token reads only its own position.")
        jabatan = await session.get(Jabatan, jabatan_id)
        assert jabatan is not None
    else:
        jabatan = await service.get_in_scope(session, scope, jabatan_id)
    set_etag(response, jabatan.version)
    return jabatan


@router.patch("/{jabatan_id}", response_model=JabatanOut, summary="Change a position (If-Match required)")
async def update_jabatan(
    jabatan_id: uuid.UUID, data: JabatanUpdate, request: Request, session: SessionDep, scope: ScopeDep, response: Response
) -> Jabatan:
    set_actor(session, scope.principal)
    jabatan = await service.get_in_scope(session, scope, jabatan_id)
    check_if_match(request, jabatan.version)
    jabatan = await service.update(session, scope, jabatan, data)
    set_etag(response, jabatan.version)
    return jabatan


@router.delete("/{jabatan_id}", status_code=204, summary="Delete a position nobody holds")
async def delete_jabatan(jabatan_id: uuid.UUID, request: Request, session: SessionDep, scope: ScopeDep) -> Response:
    set_actor(session, scope.principal)
    jabatan = await service.get_in_scope(session, scope, jabatan_id)
    if request.headers.get("if-match"):
        check_if_match(request, jabatan.version)
    await service.delete(session, scope, jabatan)
    return Response(status_code=204)


__all__ = ["queries", "router"]
