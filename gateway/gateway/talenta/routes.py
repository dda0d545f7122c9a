"""HTTP routes of the talent map: wiring only (the composition is in service.py, the decisions in
kotak.py and suksesi.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.talenta import service
from gateway.talenta.lembar import talenta_xlsx
from gateway.talenta.schemas import TalentaPegawaiOut, TalentaUnitOut
from gateway.talenta.sources import PARTS, PARTS_PEGAWAI
from shared.access import Reporter
from shared.openapi import problems
from shared.responses import json_response
from shared.rules import load_talenta
from shared.types import NipPath
from shared.workbook import XLSX_MEDIA

router = APIRouter(prefix="/api/v1/talenta", tags=["talenta"])
RULES = load_talenta()
READINGS = (
    " The boxes, their numbering (box 4: kinerja above expectation, potensial low; box 6: kinerja below "
    "expectation, potensial high) and their recommendations are PermenPAN-RB 3/2020's as amended by 20/2025; how "
    "the axes are read from the platform's records and a successor's readiness are the platform's readings, "
    "marked unconfirmed in `aturan.dikonfirmasi`: kinerja from the latest final annual predikat of the last "
    f"{RULES.kinerja_tahun_maks} final years (sangat baik: di atas, baik: sesuai, the rest: di bawah), the years "
    "before shown as evidence; potensial from the JPM band of the person's profile against the standard of the "
    f"position held (optimal: tinggi, cukup optimal: menengah, kurang optimal: rendah), only from an assessment at "
    f"most {RULES.asesmen_maks_tahun} years old. Whoever lacks either is listed in `tidak_terpetakan` with every "
    "reason, never dropped. Sanctions are not read and never appear; gender and birth date are not read."
)


@router.get(
    "/unit/{unit_id}",
    response_model=TalentaUnitOut,
    operation_id="getTalentaUnit",
    summary="Talent map (9-box) of a unit with the successors of its key positions",
    description="Every employee of the unit and the units under it in the talent box, with the evidence of each "
    "axis (the predikat per year; the JPM, the assessment date, the levels held against those required) and what "
    "the box recommends; the people per box (3x3, `grid` as the box is drawn); the not mapped apart with their "
    "reasons. The unit's key positions (structural: JPT, administrator, pengawas; or marked `kunci` in pegawai) with "
    "their successors: people of boxes 7-9 among everyone the caller reaches (admin_bkpsdm, integrasi and layanan: "
    "the whole Pemda; admin_opd: its OPD) but the holders, ranked by JPM against the position, each ready now "
    "(minimum education and golongan met, JPM optimal) or in one or two years (JPM cukup optimal, or one golongan "
    "step short), with the gaps per competency; the first `suksesor_max` shown, and a position without a successor "
    "ready now flagged (`tanpa_siap_sekarang`). A report: admin_bkpsdm any unit, admin_opd its own OPD's units "
    "(another's: 404), integrasi and layanan any; employees and atasan 403 (an employee reads its own box through "
    f"getTalentaPegawai). With `Accept: {XLSX_MEDIA}` a workbook for the talent committee: the 9-box grid, the "
    "counts per box with a bubble chart, the employees, the not mapped, the successors."
    + READINGS
    + parts_description(PARTS),
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_talenta_unit(
    request: Request,
    unit_id: uuid.UUID,
    compose: Compose,
    _: Reporter,
    suksesor_max: Annotated[
        int,
        Query(
            ge=1,
            le=RULES.suksesor_maks,
            description=f"Successors shown per key position (1-{RULES.suksesor_maks})",
            examples=[RULES.suksesor_default],
        ),
    ] = RULES.suksesor_default,
) -> Response:
    today = date.today()
    body = await service.talenta_unit(compose, unit_id, suksesor_max, today)
    name = file_name("talenta", body["unit"]["kode"] or unit_id, today.isoformat())
    return await compose.answer(request, body, talenta_xlsx, name)


@router.get(
    "/pegawai/{nip}",
    response_model=TalentaPegawaiOut,
    operation_id="getTalentaPegawai",
    summary="An employee's place in the talent map (9-box) with its evidence",
    description="The box of one employee with the evidence of each axis and what the box recommends, or the reasons "
    "it is not mapped. Readable as the employee's record is: admin_bkpsdm anyone, admin_opd its OPD's employees, an "
    "employee itself, an atasan itself and its direct reports; anyone else 404."
    + READINGS
    + parts_description(PARTS_PEGAWAI),
    responses=problems(404, 422, 502, 503),
    openapi_extra=optional_parts(PARTS_PEGAWAI),
)
async def get_talenta_pegawai(nip: NipPath, compose: Compose) -> Response:
    body = await service.talenta_pegawai(compose, nip, date.today())
    return json_response(body, headers=compose.server_timing())
