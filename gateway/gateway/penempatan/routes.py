"""HTTP routes of placement: wiring only (the composition is in service.py, the decisions in the
pure modules beside it)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.penempatan import service
from gateway.penempatan.schemas import KandidatOut, Mode, OptimasiIn, OptimasiOut, RekomendasiOut
from gateway.penempatan.sources import PARTS
from shared.access import Reporter
from shared.openapi import problems
from shared.responses import json_response
from shared.types import NipPath
from shared.workbook import XLSX_MEDIA

router = APIRouter(prefix="/api/v1/penempatan", tags=["penempatan"])
XLSX: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX_MEDIA: {}}}}
SANCTIONS = (
    " Running sanctions count only where kinerja shows them to the caller (admin_bkpsdm; admin_opd for its OPD's "
    "employees; the employee itself): for anyone else eligibility rests on the rest, each person says whether its "
    "sanctions were checked (`hukdis_diperiksa`) and `catatan` says how many were not."
)
FAIRNESS = (
    " Gender and birth date are read only for the adverse-impact report (four-fifths rule); ranking and "
    "optimisation never get them."
)


@router.get(
    "/jabatan/{jabatan_id}/kandidat",
    response_model=KandidatOut,
    operation_id="listKandidatJabatan",
    summary="Ranked candidates for a position",
    description="Every employee the caller reaches (admin_bkpsdm: the whole Pemda; admin_opd: its OPD; integrasi "
    "and layanan: the whole Pemda) but the position's holders, checked under `mode` (penempatan_kembali: the same "
    "kelas; promosi: up the allowed classes in the same rumpun, predikat of the last two years; rotasi: the same "
    "kelas in another unit) and ranked by the criteria of shared/rules/penempatan.yaml, explained in `kriteria`: "
    "eligible first, JPM, latest predikat, career interest, a fixed draw. The first `limit` eligible with JPM, gaps "
    "per competency, predikat and career interest; the first `limit` ineligible apart with every reason, and the "
    "counts. The adverse-impact report compares the shown candidates with the eligible pool. A position out of "
    "reach: 404. Staff roles only (403 for employees and atasan). With `Accept: "
    f"{XLSX_MEDIA}` a workbook for a Baperjakat meeting." + SANCTIONS + FAIRNESS + parts_description(PARTS),
    responses={**XLSX, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def list_kandidat(
    request: Request,
    jabatan_id: uuid.UUID,
    compose: Compose,
    scope: Reporter,
    mode: Annotated[Mode, Query(description="The kind of move")] = Mode.PENEMPATAN_KEMBALI,
    limit: Annotated[int, Query(ge=1, le=200, description="Eligible (and ineligible) shown, 1-200")] = 20,
) -> Response:
    body = await service.kandidat(compose, jabatan_id, mode.value, limit, date.today())
    return await compose.answer(request, body, service.kandidat_xlsx, file_name("kandidat", jabatan_id))


@router.get(
    "/pegawai/{nip}/rekomendasi",
    response_model=RekomendasiOut,
    operation_id="listRekomendasiPegawai",
    summary="Positions that fit an employee best",
    description="The positions the caller reaches, with a competency standard, at the kelas the employee may move "
    "to (the same kelas, or a promotion within the allowed classes), best first: eligible, JPM, career interest, "
    "vacancy (kebutuhan minus bezetting); each with its JPM, gaps, every reason it is not eligible, and vacancy. "
    "Readable as the employee's record is: admin_bkpsdm anyone, admin_opd its OPD's employees, an employee itself "
    "(positions: only those it reaches, its own), an atasan itself and its direct reports; anyone else 404."
    + SANCTIONS
    + parts_description(PARTS),
    responses=problems(404, 422, 502, 503),
    openapi_extra=optional_parts(PARTS),
)
async def list_rekomendasi(
    nip: NipPath,
    compose: Compose,
    mode: Annotated[Mode | None, Query(description="Only moves of this kind")] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Positions shown, 1-100")] = 20,
) -> Response:
    body = await service.rekomendasi(compose, nip, mode.value if mode else None, limit, date.today())
    return json_response(body, headers=compose.server_timing())


@router.post(
    "/optimasi",
    response_model=OptimasiOut,
    operation_id="computeOptimasiPenempatan",
    summary="Optimal re-placement of a unit or the whole Pemda (a proposal)",
    description="Nothing is written: the answer is a proposal. Every person of the unit (none: the whole Pemda, "
    "admin_bkpsdm only) placed in the seats (kebutuhan) of its positions for the highest total JPM, each only where "
    "eligible and, unless `lintas_kelas`, at its kelas; `ambang_tetap` keeps in place whoever reaches that JPM in "
    "the position held; `maks_pindah` limits the moves. The answer: each person's JPM before and after, positions "
    "left short (fill by internal promotion, then CPNS formation), people left over, the optimal and the greedy "
    "totals, solver time, whether HiGHS proved the answer optimal, and the adverse-impact report (selection: those "
    "moved into a new seat; pool: the people in the problem). A move limit or `lintas_kelas` over more than "
    f"{service.MAKS_ORANG_TERIKAT:,} people: 422 (narrow it to a unit); a move limit below the moves the status quo "
    "forces: 422 naming the minimum. Staff roles (403 for employees and atasan); a unit out of reach 404. With "
    f"`Accept: {XLSX_MEDIA}` a workbook." + SANCTIONS + FAIRNESS + parts_description(PARTS),
    responses={**XLSX, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS),
)
async def compute_optimasi(request: Request, data: OptimasiIn, compose: Compose, scope: Reporter) -> Response:
    service.check_scope(scope, data)
    body = await service.optimasi_unit(compose, data, date.today())
    return await compose.answer(request, body, service.optimasi_xlsx, file_name("optimasi-penempatan"))
