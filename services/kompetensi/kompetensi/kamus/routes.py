from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select

from kompetensi.access import Admin, Anyone
from kompetensi.kamus import service
from kompetensi.kamus.models import Kompetensi
from kompetensi.kamus.schemas import KompetensiCreate, KompetensiOut, KompetensiUpdate
from shared.audit import set_actor
from shared.concurrency import check_if_match, set_etag
from shared.db import SessionDep
from shared.idempotency import Answer, answer, idempotent
from shared.pagination import Page, PageParams, paginate

router = APIRouter(prefix="/api/v1/kompetensi", tags=["kompetensi"])


@router.get("", response_model=Page[KompetensiOut], summary="The competency dictionary")
async def list_kompetensi(
    session: SessionDep,
    _: Anyone,
    page: Annotated[PageParams, Depends()],
    jenis: Literal["manajerial", "sosial_kultural", "teknis"] | None = None,
    aktif: bool | None = Query(None, description="Only active (true) or retired (false) competencies"),
    q: str | None = None,
) -> Page[KompetensiOut]:
    stmt = select(Kompetensi)
    if jenis:
        stmt = stmt.where(Kompetensi.jenis == jenis)
    if aktif is not None:
        stmt = stmt.where(Kompetensi.aktif == aktif)
    if q:
        stmt = stmt.where(or_(Kompetensi.nama.ilike(f"%{q}%"), Kompetensi.kode.ilike(f"%{q}%")))
    return await paginate(session, stmt.order_by(Kompetensi.jenis, Kompetensi.kode), page, KompetensiOut)


@router.post("", response_model=KompetensiOut, status_code=201, summary="Add a technical competency (admin_bkpsdm)")
async def create_kompetensi(data: KompetensiCreate, request: Request, session: SessionDep, principal: Admin) -> JSONResponse:
    set_actor(session, principal)

    async def handler() -> Answer:
        k = await service.create(session, data)
        body = KompetensiOut.model_validate(k)
        return answer(body, version=k.version, location=f"/api/v1/kompetensi/{k.id}")

    return await idempotent(request, session, principal.sub, handler)


@router.get("/{kompetensi_id}", response_model=KompetensiOut, summary="A competency with its levels")
async def get_kompetensi(kompetensi_id: uuid.UUID, session: SessionDep, _: Anyone, response: Response) -> Kompetensi:
    k = await service.get(session, kompetensi_id)
    set_etag(response, k.version)
    return k


@router.patch("/{kompetensi_id}", response_model=KompetensiOut, summary="Change texts or levels (If-Match required)")
async def update_kompetensi(
    kompetensi_id: uuid.UUID, data: KompetensiUpdate, request: Request, session: SessionDep, principal: Admin, response: Response
) -> Kompetensi:
    set_actor(session, principal)
    k = await service.get(session, kompetensi_id)
    check_if_match(request, k.version)
    k = await service.update(session, k, data)
    set_etag(response, k.version)
    return k


@router.post("/{kompetensi_id}/pensiun", response_model=KompetensiOut, summary="Retire a competency (kept in history)")
async def retire_kompetensi(kompetensi_id: uuid.UUID, session: SessionDep, principal: Admin) -> Kompetensi:
    set_actor(session, principal)
    return await service.retire(session, await service.get(session, kompetensi_id))


@router.delete("/{kompetensi_id}", status_code=204, summary="Delete a competency nothing uses")
async def delete_kompetensi(kompetensi_id: uuid.UUID, session: SessionDep, principal: Admin) -> Response:
    set_actor(session, principal)
    await service.delete(session, await service.get(session, kompetensi_id))
    return Response(status_code=204)
