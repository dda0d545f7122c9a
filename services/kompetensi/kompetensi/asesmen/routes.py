from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from kompetensi.access import Anyone, Ingest, PegawaiDep, Staff, Writer, require_nips_visible, require_self_or_staff
from kompetensi.asesmen import service
from kompetensi.asesmen.models import Asesmen
from kompetensi.asesmen.schemas import (
    AsesmenIn,
    AsesmenOut,
    HasilPelatihanIn,
    HasilPelatihanOut,
    Profil,
    ProfilBulkIn,
    ProfilBulkOut,
    _nip,
)
from kompetensi.kamus.models import Kompetensi
from shared.audit import set_actor
from shared.db import SessionDep
from shared.errors import UnprocessableEntity
from shared.idempotency import Answer, answer, idempotent
from shared.nip import split_nips
from shared.pagination import Page, PageParams, paginate

router = APIRouter(tags=["asesmen"])


def _valid_nip(nip: str) -> str:
    try:
        return _nip(nip)
    except ValueError as exc:
        raise UnprocessableEntity(str(exc), code="invalid-nip") from exc


def _valid_nips(raws: Sequence[str]) -> list[str]:
    """Many NIPs, checked at once; the first invalid one is refused with its reason."""
    valid, invalid = split_nips(raws)
    if invalid:
        raw, reason = invalid[0]
        raise UnprocessableEntity(f"{reason} (NIP '{raw}')", code="invalid-nip")
    return valid


def _out(a: Asesmen, kode: str, dikoreksi: bool) -> AsesmenOut:
    return AsesmenOut.model_validate({**{c: getattr(a, c) for c in AsesmenOut.model_fields if hasattr(a, c)},
                                      "kompetensi_kode": kode, "dikoreksi": dikoreksi})


@router.post("/api/v1/asesmen", response_model=AsesmenOut, status_code=201, summary="Record an assessment (history; never overwritten)")
async def create_asesmen(data: AsesmenIn, request: Request, session: SessionDep, principal: Writer, pegawai: PegawaiDep) -> JSONResponse:
    set_actor(session, principal)

    async def handler() -> Answer:
        await require_nips_visible(pegawai, principal, [data.nip])
        row = await service.record(session, data, principal.sub)
        return answer(_out(row, data.kompetensi_kode, False))

    return await idempotent(request, session, principal.sub, handler)


@router.get("/api/v1/asesmen", response_model=Page[AsesmenOut], summary="Assessment history of an employee")
async def list_asesmen(
    nip: str, session: SessionDep, principal: Anyone, pegawai: PegawaiDep, page: Annotated[PageParams, Depends()],
    kompetensi_kode: str | None = None,
) -> Page[AsesmenOut]:
    nip = _valid_nip(nip)
    require_self_or_staff(principal, nip)
    await require_nips_visible(pegawai, principal, [nip])
    correction = aliased(Asesmen)
    stmt = (
        select(Asesmen, Kompetensi.kode, exists().where(correction.koreksi_dari == Asesmen.id).label("dikoreksi"))
        .join(Kompetensi, Kompetensi.id == Asesmen.kompetensi_id)
        .where(Asesmen.nip == nip)
    )
    if kompetensi_kode:
        stmt = stmt.where(Kompetensi.kode == kompetensi_kode)
    newest_first = (Asesmen.tanggal.desc(), Asesmen.created_at.desc(), Asesmen.__table__.c.seq.desc())
    result = await paginate(session, stmt.order_by(*newest_first), page)
    result.items = [_out(r[0], r[1], r[2]) for r in result.items]
    return result  # type: ignore[return-value]


@router.post(
    "/api/v1/asesmen/hasil-pelatihan", response_model=HasilPelatihanOut, status_code=201,
    summary="Ingest training outcomes from another service (honours Idempotency-Key)",
)
async def ingest(data: HasilPelatihanIn, request: Request, session: SessionDep, principal: Ingest, pegawai: PegawaiDep) -> JSONResponse:
    set_actor(session, principal, f"ingested from {data.sumber}")

    async def handler() -> tuple[int, object, dict[str, str]]:
        await require_nips_visible(pegawai, principal, [h.nip for h in data.hasil])
        ids = await service.ingest(session, data, principal.sub)
        return 201, HasilPelatihanOut(dicatat=len(ids), ids=ids), {}

    return await idempotent(request, session, principal.sub, handler)


@router.get("/api/v1/profil-kompetensi/{nip}", response_model=Profil, summary="Current competency profile of an employee")
async def profil(nip: str, request: Request, session: SessionDep, principal: Anyone, pegawai: PegawaiDep) -> Profil:
    nip = _valid_nip(nip)
    require_self_or_staff(principal, nip)
    await require_nips_visible(pegawai, principal, [nip])
    validity = request.app.state.settings.asesmen_validity_years
    return (await service.profiles(session, [nip], validity))[0]


@router.post("/api/v1/profil-kompetensi/bulk", response_model=ProfilBulkOut, summary="Profiles of up to 1,000 NIPs")
async def profil_bulk(data: ProfilBulkIn, request: Request, session: SessionDep, principal: Staff, pegawai: PegawaiDep) -> ProfilBulkOut:
    nips = _valid_nips(data.nips)
    visible = nips
    if not principal.reads_all:
        found = await pegawai.lookup_pegawai(nips, principal.token)
        visible = [n for n in nips if n in found]
    validity = request.app.state.settings.asesmen_validity_years
    items = await service.profiles(session, visible, validity)
    return ProfilBulkOut(items=items, missing=[n for n in dict.fromkeys(nips) if n not in set(visible)])


__all__ = ["Response", "router"]
