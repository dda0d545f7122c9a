"""HTTP routes of staffing reports: kebutuhan per position and unit, and the retirement projection."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from pegawai.kebutuhan import service
from pegawai.kebutuhan.schemas import KebutuhanJabatan, KebutuhanUnit, ProyeksiPensiun, StatusKebutuhan
from pegawai.unit_organisasi.models import JenisUnit
from shared.access import Reporter
from shared.db import SessionDep
from shared.openapi import problems
from shared.pagination import Page, Paging
from shared.responses import json_response
from shared.types import JenisJabatan

router = APIRouter(tags=["kebutuhan"])
# A projection reads decades ahead at most; dates beyond this are typing errors.
EARLIEST, LATEST = date(1990, 1, 1), date(2100, 12, 31)


@router.get(
    "/api/v1/kebutuhan/jabatan",
    response_model=Page[KebutuhanJabatan],
    operation_id="listKebutuhanJabatan",
    summary="Staffing per position",
    description="Required headcount (kebutuhan, from ABK), serving holders (bezetting) and the difference per "
    "position, largest shortage first. For BKPSDM, OPD admins (their OPD) and integrasi.",
    responses=problems(403, 404),
)
async def kebutuhan_jabatan(
    session: SessionDep,
    scope: Reporter,
    page: Paging,
    unit_id: Annotated[uuid.UUID | None, Query(description="A unit and everything under it")] = None,
    jenis: Annotated[list[JenisJabatan] | None, Query(max_length=20)] = None,
    status: StatusKebutuhan | None = None,
) -> Response:
    return (await service.per_jabatan(session, scope, page, unit_id=unit_id, jenis=jenis, status=status)).response()


@router.get(
    "/api/v1/kebutuhan/unit",
    response_model=list[KebutuhanUnit],
    operation_id="listKebutuhanUnit",
    summary="Staffing rolled up per unit and OPD",
    description="Per unit, the totals of its whole subtree; shortages are summed per position, so a surplus in "
    "one position does not hide a shortage in another.",
    responses=problems(403, 404),
)
async def kebutuhan_unit(
    session: SessionDep,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    jenis_unit: Annotated[JenisUnit | None, Query(description="Only units of this kind, e.g. opd")] = None,
) -> Response:
    rows = await service.per_unit(session, scope, unit_id=unit_id, jenis_unit=jenis_unit)
    return json_response([r.model_dump() for r in rows])


@router.get(
    "/api/v1/proyeksi-pensiun",
    response_model=ProyeksiPensiun,
    operation_id="getProyeksiPensiun",
    summary="Retirements and vacancies within N years",
    description="Who reaches the retirement age (BUP) of their position kind within `tahun` calendar years, their "
    "TMT pensiun, and the vacancies that follow per year and per position.",
    responses=problems(403, 404),
)
async def proyeksi_pensiun(
    session: SessionDep,
    scope: Reporter,
    tahun: Annotated[int, Query(ge=1, le=40, description="Horizon in calendar years, this year included")] = 5,
    unit_id: uuid.UUID | None = None,
    per_tanggal: Annotated[
        date | None, Query(ge=EARLIEST, le=LATEST, description="Project from this date (1990-2100) instead of today")
    ] = None,
) -> Response:
    result = await service.proyeksi(session, scope, tahun=tahun, today=per_tanggal or date.today(), unit_id=unit_id)
    return json_response(result.model_dump())
