"""HTTP route of the needs plan: wiring only (the composition is in service.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.perencanaan import service
from gateway.perencanaan.schemas import PerencanaanOut
from gateway.perencanaan.sources import PARTS
from shared.access import Reporter
from shared.openapi import problems
from shared.rules import load_perencanaan
from shared.workbook import XLSX_MEDIA

router = APIRouter(prefix="/api/v1/perencanaan", tags=["perencanaan"])
RULES = load_perencanaan()


@router.get(
    "/unit/{unit_id}",
    response_model=PerencanaanOut,
    operation_id="getPerencanaanUnit",
    summary="Needs plan of a unit: shortages, retirements and the CPNS/PPPK formation to request",
    description="For every position of the unit and the units under it: the required headcount (kebutuhan, from "
    "ABK), the serving holders (bezetting), the shortage or surplus today; the holders reaching the retirement age "
    "(BUP) of their position in each of the next `tahun` calendar years (this year included); and the seats to fill "
    "each year if nobody is appointed, by the path of the position's kind (`aturan.jalur`, from "
    "shared/rules/perencanaan.yaml: a CPNS formation for jabatan pelaksana, a PPPK formation for jabatan "
    "fungsional, which PP 49/2018 lets PPPK fill; managerial positions are filled by promotion and requested as no "
    "formation). Rolled up per unit (the positions placed in it), per OPD and for the whole request, per year: a "
    "surplus in one position never hides a shortage in another (shortages are summed per position). "
    "The figures start from today's seats (`penempatan_ulang.diterapkan` false), or with `setelah_penempatan=true` "
    "from the seats each position holds after the optimal re-placement of the same unit (the answer of "
    "`computeOptimasiPenempatan` with `unit_id` and its defaults: within each kelas, no threshold, no move limit; the "
    "caller's token, so the same scope and the same 403/404), computed for this answer: a proposal, nobody is moved; "
    "`penempatan_ulang.diterapkan` true, and its `keterangan` says how many would move. Retirements stay with the "
    "position each retiree holds today. That adds the re-placement's reads (pegawai, kompetensi, kinerja) and its "
    "solve to the answer's time. "
    f"With `Accept: {XLSX_MEDIA}` the answer is a workbook for the planning meeting (summary, per year, per OPD, per "
    "unit, per position; values only, codes as text). Three reads of pegawai with the caller's token (the staffing "
    "list's pages at once), whatever the size of the unit. A report: admin_bkpsdm any unit, admin_opd its own OPD's "
    "units (another's: 404), integrasi and layanan any; other roles 403." + parts_description(PARTS),
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_perencanaan_unit(
    request: Request,
    unit_id: uuid.UUID,
    compose: Compose,
    _: Reporter,
    tahun: Annotated[
        int,
        Query(
            ge=1,
            le=RULES.horizon_max,
            description=f"Horizon in calendar years, this year included (1-{RULES.horizon_max})",
            examples=[RULES.horizon_default],
        ),
    ] = RULES.horizon_default,
    setelah_penempatan: Annotated[
        bool,
        Query(
            description="Plan from the seats filled after the optimal re-placement of the same unit (a proposal, "
            "computed now, nothing moved) instead of today's bezetting"
        ),
    ] = False,
) -> Response:
    today = date.today()
    body = await service.perencanaan(compose, unit_id, tahun, today, penempatan_ulang=setelah_penempatan)
    name = file_name("perencanaan", body["unit"]["kode"] or unit_id, today.year)
    return await compose.answer(request, body, service.perencanaan_xlsx, name)
