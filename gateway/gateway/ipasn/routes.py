"""HTTP routes of IP ASN: wiring only (the composition is in service.py, the scores in skor.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.ipasn import lembar, service
from gateway.ipasn.schemas import IpasnPegawaiOut, IpasnPemdaOut, IpasnUnitOut
from gateway.ipasn.sources import PARTS, PARTS_PEGAWAI
from shared.access import Reporter
from shared.openapi import problems
from shared.responses import json_response
from shared.rules import load_ipasn
from shared.types import NipPath
from shared.workbook import XLSX_MEDIA

router = APIRouter(prefix="/api/v1/ipasn", tags=["ipasn"])
RULES = load_ipasn()
PerTanggal = Annotated[
    date | None,
    Query(
        ge=date(2000, 1, 1),
        le=date(2100, 12, 31),
        description="The measurement date: the windows count back from it; today when absent",
    ),
]
Target = Annotated[
    float,
    Query(ge=0, le=100, description=f"The average aimed at (0-100); {RULES.target_bawaan:g} when absent"),
]
SCORING = (
    "Scores of Perban BKN 8/2019 (shared/rules/ipasn.yaml): kualifikasi from the highest education (max 25); "
    "kompetensi (max 40) from pengembangan's JP ledger: the leadership training of a struktural post or the "
    "functional training of a fungsional post (15, any time recorded), at least 20 JP of technical training "
    "(pelatihan_teknis and bimtek summed over the two years up to the measurement date, all or nothing: 15, or 22.5 "
    "for a pelaksana) and a seminar, workshop, course or internship in those two years (10, or 17.5 for a "
    "pelaksana); kinerja from the latest final SKP predikat (max 30; a 2022 predikat mapped onto the older steps); "
    "disiplin from the heaviest sanction whose TMT lies in the 12 months up to the measurement date (max 5). The "
    "category is the band whose lowest total the total reaches (90.5 is Tinggi). Values and readings that are not "
    "confirmed are listed in `aturan.belum_dikonfirmasi` and flagged `confirmed: false` where they apply. "
)


@router.get(
    "/pegawai/{nip}",
    response_model=IpasnPegawaiOut,
    operation_id="getIpasnPegawai",
    summary="IP ASN of an employee, with the evidence of each dimension",
    description=SCORING + "The evidence: the education, the entries counted with their JP and day, the predikat and "
    "its year, the sanction's level, kind, SK and TMT. Read as the employee's record is: admin_bkpsdm anyone, "
    "admin_opd its OPD's employees, an employee itself, an atasan itself and its direct reports; anyone else 404. "
    "The sanction behind the disiplin score only for those kinerja shows sanctions to (the admins, the employee); "
    "others see the score alone (`rincian_terlihat` false, `hukuman` null)." + parts_description(PARTS_PEGAWAI),
    responses=problems(404, 422, 502, 503),
    openapi_extra=optional_parts(PARTS_PEGAWAI),
)
async def get_ipasn_pegawai(nip: NipPath, compose: Compose, per_tanggal: PerTanggal = None) -> Response:
    body = await service.ipasn_pegawai(compose, nip, per_tanggal or date.today())
    return json_response(body, headers=compose.server_timing())


@router.get(
    "/unit/{unit_id}",
    response_model=IpasnUnitOut,
    operation_id="getIpasnUnit",
    summary="IP ASN of a unit and the units under it: average, distribution, weakest dimension, moves (JSON or XLSX)",
    description=SCORING + "Over every employee of the unit's subtree the caller reaches: the average and its "
    "category, the employees per category, the distance to `target`, each dimension's average against its maximum "
    "and the one losing the most points, and per kompetensi indicator the people lacking it and how much the "
    "average would rise if they all did it (explained); then one row per employee (the disiplin score alone). "
    f"With `Accept: {XLSX_MEDIA}` a workbook: summary, per category (with a column chart), per dimension (average "
    "against maximum, with a column chart), per employee (NIPs as text), the moves. A report: admin_bkpsdm any unit, "
    "admin_opd its OPD's units (another's: 404), integrasi and layanan any; other roles 403."
    + parts_description(PARTS),
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_ipasn_unit(
    request: Request,
    unit_id: uuid.UUID,
    compose: Compose,
    _: Reporter,
    per_tanggal: PerTanggal = None,
    target: Target = RULES.target_bawaan,
) -> Response:
    today = per_tanggal or date.today()
    body = await service.ipasn_unit(compose, unit_id, today, target)
    name = file_name("ipasn", body["unit"]["kode"] or unit_id, today.isoformat())
    return await compose.answer(request, body, lembar.unit_xlsx, name)


@router.get(
    "",
    response_model=IpasnPemdaOut,
    operation_id="getIpasnPemda",
    summary="IP ASN of the Pemda (or of the caller's OPD), per OPD and overall (JSON or XLSX)",
    description=SCORING + "The same summary as a unit's (average, distribution, target, weakest dimension, moves) "
    "over every employee the caller reaches, overall and per OPD, in one request: admin_bkpsdm, integrasi and "
    "layanan the whole Pemda, admin_opd its own OPD; other roles 403. No per-employee rows (a unit's answer has "
    f"them). With `Accept: {XLSX_MEDIA}` a workbook: summary, per OPD, per category and per dimension (with "
    "column charts), the moves." + parts_description(PARTS),
    responses={200: {"content": {XLSX_MEDIA: {}}}, **problems(403, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def get_ipasn_pemda(
    request: Request,
    compose: Compose,
    _: Reporter,
    per_tanggal: PerTanggal = None,
    target: Target = RULES.target_bawaan,
) -> Response:
    today = per_tanggal or date.today()
    body = await service.ipasn_pemda(compose, today, target)
    return await compose.answer(request, body, lembar.pemda_xlsx, file_name("ipasn-pemda", today.isoformat()))
