from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pegawai.access import Scope, ScopeDep
from pegawai.kebutuhan import queries, service
from pegawai.kebutuhan.schemas import KebutuhanJabatan, KebutuhanUnit, ProyeksiPensiun, StatusKebutuhan
from shared.db import SessionDep
from shared.errors import Forbidden, NotFound
from shared.pagination import Page, PageParams, paginate

router = APIRouter(tags=["kebutuhan"])


def _staff_only(scope: Scope) -> None:
    if scope.self_nip is not None:
        raise Forbidden("Staffing reports are for admin_bkpsdm, admin_opd and integrasi.")


def _status(selisih: int) -> StatusKebutuhan:
    return StatusKebutuhan.KURANG if selisih < 0 else StatusKebutuhan.LEBIH if selisih > 0 else StatusKebutuhan.SESUAI


@router.get("/api/v1/kebutuhan/jabatan", response_model=Page[KebutuhanJabatan], summary="Staffing per position")
async def kebutuhan_jabatan(
    session: SessionDep,
    scope: ScopeDep,
    page: Annotated[PageParams, Depends()],
    unit_id: Annotated[uuid.UUID | None, Query(description="A unit and everything under it")] = None,
    jenis: Annotated[list[str] | None, Query()] = None,
    status: StatusKebutuhan | None = None,
) -> Page[KebutuhanJabatan]:
    _staff_only(scope)
    if unit_id is not None:
        scope.require_unit(unit_id)
    stmt = queries.per_jabatan_statement(
        unit_scope=scope.unit_ids, unit_id=unit_id, jenis=jenis, status=status.value if status else None
    )
    result = await paginate(session, stmt, page)
    result.items = [
        KebutuhanJabatan(**dict(row._mapping), status=_status(row.selisih))  # type: ignore[union-attr]
        for row in result.items
    ]
    return result  # type: ignore[return-value]


@router.get("/api/v1/kebutuhan/unit", response_model=list[KebutuhanUnit], summary="Staffing rolled up per unit and OPD")
async def kebutuhan_unit(
    session: SessionDep,
    scope: ScopeDep,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    jenis_unit: Annotated[str | None, Query(description="Only units of this kind, e.g. opd")] = None,
) -> list[KebutuhanUnit]:
    _staff_only(scope)
    roots: list[uuid.UUID] | None = None
    if unit_id is not None:
        scope.require_unit(unit_id)
        roots = [unit_id]
    elif scope.unit_ids is not None:
        if scope.principal.opd_id is None:
            raise NotFound("Your token names no OPD.")
        roots = [scope.principal.opd_id]
    rows = await queries.per_unit(session, roots)
    return [KebutuhanUnit(**r) for r in rows if jenis_unit in (None, r["jenis"])]


@router.get("/api/v1/proyeksi-pensiun", response_model=ProyeksiPensiun, summary="Retirements and vacancies within N years")
async def proyeksi_pensiun(
    session: SessionDep,
    scope: ScopeDep,
    tahun: Annotated[int, Query(ge=1, le=40, description="Horizon in calendar years, this year included")] = 5,
    unit_id: uuid.UUID | None = None,
    per_tanggal: Annotated[date | None, Query(description="Project from this date instead of today")] = None,
) -> ProyeksiPensiun:
    _staff_only(scope)
    if unit_id is not None:
        scope.require_unit(unit_id)
    return await service.proyeksi_pensiun(
        session, tahun=tahun, today=per_tanggal or date.today(), unit_scope=scope.unit_ids, unit_id=unit_id
    )
