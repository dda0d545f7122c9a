"""HTTP routes of the competency dictionary: each wires the caller's access to one service function."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from kompetensi.kamus import service
from kompetensi.kamus.auth import CurrentKompetensi
from kompetensi.kamus.schemas import KompetensiCreate, KompetensiOut, KompetensiUpdate
from shared.access import Reader
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import record_response
from shared.writes import AdminWrites

router = APIRouter(prefix="/api/v1/kompetensi", tags=["kompetensi"])


@router.get(
    "",
    response_model=Page[KompetensiOut],
    operation_id="listKompetensi",
    summary="The competency dictionary",
    description="Managerial and socio-cultural competencies of PermenPAN-RB 38/2017 and BKPSDM's technical ones, "
    "each with its five levels. Every signed-in role may read it.",
)
async def list_kompetensi(
    session: SessionDep,
    _: Reader,
    page: Paging,
    jenis: Literal["manajerial", "sosial_kultural", "teknis"] | None = None,
    aktif: Annotated[bool | None, Query(description="Only active (true) or retired (false) competencies")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Code or name contains")] = None,
) -> Response:
    return (await service.list_kompetensi(session, page, jenis=jenis, aktif=aktif, q=q)).response()


@router.post(
    "",
    response_model=KompetensiOut,
    status_code=201,
    operation_id="createKompetensi",
    summary="Add a technical competency",
    description="admin_bkpsdm only. Honours Idempotency-Key.",
    responses=problems(403, 409, 422),
)
async def create_kompetensi(data: KompetensiCreate, write: AdminWrites) -> Response:
    return await write.create(
        lambda: service.create(write.session, data), out=KompetensiOut, location=lambda k: f"/api/v1/kompetensi/{k.id}"
    )


@router.get(
    "/{kompetensi_id}",
    response_model=KompetensiOut,
    operation_id="getKompetensi",
    summary="A competency with its levels",
    description="Its version comes as the ETag.",
    responses=problems(404),
)
async def get_kompetensi(kompetensi: CurrentKompetensi) -> Response:
    return record_response(KompetensiOut.model_validate(kompetensi))


@router.patch(
    "/{kompetensi_id}",
    response_model=KompetensiOut,
    operation_id="updateKompetensi",
    summary="Change texts or levels",
    description="admin_bkpsdm only. Send the ETag you read as If-Match.",
    responses=problems(403, 404, 412, 422, 428),
)
async def update_kompetensi(data: KompetensiUpdate, write: AdminWrites, kompetensi: CurrentKompetensi) -> Response:
    return await write.update(
        kompetensi.version, lambda: service.update(write.session, kompetensi, data), out=KompetensiOut
    )


@router.post(
    "/{kompetensi_id}/pensiun",
    response_model=KompetensiOut,
    operation_id="retireKompetensi",
    summary="Retire a competency",
    description="It stays in history and cannot be used for new standards or "
    "assessments. admin_bkpsdm only; send the ETag you read as If-Match; honours Idempotency-Key.",
    responses=problems(403, 404, 409, 412, 428),
)
async def retire_kompetensi(write: AdminWrites, kompetensi: CurrentKompetensi) -> Response:
    return await write.act(kompetensi.version, lambda: service.retire(write.session, kompetensi), out=KompetensiOut)


@router.delete(
    "/{kompetensi_id}",
    status_code=204,
    operation_id="deleteKompetensi",
    summary="Delete a competency nothing uses",
    description="Only a technical competency no standard or assessment uses; the others are retired instead. "
    "admin_bkpsdm only; send the ETag you read as If-Match.",
    responses=problems(403, 404, 409, 412, 428),
)
async def delete_kompetensi(write: AdminWrites, kompetensi: CurrentKompetensi) -> Response:
    return await write.delete(kompetensi.version, lambda: service.delete(write.session, kompetensi))
