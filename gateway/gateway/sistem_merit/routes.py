"""HTTP route of the merit system's evidence: wiring only (the composition is in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.sistem_merit import service
from gateway.sistem_merit.schemas import SistemMeritOut
from gateway.sistem_merit.sources import PARTS
from shared.access import Reporter
from shared.openapi import problems
from shared.workbook import XLSX_MEDIA

router = APIRouter(prefix="/api/v1/sistem-merit", tags=["sistem-merit"])


@router.get(
    "",
    response_model=SistemMeritOut,
    operation_id="getSistemMerit",
    summary="The evidence of the merit system the platform holds, per indicator of PermenPAN-RB 19/2025",
    description="For each aspect and indicator of PermenPAN-RB 19/2025 (which replaced 40/2018; the 0-4 scale is "
    "the evaluator's, the platform does not score): the figures the platform holds, each a numerator over a "
    "denominator with its share, period, source service and status (terbukti / sebagian / tidak_dapat), and the "
    "indicators it cannot show with the reason (documents, payroll, another system); then the aspects of the "
    "40/2018 KASN index, each on the 19/2025 evidence that serves it (weights unconfirmed). The figures "
    "(shared/rules/sistem_merit.yaml): positions with job analysis, kelas jabatan, a need in the peta jabatan and "
    "the needed seats filled (pegawai); positions with a competency standard and managerial ones with a complete "
    "one, employees measured in the last three years per kind of position, promotions of the year (pegawai's "
    "position history, to a higher kelas) whose appointee's JPM against the new position reaches the optimal band "
    "(a reading until a talent map exists) (kompetensi); SKP of the year agreed and with a final predikat, "
    "sanctions with their SK number and date (kinerja; not shown to a role that may not see sanctions); approved "
    "proposals relevant to the job, PNS with 20 JP this year (pengembangan); employee records with education, "
    "golongan, position and birth date (pegawai). Scope: `unit_id` (or `opd_id`) and its subtree; else everything "
    "the caller reaches: admin_bkpsdm, integrasi and layanan the whole Pemda, admin_opd its own OPD (another OPD "
    "or unit: 404); other roles 403. Each service counts once with the caller's token, whatever the number of "
    "employees; for a caller that reaches everyone the gateway reads pegawai's roster once and passes it to the "
    "four counts over it (SKP, assessments, proposals, JP), and kompetensi takes the positions pegawai listed, so "
    "none of them asks pegawai again (anyone else's counts each read pegawai's answer to its own token). "
    f"With `Accept: {XLSX_MEDIA}` the answer is a workbook for the self-assessment meeting (a sheet per "
    "framework, the indicators the platform cannot show, the shares with a bar chart)." + parts_description(PARTS),
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_sistem_merit(
    request: Request,
    compose: Compose,
    scope: Reporter,
    unit_id: Annotated[uuid.UUID | None, Query(description="Only this unit and the units under it")] = None,
    opd_id: Annotated[
        uuid.UUID | None, Query(description="Only this OPD and its units (`unit_id` takes precedence)")
    ] = None,
    tahun: Annotated[
        int | None, Query(ge=2000, le=2100, description="The calendar year; this year when absent")
    ] = None,
) -> Response:
    today = date.today()
    year = tahun or today.year
    body = await service.sistem_merit(compose, year, today, unit_id, opd_id, scope.principal.opd_id)
    return await compose.answer(request, body, service.sistem_merit_xlsx, file_name("sistem-merit", year))
