"""HTTP routes of training needs: wiring only (the composition is in service.py, the rules in
kebutuhan.py)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from gateway.compose import Compose, file_name, optional_parts, parts_description
from gateway.kebutuhan_pelatihan import rencana, service
from gateway.kebutuhan_pelatihan.schemas import KebutuhanPegawaiOut, KebutuhanUnitOut
from gateway.kebutuhan_pelatihan.schemas_rencana import (
    RencanaIn,
    RencanaOut,
    SkenarioRencanaIn,
    SkenarioRencanaOut,
    TerimaIn,
    TerimaOut,
)
from gateway.kebutuhan_pelatihan.sources import PARTS, PARTS_RENCANA, PARTS_SKENARIO
from shared.access import Capability, Reporter, Scope
from shared.errors import Forbidden
from shared.openapi import problems
from shared.responses import json_response
from shared.types import NipPath
from shared.workbook import XLSX_MEDIA

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
    return await compose.answer(request, body, service.unit_xlsx, file_name("kebutuhan-pelatihan", unit_id))


# --- the training plan (nothing is written) ----------------------------------------------------

PLAN = (
    " The budgets are pengembangan's `sisa` of the year per OPD (alokasi less what enrollments committed); an "
    "employee's OPD is its unit's. The plan is HiGHS's (scipy milp) within the rule file's time limit and gap, "
    "the greedy rule's plan on the same data beside it. A plan never spends more than an OPD's budget left, "
    "never fills more than a batch's seats, never enrolls anyone in a program developing no competency of the "
    "position's standard or a career target, at most one batch of a program and `maks_program_per_pegawai` "
    "programs per person, a PPPK never over the 24 JP ceiling. What is already on the way in the year (a "
    "pending proposal, an enrollment not cancelled or failed) is not planned again, takes one of the person's "
    "program slots, and its JP (not yet in the ledger) counts toward the 20 JP; pending proposals' cost is taken "
    "off the budget left. Nothing is written: accepting a plan is the proposals' (usulan). Staff roles (403 for "
    "employees and atasan); admin_opd its own OPD's units, another unit "
    "404; `unit_id` null (the whole Pemda) admin_bkpsdm only, else 403."
)


def _pemda(scope: Scope, unit_id: uuid.UUID | None) -> None:
    if unit_id is None and not scope.may(Capability.ADMIN):
        raise Forbidden("rencana-pelatihan-pemda")


@router.post(
    "/rencana",
    response_model=RencanaOut,
    operation_id="planPelatihan",
    summary="The budget-bound training plan of a unit or the whole Pemda for a year",
    description="Which employees to enroll in which open batch of the year: each enrollment with the gaps it closes, "
    "the weights and multipliers, its cost and JP; per OPD its budget used and what it could not cover; who stays "
    "below 20 JP and every reason why; the objective, the optimality gap, the solver's time, the greedy plan beside "
    "it; the spread over units; the adverse-impact report of the selection (gender and age group read for that "
    f"report only). `bobot` replaces weights of shared/rules/pelatihan.yaml. With `Accept: {XLSX_MEDIA}` a "
    "workbook." + PLAN + RULES + parts_description(PARTS_RENCANA),
    responses={**XLSX, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS_RENCANA),
)
async def plan_pelatihan(request: Request, data: RencanaIn, compose: Compose, scope: Reporter) -> Response:
    _pemda(scope, data.unit_id)
    bobot = data.bobot.override() if data.bobot else None
    body = await rencana.buat(compose, data.unit_id, data.tahun, bobot, data.maks_program_per_pegawai, date.today())
    name = file_name("rencana-pelatihan", data.unit_id or "pemda", data.tahun)
    return await compose.answer(request, body, rencana.rencana_xlsx, name)


@router.post(
    "/skenario",
    response_model=SkenarioRencanaOut,
    operation_id="compareSkenarioPelatihan",
    summary="The training plan under up to 5 scenarios, side by side",
    description="The same plan (data read once) under each scenario: every OPD's budget times `faktor_anggaran`, "
    "only low performers, only one OPD's people, other weights. Per scenario, in the order given, the plan's and "
    "the greedy rule's figures: weighted gap closed, people reaching 20 JP, cost, objective, solver time. The "
    "scenarios share one solver budget (`waktu_maks_permintaan_detik` of the rule file, 60 s): each gets what is "
    "left shared by those still to solve, at most one plan's limit; a plan stopped early is still never below the "
    "greedy rule's, and its `celah_mip` says how far from proven it stopped. "
    f"With `Accept: {XLSX_MEDIA}` a workbook for the budget meeting: the scenarios side by side with two charts "
    "(weighted gap closed; employees reaching 20 JP), the plan's beside the greedy rule's. Per scenario also "
    "`ipasn`, the projected change of the IP ASN kompetensi dimension (Perban BKN 8/2019, shared/rules/ipasn.yaml) "
    "of the same people once the plan's enrollments are done, counted by the program's kind within today's "
    "measurement window (who newly reaches 20 JP of technical training, gets a seminar or the training of the "
    "post): the unit's average before and after, and the index's." + PLAN + RULES + parts_description(PARTS_SKENARIO),
    responses={**XLSX, **problems(403, 404, 422, 502, 503)},
    openapi_extra=optional_parts(PARTS_SKENARIO),
)
async def compare_skenario(request: Request, data: SkenarioRencanaIn, compose: Compose, scope: Reporter) -> Response:
    _pemda(scope, data.unit_id)
    daftar = [
        {
            "nama": s.nama,
            "faktor_anggaran": s.faktor_anggaran,
            "hanya_kinerja_rendah": s.hanya_kinerja_rendah,
            "opd_id": s.opd_id,
            "bobot": s.bobot.override() if s.bobot else None,
        }
        for s in data.skenario
    ]
    body = await rencana.skenario(compose, data.unit_id, data.tahun, daftar)
    name = file_name("skenario-pelatihan", data.unit_id or "pemda", data.tahun)
    return await compose.answer(request, body, rencana.skenario_xlsx, name)


@router.post(
    "/rencana/terima",
    response_model=TerimaOut,
    operation_id="acceptRencanaPelatihan",
    summary="Accept a training plan: its enrollments become proposals",
    description="The plan the same parameters make now (as `planPelatihan`; `faktor_anggaran` a scenario's budget) "
    "is proposed in pengembangan (`POST /api/v1/usulan`, per OPD and batch, up to 500 NIPs a call) with the "
    "caller's token, so its rules hold as for any proposal (relevance, the OPD's own employees, batches open; "
    "BKPSDM still approves). Each call carries an Idempotency-Key derived from what it proposes: accepting the "
    "same call again creates nothing again (pengembangan replays its answers), and what is already proposed "
    "(pending) or enrolled in a batch is not proposed again (`sudah_diusulkan`). An OPD admin may not accept a plan "
    "spending more than an OPD's budget left (409); admin_bkpsdm may (approval then needs the override). "
    "Employees, atasan and the machine readers 403; `unit_id` null admin_bkpsdm only (403)."
    + RULES
    + parts_description(PARTS_RENCANA),
    responses=problems(403, 404, 409, 422, 502, 503),
    openapi_extra=optional_parts(PARTS_RENCANA),
)
async def accept_rencana(data: TerimaIn, compose: Compose, scope: Reporter) -> Response:
    _pemda(scope, data.unit_id)
    scope.require(Capability.WRITE)  # the machine readers read plans, never propose
    body = await rencana.terima(
        compose,
        data.unit_id,
        data.tahun,
        data.bobot.override() if data.bobot else None,
        data.maks_program_per_pegawai,
        data.faktor_anggaran,
        data.alasan,
        within_budget_only=not scope.may(Capability.ADMIN),
        today=date.today(),
    )
    return json_response(body, headers=compose.server_timing())
