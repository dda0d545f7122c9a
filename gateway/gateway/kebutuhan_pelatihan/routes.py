"""HTTP routes of training needs: wiring only (the composition is in service.py, the rules in
kebutuhan.py)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, optional_parts, parts_description
from gateway.kebutuhan_pelatihan import service
from gateway.kebutuhan_pelatihan.schemas import KebutuhanPegawaiOut, KebutuhanUnitOut
from gateway.kebutuhan_pelatihan.sources import PARTS
from shared.access import Reporter
from shared.openapi import problems
from shared.responses import json_response
from shared.types import NipPath
from shared.workbook import XLSX_MEDIA, accepts_xlsx, attachment

router = APIRouter(prefix="/api/v1/kebutuhan-pelatihan", tags=["kebutuhan-pelatihan"])
XLSX: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX_MEDIA: {}}}}
RULES = (
    " Gaps and the weighted gap a program closes follow the training plan's rules (gateway/pelatihan, "
    "shared/rules/pelatihan.yaml), so this read and the plan agree. Sanctions are not part of the answer."
)


@router.get(
    "/pegawai/{nip}",
    response_model=KebutuhanPegawaiOut,
    operation_id="getKebutuhanPelatihanPegawai",
    summary="An employee's training needs and the programs that close them",
    description="The gaps against the position held's competency standard and against the career targets' "
    "standards; per gap the catalogue's programs that close it (the level they bring, JP, cost) with their batches "
    "open for enrollment (dates, seats left); the low-performance flag (latest final predikat Butuh Perbaikan or "
    "worse); the JP still owed this year (PNS: to the 20 JP minimum; PPPK: the room left under the 24 JP "
    "ceiling). Readable as the employee's record is: admin_bkpsdm anyone, admin_opd its OPD's employees, an "
    "employee itself, an atasan itself and its direct reports; anyone else 404." + RULES + parts_description(PARTS),
    responses=problems(404, 422, 502, 503),
    openapi_extra=optional_parts(PARTS),
)
async def get_kebutuhan_pegawai(nip: NipPath, compose: Compose) -> Response:
    body = await service.pegawai(compose, nip, date.today())
    return json_response(body, headers=compose.server_timing())


@router.get(
    "/unit/{unit_id}",
    response_model=KebutuhanUnitOut,
    operation_id="getKebutuhanPelatihanUnit",
    summary="A unit's training needs for the planning meeting",
    description="Everyone still employed in the unit and its sub-units: per competency of their positions' "
    "standards how many fall short, the levels short in total and on average (over those short); per employee "
    "its gaps, low-performance flag and JP owed; the programs with batches open in `tahun` that would close the "
    "most weighted gap per rupiah (free ones first; at most their seats left, the largest gaps first, at the "
    "cheapest open batch). Staff roles (403 for employees and atasan); admin_opd its own OPD's units, another "
    f"unit 404. With `Accept: {XLSX_MEDIA}` a workbook." + RULES + parts_description(PARTS),
    responses={**XLSX, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_kebutuhan_unit(
    request: Request,
    unit_id: uuid.UUID,
    compose: Compose,
    scope: Reporter,
    tahun: Annotated[
        int | None, Query(ge=2000, le=2100, description="The year (JP ledger, open batches); default this year")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Programs shown, 1-100")] = 20,
) -> Response:
    body = await service.unit(compose, unit_id, tahun or date.today().year, limit)
    if accepts_xlsx(request.headers.get("accept")):
        content = await asyncio.to_thread(service.unit_xlsx, body)
        return attachment(content, f"kebutuhan-pelatihan-{unit_id}.xlsx", headers=compose.server_timing())
    return json_response(body, headers=compose.server_timing())
